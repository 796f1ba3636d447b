"""The form visitors fill in to suggest a recipe to the editors.

The rules (the specs check each one, with its error code):

- title: required, at most 80 characters; runs of spaces collapse to one and
  the ends are trimmed ("  Lemon   tart " is "Lemon tart"); never shouting
  (validators.validate_not_shouting, code "shouting"); not the title of an
  existing recipe, whatever its case (code "duplicate").
- servings: a whole number from 1 to 24 (codes "min_value", "max_value").
- prep_minutes, cook_minutes: whole numbers, 0 or more; together more than 0:
  a recipe takes some time. That rule belongs to neither field alone: it is a
  non-field error, code "no_time".
- email: where the editors answer.
"""

from django import forms
from django.core.exceptions import ValidationError

from recipes.models import Recipe
from suggestions.validators import validate_not_shouting


class RecipeSuggestionForm(forms.Form):
    # On the field, the validator runs wherever the field is used, before clean_title().
    title = forms.CharField(max_length=80, validators=[validate_not_shouting])
    # min_value/max_value add Django's own validators, with the codes min_value/max_value
    # (and the min/max attributes on the <input>).
    servings = forms.IntegerField(min_value=1, max_value=24)
    prep_minutes = forms.IntegerField(min_value=0)
    cook_minutes = forms.IntegerField(min_value=0)
    email = forms.EmailField()

    def clean_title(self):
        # Runs after the field's own cleaning and validators: the value is a str here.
        title = " ".join(self.cleaned_data["title"].split())
        if Recipe.objects.filter(title__iexact=title).exists():
            raise ValidationError(
                "A recipe called %(title)s is already on the site.",
                code="duplicate",
                params={"title": title},
            )
        return title  # what clean_<field>() returns replaces the value in cleaned_data

    def clean(self):
        cleaned_data = super().clean()
        prep = cleaned_data.get("prep_minutes")
        cook = cleaned_data.get("cook_minutes")
        # A field that failed is missing from cleaned_data: judge the rule only when
        # both values are known (0 is a value, so compare with None, not truthiness).
        if prep is not None and cook is not None and prep + cook == 0:
            # Raised from clean(), the error is a non-field error (form.non_field_errors()).
            raise ValidationError(
                "Give a preparation or a cooking time: a recipe takes some time.",
                code="no_time",
            )
        return cleaned_data
