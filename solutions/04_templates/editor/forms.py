"""The recipe editor's forms: the recipe itself, and its ingredients as a formset."""

from django import forms

from recipes.models import Ingredient, Recipe


class RecipeForm(forms.ModelForm):
    class Meta:
        model = Recipe
        # An allow-list of what the browser may set. The author is not on it: the view
        # takes it from request.user, so a posted author=<id> is simply ignored.
        fields = ["title", "slug", "description"]


# can_delete adds a DELETE checkbox per row; min_num=1 with validate_min makes "no
# ingredient left" a formset error (too_few_forms), counting rows marked DELETE as gone.
IngredientFormSet = forms.inlineformset_factory(
    Recipe,
    Ingredient,
    fields=["name", "quantity"],
    extra=3,
    can_delete=True,
    min_num=1,
    validate_min=True,
)
