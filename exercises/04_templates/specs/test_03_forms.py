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
            f"is_valid() raised {type(error).__name__}: {error} for the data {form.data}; "
            "expected error codes, not a crash: a field that failed its own validation is "
            "missing from cleaned_data, and clean() read it anyway"
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
            "'shouting': clients match on codes, not on messages"
        )
    for title in ("BLT sandwich", "BLT", "BLT 42", "Best ever pie", "Pie 42", "123 4567"):
        try:
            validate_not_shouting(title)
        except ValidationError:
            pytest.fail(
                f"validate_not_shouting({title!r}) refused it; expected it accepted: only 4 or "
                "more letters, all capitals, shout, and the validator counted characters, not "
                "letters (digits, spaces and punctuation are neither capitals nor small letters)"
            )


@pytest.mark.task(1)
def test_title_field_runs_the_validator(db):
    form = bound_form(title="BEST EVER PIE")
    with pytest.raises(ValidationError) as raised:
        form.fields["title"].clean("BEST EVER PIE")
        pytest.fail(
            "the title field itself accepts 'BEST EVER PIE'; expected the field to refuse it "
            "(code 'shouting'): the check runs in the form only, so another form or a "
            "serializer using the field would not get it"
        )
    codes = [e.code for e in raised.value.error_list]
    assert codes == ["shouting"], (
        f"the title field refuses 'BEST EVER PIE' with the codes {codes}; expected ['shouting']"
    )
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
            f"with servings={servings!r} the field's error codes are {got}; expected {codes}, "
            "Django's own codes for a whole number out of range, not codes of your own"
        )
    for servings in ("1", "24"):
        got = error_codes(bound_form(servings=servings))
        assert got == {}, f"with servings={servings!r} the form has errors {got}; expected none"


# 3. clean_title() -------------------------------------------------------------------


@pytest.mark.task(3)
def test_title_is_normalised(db):
    form = bound_form()
    assert error_codes(form) == {}, f"the valid data {VALID} gave errors {form.errors}"
    title = form.cleaned_data.get("title")
    problem = ""
    if title is None:
        problem = ": clean_title() returned nothing, and what it returns becomes the title"
    elif isinstance(title, str) and "  " in title:
        problem = ": the runs of spaces inside the title were kept"
    assert title == "Lemon tart", (
        f"the title '  Lemon   tart ' was cleaned to {title!r}; expected 'Lemon tart'{problem}"
    )


@pytest.mark.task(3)
def test_title_of_an_existing_recipe_is_a_duplicate(db):
    baker.make("recipes.Recipe", title="Lemon Tart")
    cases = {
        "Lemon Tart": "",
        "lemon TART": ": the comparison minds the case",
        "  Lemon   Tart ": ": the title was compared before its runs of spaces collapsed",
    }
    for title, problem in cases.items():
        codes = error_codes(bound_form(title=title))
        assert codes == {"title": ["duplicate"]}, (
            f"with a recipe 'Lemon Tart' already on the site, the title {title!r} gave the "
            f"error codes {codes}; expected {{'title': ['duplicate']}}{problem}"
        )
    codes = error_codes(bound_form(title="Lemon cake"))
    assert codes == {}, f"the new title 'Lemon cake' gave errors {codes}; expected none"


# 4. clean(): a non-field error ------------------------------------------------------


@pytest.mark.task(4)
def test_no_time_at_all_is_a_non_field_error(db):
    form = bound_form(prep_minutes="0", cook_minutes="0")
    codes = error_codes(form)
    problem = ""
    if any(field != "__all__" for field in codes):
        problem = ": the rule belongs to neither field, yet the error is on a field"
    elif codes.get("__all__") and "no_time" not in codes["__all__"]:
        problem = ": the non-field error has no code (or another one) that clients can rely on"
    assert codes == {"__all__": ["no_time"]}, (
        f"with prep_minutes=0 and cook_minutes=0 the error codes are {codes}; expected "
        f"{{'__all__': ['no_time']}}{problem}"
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
        problem = ""
        if "__all__" in codes:
            problem = (
                ": when a field failed, clean() cannot tell whether the recipe takes time, "
                "yet it added an error of its own (a missing value is not 0)"
            )
        assert codes == expected, (
            f"with {describe(changes)} the error codes are {codes}; expected {expected}{problem}"
        )
    codes = error_codes(bound_form(prep_minutes="0", cook_minutes="0"))
    assert codes == {"__all__": ["no_time"]}, (
        f"with prep_minutes=0 and cook_minutes=0 the error codes are {codes}; expected "
        "{'__all__': ['no_time']}"
    )
