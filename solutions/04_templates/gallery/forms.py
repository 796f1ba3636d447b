from django import forms

from gallery.validators import validate_image_size, validate_image_type
from recipes.models import Recipe


class RecipeImageForm(forms.ModelForm):
    """Upload a recipe's picture: a PNG or a JPEG of at most 1 MiB."""

    # Declared here, the field replaces the one built from the model: required (the model
    # has blank=True), and validated by size first (cheap) then by content.
    image = forms.FileField(max_length=100, validators=[validate_image_size, validate_image_type])

    class Meta:
        model = Recipe
        fields = ["image"]
