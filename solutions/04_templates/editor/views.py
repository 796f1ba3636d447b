"""Create and edit a recipe and its ingredients on one page, in one POST."""

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from editor.forms import IngredientFormSet, RecipeForm
from recipes.models import Recipe


def edit_recipe(request, recipe):
    """One flow for both views: bind both parts, save both or neither."""
    if request.method == "POST":
        form = RecipeForm(request.POST, instance=recipe)
        formset = IngredientFormSet(request.POST, instance=recipe)
        # Validate both before saving either (a list, not `and`, runs both validations),
        # so an invalid ingredient never leaves a recipe saved without it.
        if all([form.is_valid(), formset.is_valid()]):
            with transaction.atomic():
                recipe = form.save(commit=False)
                recipe.author = request.user  # from the session, never from the POST
                recipe.save()
                form.save_m2m()  # none today; commit=False defers many-to-many fields
                formset.instance = recipe
                formset.save()  # adds, changes and deletes the rows
            return redirect("editor:edit", slug=recipe.slug)
    else:
        form = RecipeForm(instance=recipe)
        formset = IngredientFormSet(instance=recipe)
    context = {"form": form, "formset": formset, "recipe": recipe if recipe.pk else None}
    return render(request, "editor/recipe_form.html", context)


@login_required
def recipe_create(request):
    """GET: an empty recipe form and ingredient rows. POST: create both, then go to
    the recipe's edit page. Any invalid part: show the page again, save nothing."""
    return edit_recipe(request, Recipe())


@login_required
def recipe_edit(request, slug):
    """Edit one of your own recipes (another cook's is a 404): change, add and
    delete its ingredients in the same POST."""
    recipe = get_object_or_404(Recipe, slug=slug, author=request.user)
    return edit_recipe(request, recipe)
