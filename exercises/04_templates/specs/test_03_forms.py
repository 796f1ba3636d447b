"""Challenge 3, Forms and validation: a reusable field validator, built-in range checks,
clean_title() and a cross-field clean(), each failure with its error code."""

import pytest
from django.core.exceptions import ValidationError
from model_bakery import baker

VALID = {
    "title": "  Lemon   tart ",
    "servings": "4",
    "prep_minutes": "20",
    "cook_minutes": "35",
    "email": "cook@example.com",
}


def bound_form(**changes):
    """The suggestion form bound to VALID data with `changes` (None removes a field)."""
    from suggestions.forms import RecipeSuggestionForm

    data = {**VALID, **changes}
    return RecipeSuggestionForm(
        data={name: value for name, value in data.items() if value is not None}
    )


def error_codes(form):
    """{field: [codes]} after validation; "__all__" holds the non-field errors."""
    try:
        form.is_valid()
    except (KeyError, TypeError) as error:
        pytest.fail(
            f"is_valid() raised {type(error).__name__}: {error} for the data {form.data}; a field "
            "that failed its own validation is missing from cleaned_data: use "
            "cleaned_data.get() in clean()"
        )
    return {field: [e.code for e in errors] for field, errors in form.errors.as_data().items()}


def describe(changes):
    return ", ".join(f"{name}={value!r}" for name, value in changes.items())


# 1. A reusable validator on the field ----------------------------------------------


@pytest.mark.task(1)
def test_validator_refuses_shouting_titles():
    from suggestions.validators import validate_not_shouting

    for title in ("BEST EVER PIE", "SOUP", "CRÈME BRÛLÉE!"):
        with pytest.raises(ValidationError) as raised:
            validate_not_shouting(title)
            pytest.fail(f"validate_not_shouting({title!r}) accepted it; expected code 'shouting'")
        assert raised.value.code == "shouting", (
            f"validate_not_shouting({title!r}) raised the code {raised.value.code!r}; expected "
            "'shouting': pass code= to ValidationError, clients match on codes, not on messages"
        )
    for title in ("BLT sandwich", "BLT", "BLT 42", "Best ever pie", "Pie 42", "123 4567"):
        try:
            validate_not_shouting(title)
        except ValidationError:
            pytest.fail(
                f"validate_not_shouting({title!r}) refused it; only 4 or more letters, all "
                "capitals, shout: count the letters, not the characters (digits, spaces and "
                "punctuation are neither capitals nor small letters)"
            )


@pytest.mark.task(1)
def test_title_field_runs_the_validator(db):
    form = bound_form(title="BEST EVER PIE")
    with pytest.raises(ValidationError) as raised:
        form.fields["title"].clean("BEST EVER PIE")
        pytest.fail(
            "the title field itself accepts 'BEST EVER PIE': attach the validator to the field "
            "(validators=[validate_not_shouting]) so every form, model or serializer using the "
            "field gets it, not only clean_title()"
        )
    assert [e.code for e in raised.value.error_list] == ["shouting"]
    codes = error_codes(form)
    assert codes.get("title") == ["shouting"], (
        f"with the title 'BEST EVER PIE' the form's errors have the codes {codes}; "
        "expected {'title': ['shouting']}"
    )


# 2. Built-in range checks -----------------------------------------------------------


@pytest.mark.task(2)
def test_servings_from_1_to_24_with_djangos_codes(db):
    expected = {"0": ["min_value"], "25": ["max_value"], "four": ["invalid"], None: ["required"]}
    for servings, codes in expected.items():
        got = error_codes(bound_form(servings=servings)).get("servings")
        assert got == codes, (
            f"with servings={servings!r} the field's error codes are {got}; expected {codes} "
            "(IntegerField's min_value and max_value bring these codes)"
        )
    for servings in ("1", "24"):
        got = error_codes(bound_form(servings=servings))
        assert got == {}, f"with servings={servings!r} the form has errors {got}; expected none"


# 3. clean_title() -------------------------------------------------------------------


@pytest.mark.task(3)
def test_title_is_normalised(db):
    form = bound_form()
    assert error_codes(form) == {}, f"the valid data {VALID} gave errors {form.errors}"
    title = form.cleaned_data["title"]
    assert title == "Lemon tart", (
        f"the title '  Lemon   tart ' was cleaned to {title!r}; expected 'Lemon tart': collapse "
        "runs of spaces in clean_title() and return the new value"
    )


@pytest.mark.task(3)
def test_title_of_an_existing_recipe_is_a_duplicate(db):
    baker.make("recipes.Recipe", title="Lemon Tart")
    for title in ("Lemon Tart", "  lemon   TART "):
        codes = error_codes(bound_form(title=title))
        assert codes == {"title": ["duplicate"]}, (
            f"with a recipe 'Lemon Tart' already on the site, the title {title!r} gave the "
            f"error codes {codes}; expected {{'title': ['duplicate']}}: compare the normalised "
            "title case-insensitively (title__iexact)"
        )
    codes = error_codes(bound_form(title="Lemon cake"))
    assert codes == {}, f"the new title 'Lemon cake' gave errors {codes}; expected none"


# 4. clean(): a non-field error ------------------------------------------------------


@pytest.mark.task(4)
def test_no_time_at_all_is_a_non_field_error(db):
    form = bound_form(prep_minutes="0", cook_minutes="0")
    codes = error_codes(form)
    assert codes == {"__all__": ["no_time"]}, (
        f"with prep_minutes=0 and cook_minutes=0 the error codes are {codes}; expected "
        "{'__all__': ['no_time']}: the rule belongs to neither field, so raise "
        "ValidationError(..., code='no_time') in clean() (or add_error(None, ...))"
    )
    assert form.non_field_errors(), "form.non_field_errors() is empty; the template shows these"
    for changes in ({"prep_minutes": "0"}, {"cook_minutes": "0"}):
        codes = error_codes(bound_form(**changes))
        assert codes == {}, f"with {describe(changes)} the form has errors {codes}; expected none"


@pytest.mark.task(4)
def test_clean_copes_with_fields_that_failed(db):
    cases = {
        (("prep_minutes", "abc"), ("cook_minutes", "0")): {"prep_minutes": ["invalid"]},
        (("prep_minutes", None), ("cook_minutes", "0")): {"prep_minutes": ["required"]},
        (("prep_minutes", "0"), ("cook_minutes", "-5")): {"cook_minutes": ["min_value"]},
    }
    for pairs, expected in cases.items():
        changes = dict(pairs)
        codes = error_codes(bound_form(**changes))
        assert codes == expected, (
            f"with {describe(changes)} the error codes are {codes}; expected {expected}: "
            "when a field failed, clean() cannot tell whether the recipe takes time, so it "
            "adds no 'no_time' error of its own"
        )
    codes = error_codes(bound_form(prep_minutes="0", cook_minutes="0"))
    assert codes == {"__all__": ["no_time"]}, (
        f"with prep_minutes=0 and cook_minutes=0 the error codes are {codes}; expected "
        "{'__all__': ['no_time']}"
    )
