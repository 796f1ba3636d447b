"""The cook's dashboard: your recipes and their ingredients, on every visit.

The page is rendered on every request, but the list below only changes when one
of your recipes does: cache the fragment, not the page.
"""

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Count, Max
from django.shortcuts import render

from recipes.models import Recipe


@login_required
def dashboard(request):
    # A lazy queryset: its two queries (recipes, then their ingredients) run only
    # where the template iterates it.
    recipes = Recipe.objects.filter(author=request.user).prefetch_related("ingredients")
    # If you key the cached fragment by a version of the data, compute it here and put
    # it in the context. Keep it cheap: it runs on every request, cache hit or not.
    return render(request, "kitchen/dashboard.html", {"recipes": recipes})
