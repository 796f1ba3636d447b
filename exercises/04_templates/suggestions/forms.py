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

from recipes.models import Recipe
from suggestions.validators import validate_not_shouting


class RecipeSuggestionForm(forms.Form):
    # TODO: [forms] attach validate_not_shouting to the field itself.
    title = forms.CharField(max_length=80)
    # TODO: [forms] only 1 to 24 servings, with Django's own codes min_value and max_value.
    servings = forms.IntegerField()
    prep_minutes = forms.IntegerField(min_value=0)
    cook_minutes = forms.IntegerField(min_value=0)
    email = forms.EmailField()

    # TODO: [forms] clean_title(): collapse the spaces; refuse the title of an existing
    # recipe (any case), code "duplicate".

    # TODO: [forms] clean(): a non-field error, code "no_time", when prep_minutes and
    # cook_minutes are both 0. Mind the fields that failed their own validation: they
    # are missing from cleaned_data.
