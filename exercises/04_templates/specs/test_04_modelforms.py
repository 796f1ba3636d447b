"""Challenge 4, ModelForms: RecipeForm whose author comes from the request
(save(commit=False)), and the ingredients as an inline formset that adds, changes and
deletes rows in one POST, management form included.

The specs post what the page renders: they read the form's fields from the HTML,
so the page must render everything a browser needs to send back.
"""

import pytest
from django.db import IntegrityError
from htmltree import parse
from model_bakery import baker


@pytest.fixture
def cook(django_user_model):
    return django_user_model.objects.create_user(username="cook")


@pytest.fixture
def stranger(django_user_model):
    return django_user_model.objects.create_user(username="stranger")


@pytest.fixture
def cook_client(client, cook):
    client.force_login(cook)
    return client


@pytest.fixture
def pancakes(cook):
    """The cook's recipe with two ingredients, flour and eggs."""
    recipe = baker.make("recipes.Recipe", title="Pancakes", slug="pancakes", author=cook)
    baker.make("recipes.Ingredient", recipe=recipe, name="flour", quantity="200 g")
    baker.make("recipes.Ingredient", recipe=recipe, name="eggs", quantity="2")
    return recipe


def page_form(client, url):
    """The editor page's POST form as a browser would submit it, and the formset's prefix."""
    response = client.get(url)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}; expected 200"
    forms = [
        f for f in parse(response).find_all("form") if f.attrs.get("method", "").lower() == "post"
    ]
    assert forms, f'GET {url} shows no <form method="post">'
    data = forms[0].form_data()
    totals = [name for name in data if name.endswith("-TOTAL_FORMS")]
    assert totals, (
        f"the form on {url} has no management form (no hidden ...-TOTAL_FORMS input), so a "
        "POST can't say how many ingredient rows it carries; expected the formset's "
        "management form inside the POST form"
    )
    return data, totals[0].removesuffix("-TOTAL_FORMS")


def context_forms(response):
    """The forms and formsets in the context of a response, whatever their names."""
    if response.context is None:
        return []
    contexts = response.context if isinstance(response.context, list) else [response.context]
    values = [value for context in contexts for value in context.flatten().values()]
    unique = {id(value): value for value in values if hasattr(value, "is_bound")}
    return list(unique.values())


def error_messages(response):
    """Every error message of those forms and formsets (rows and formset-level)."""
    messages = []
    for form in context_forms(response):
        if hasattr(form, "non_form_errors"):
            messages += [str(m) for m in form.non_form_errors()]
            messages += [m for row in form.forms for errors in row.errors.values() for m in errors]
        else:
            messages += [m for errors in form.errors.values() for m in errors]
    return [str(message) for message in messages]


def shown_errors(response):
    """The errors in the context of a response, for failure messages."""
    return "; ".join(error_messages(response)) or "none"


def formset_errors(response):
    """The formset-level error messages (non_form_errors) in the context of a response."""
    return [
        str(message)
        for form in context_forms(response)
        if hasattr(form, "non_form_errors")
        for message in form.non_form_errors()
    ]


def assert_errors_shown(response, what):
    messages = error_messages(response)
    text = parse(response).text if response.status_code == 200 else ""
    missing = [message for message in messages if message not in text]
    own = formset_errors(response)
    problem = ""
    if any(message in own for message in missing):
        problem = ": the formset's own errors (not a row's) are not on the page"
    elif missing:
        problem = ": the errors of the rows or of the recipe's form are not on the page"
    assert response.status_code == 200 and messages and not missing, (
        f"{what} answered {response.status_code} with the errors {messages} in the context, "
        f"of which the page doesn't show {missing}; expected the page again (200) showing "
        f"them{problem}"
    )


def ingredients(recipe):
    return list(recipe.ingredients.order_by("pk").values_list("name", "quantity"))


# 1. RecipeForm ------------------------------------------------------------------------


@pytest.mark.task(1)
def test_recipe_form_takes_no_author_from_the_data(db, stranger):
    from editor.forms import RecipeForm

    data = {"title": "Lemon tart", "slug": "lemon-tart", "description": "", "author": stranger.pk}
    form = RecipeForm(data=data)
    assert "author" not in form.fields, (
        "RecipeForm has an author field: any logged-in cook could post author=<someone else's "
        "id> and publish in their name (mass assignment); expected the author to come from "
        "the request, never from the form"
    )
    fields = sorted(form.fields)
    assert fields == ["description", "slug", "title"], (
        f"RecipeForm lets the browser set the fields {fields}; expected exactly ['description', "
        "'slug', 'title']: a field left off a deny-list (exclude) or added to the model later "
        "can be posted here too"
    )
    assert form.is_valid(), f"RecipeForm with {data} is invalid: {form.errors.as_data()}"
    recipe = form.save(commit=False)
    assert recipe.pk is None and recipe.author_id is None, (
        f"RecipeForm.save(commit=False) returned a recipe with pk={recipe.pk!r} and "
        f"author_id={recipe.author_id!r}; expected an unsaved recipe without an author"
    )
    baker.make("recipes.Recipe", slug="lemon-tart")
    form = RecipeForm(data=data)
    codes = {field: [e.code for e in errors] for field, errors in form.errors.as_data().items()}
    assert codes == {"slug": ["unique"]}, (
        f"with the slug of an existing recipe RecipeForm's error codes are {codes}; expected "
        "{'slug': ['unique']}, the model's own unique check"
    )


# 2. IngredientFormSet ---------------------------------------------------------------


@pytest.mark.task(2)
def test_formset_offers_delete_and_requires_one_ingredient(pancakes):
    from editor.forms import IngredientFormSet

    try:
        formset = IngredientFormSet(instance=pancakes)
    except Exception as error:
        pytest.fail(
            f"IngredientFormSet(instance=<a recipe>) raised {type(error).__name__} ({error}); "
            "expected a formset of that recipe's ingredients"
        )
    assert formset.forms and "DELETE" in formset.forms[0].fields, (
        "the ingredient rows have no DELETE field; expected a way to delete an ingredient "
        "in the same POST"
    )
    prefix = formset.prefix
    data = {
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-INITIAL_FORMS": "2",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, ingredient in enumerate(pancakes.ingredients.order_by("pk")):
        data |= {
            f"{prefix}-{index}-id": str(ingredient.pk),
            f"{prefix}-{index}-recipe": str(pancakes.pk),
            f"{prefix}-{index}-name": ingredient.name,
            f"{prefix}-{index}-quantity": ingredient.quantity,
            f"{prefix}-{index}-DELETE": "on",
        }
    formset = IngredientFormSet(data, instance=pancakes)
    assert not formset.is_valid(), (
        "IngredientFormSet accepted deleting every ingredient; expected a formset error "
        "(code too_few_forms): a minimum that is not validated only sets how many empty rows "
        "are shown"
    )
    codes = [error.code for error in formset.non_form_errors().as_data()]
    assert codes == ["too_few_forms"], (
        f"deleting every ingredient gave the formset errors {codes} (rows: "
        f"{[row.errors for row in formset.forms if row.errors]}); expected ['too_few_forms'], "
        "a formset-level error (non_form_errors), not a row's"
    )


# 3. The template renders the whole formset ------------------------------------------


@pytest.mark.task(3)
def test_edit_page_renders_the_formset(cook_client, pancakes):
    data, prefix = page_form(cook_client, "/editor/pancakes/")
    flour, eggs = pancakes.ingredients.order_by("pk")
    assert data.get(f"{prefix}-INITIAL_FORMS") == "2", (
        f"the management form says INITIAL_FORMS={data.get(prefix + '-INITIAL_FORMS')!r}; "
        "expected '2', the recipe's two ingredients"
    )
    ids = [data.get(f"{prefix}-{index}-id") for index in (0, 1)]
    assert ids == [str(flour.pk), str(eggs.pk)], (
        f"the first two rows carry the ids {ids}; expected {[str(flour.pk), str(eggs.pk)]}: "
        "the rows' hidden id fields are not on the page, and without its id a row can't say "
        "which ingredient it edits"
    )
    names = [data.get(f"{prefix}-{index}-name") for index in (0, 1)]
    assert names == ["flour", "eggs"], (
        f"the first two rows show the names {names}; expected ['flour', 'eggs']"
    )
    form = parse(cook_client.get("/editor/pancakes/")).find("form", method="post")
    assert form.find("input", name=f"{prefix}-0-DELETE", type="checkbox"), (
        f"the rows have no DELETE checkbox (no <input type=checkbox name={prefix}-0-DELETE>); "
        "expected one per row, so a cook can delete an ingredient"
    )


# 4. Create ---------------------------------------------------------------------------


@pytest.mark.task(4)
def test_create_saves_recipe_and_ingredients_as_the_logged_in_cook(cook_client, cook, stranger):
    from recipes.models import Recipe

    data, prefix = page_form(cook_client, "/editor/new/")
    data |= {
        "title": "Lemon tart",
        "slug": "lemon-tart",
        "description": "Sharp and sweet.",
        "author": str(stranger.pk),  # an attacker's extra field: must be ignored
        f"{prefix}-0-name": "lemons",
        f"{prefix}-0-quantity": "3",
        f"{prefix}-1-name": "butter",
        f"{prefix}-1-quantity": "100 g",
    }
    try:
        response = cook_client.post("/editor/new/", data)
    except (IntegrityError, ValueError) as error:
        if "author" in str(error):
            problem = ": the recipe was saved without its author"
        elif "recipe" in str(error):
            problem = ": the ingredients were saved without their recipe (not the one just saved)"
        else:
            problem = ""
        pytest.fail(
            f"POST /editor/new/ with a valid recipe raised {type(error).__name__} ({error}); "
            f"expected the recipe and its ingredients saved{problem}"
        )
    recipe = Recipe.objects.filter(slug="lemon-tart").first()
    assert response.status_code == 302 and recipe, (
        f"POST /editor/new/ with a valid recipe and two ingredients answered "
        f"{response.status_code} and {'saved' if recipe else 'saved no'} recipe; expected a "
        f"redirect and the recipe saved. Errors: {shown_errors(response)}"
    )
    assert recipe.author == cook, (
        f"the new recipe's author is {recipe.author}; expected the logged-in cook, not a user "
        "named in the POST"
    )
    assert ingredients(recipe) == [("lemons", "3"), ("butter", "100 g")], (
        f"the new recipe has the ingredients {ingredients(recipe)}; expected lemons and butter: "
        "the ingredient rows were not saved with the new recipe"
    )


@pytest.mark.task(4)
def test_create_saves_nothing_when_any_part_is_invalid(cook_client, cook):
    from recipes.models import Ingredient, Recipe

    baker.make("recipes.Recipe", slug="taken", author=cook)
    data, prefix = page_form(cook_client, "/editor/new/")
    good = data | {
        "title": "Lemon tart",
        "slug": "lemon-tart",
        f"{prefix}-0-name": "lemons",
        f"{prefix}-0-quantity": "3",
    }
    cases = {
        "an ingredient row with a quantity but no name": good | {f"{prefix}-1-quantity": "2 cups"},
        "the slug of an existing recipe": good | {"slug": "taken"},
    }
    for case, posted in cases.items():
        response = cook_client.post("/editor/new/", posted)
        saved = Recipe.objects.count() - 1, Ingredient.objects.count()
        assert saved == (0, 0), (
            f"POST /editor/new/ with {case} saved {saved[0]} recipe(s) and {saved[1]} "
            "ingredient(s); expected nothing saved: one part was saved before the other was "
            "found invalid"
        )
        assert_errors_shown(response, f"POST /editor/new/ with {case}")


# 5. Edit: add, change and delete in one POST ----------------------------------------


@pytest.mark.task(5)
def test_edit_adds_changes_and_deletes_in_one_post(cook_client, pancakes, client, stranger):
    data, prefix = page_form(cook_client, "/editor/pancakes/")
    data |= {
        "title": "Better pancakes",
        f"{prefix}-0-quantity": "250 g",  # change flour
        f"{prefix}-1-DELETE": "on",  # delete eggs
        f"{prefix}-2-name": "milk",
        f"{prefix}-2-quantity": "300 ml",  # add milk
    }
    response = cook_client.post("/editor/pancakes/", data)
    pancakes.refresh_from_db()
    assert response.status_code == 302, (
        f"POST /editor/pancakes/ answered {response.status_code}; expected a redirect. Errors: "
        f"{shown_errors(response)}"
    )
    assert pancakes.title == "Better pancakes", "the recipe's new title wasn't saved"
    got = ingredients(pancakes)
    assert got == [("flour", "250 g"), ("milk", "300 ml")], (
        f"after changing flour to 250 g, deleting eggs and adding milk in one POST, the recipe "
        f"has {got}; expected [('flour', '250 g'), ('milk', '300 ml')]: the formset's changes, "
        "additions and deletions were not all saved"
    )
    cook_client.logout()
    cook_client.force_login(stranger)
    status = cook_client.get("/editor/pancakes/").status_code
    assert status == 404, (
        f"another cook opening /editor/pancakes/ got {status}; expected 404: a cook can open "
        "(and edit) a recipe that is not theirs"
    )


@pytest.mark.task(5)
def test_edit_refuses_to_delete_every_ingredient(cook_client, pancakes):
    data, prefix = page_form(cook_client, "/editor/pancakes/")
    data |= {"title": "No pancakes", f"{prefix}-0-DELETE": "on", f"{prefix}-1-DELETE": "on"}
    response = cook_client.post("/editor/pancakes/", data)
    pancakes.refresh_from_db()
    assert ingredients(pancakes) == [("flour", "200 g"), ("eggs", "2")] and (
        pancakes.title == "Pancakes"
    ), (
        f"POST /editor/pancakes/ deleting every ingredient left the recipe "
        f"{pancakes.title!r} with {ingredients(pancakes)}; expected no change at all"
    )
    assert_errors_shown(response, "POST /editor/pancakes/ deleting every ingredient")
