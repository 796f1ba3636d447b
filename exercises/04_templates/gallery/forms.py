from django import forms

from recipes.models import Recipe


class RecipeImageForm(forms.ModelForm):
    """Upload a recipe's picture: a PNG or a JPEG of at most 1 MiB."""

    class Meta:
        model = Recipe
        fields = ["image"]

    # TODO: [static_media] make the image required here (the model allows a recipe
    # without one), and run gallery.validators' two validators on it.
