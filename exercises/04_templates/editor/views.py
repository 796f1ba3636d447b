"""Create and edit a recipe and its ingredients on one page, in one POST."""

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from editor.forms import IngredientFormSet, RecipeForm
from recipes.models import Recipe


@login_required
def recipe_create(request):
    """GET: an empty recipe form and ingredient rows. POST: create both, then go to
    the recipe's edit page. Any invalid part: show the page again, save nothing."""
    # TODO: [modelforms] handle the ingredient formset as well, and make the
    # logged-in user the author (save(commit=False)).
    if request.method == "POST":
        form = RecipeForm(request.POST)
        if form.is_valid():
            recipe = form.save()
            return redirect("editor:edit", slug=recipe.slug)
    else:
        form = RecipeForm()
    return render(request, "editor/recipe_form.html", {"form": form})


@login_required
def recipe_edit(request, slug):
    """Edit one of your own recipes (another cook's is a 404): change, add and
    delete its ingredients in the same POST."""
    recipe = get_object_or_404(Recipe, slug=slug, author=request.user)
    # TODO: [modelforms] the same as recipe_create, for an existing recipe.
    form = RecipeForm(instance=recipe)
    return render(request, "editor/recipe_form.html", {"form": form, "recipe": recipe})
