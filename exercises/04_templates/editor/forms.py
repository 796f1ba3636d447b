"""The recipe editor's forms: the recipe itself, and its ingredients as a formset."""

from django import forms

from recipes.models import Ingredient, Recipe


class RecipeForm(forms.ModelForm):
    class Meta:
        model = Recipe
        # TODO: [modelforms] the author is whoever is logged in, never a field the browser
        # can post: take it out of the form (the view sets it).
        fields = ["title", "slug", "description", "author"]


# TODO: [modelforms] let the cook delete ingredients in the same form (a DELETE
# checkbox per row), and require at least one ingredient that is not deleted.
IngredientFormSet = forms.inlineformset_factory(
    Recipe,
    Ingredient,
    fields=["name", "quantity"],
    extra=3,
    can_delete=False,
)
