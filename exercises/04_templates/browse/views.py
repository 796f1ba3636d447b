from django.db.models import Count
from django.shortcuts import render

from recipes.models import Recipe


def recipe_list(request):
    """Every recipe, or those whose title contains ?q=, or those by ?author=<username>."""
    q = request.GET.get("q", "").strip()
    author = request.GET.get("author", "").strip()
    # An aggregate drops Meta.ordering (GROUP BY queries ignore it): order explicitly.
    recipes = (
        Recipe.objects.select_related("author")
        .annotate(ingredient_count=Count("ingredients"))
        .order_by("title")
    )
    if q:
        recipes = recipes.filter(title__icontains=q)
    if author:
        recipes = recipes.filter(author__username=author)
    return render(request, "browse/recipe_list.html", {"recipes": recipes, "q": q})
