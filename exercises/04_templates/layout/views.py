from django.shortcuts import render

from recipes.models import Recipe


def home(request):
    """The newest recipes as teasers, under the kitchen's notice of the day."""
    recipes = Recipe.objects.order_by("-updated_at")[:3]
    return render(
        request,
        "layout/home.html",
        {"recipes": recipes, "note": "Our kitchen is closed on Sundays."},
    )
