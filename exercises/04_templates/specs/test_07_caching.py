"""Challenge 7, Template caching: the dashboard's {% cache %} fragment spares its queries
on the next render, is kept per cook, and is never stale after a recipe changes; the
production settings cache compiled templates.

The specs call the dashboard view directly with a RequestFactory request (no session
or user queries), so every query counted is the page's own. Recipes are written inside
django_capture_on_commit_callbacks(execute=True), as if each write were committed: an
invalidation deferred with transaction.on_commit runs as it would in production.
"""

import importlib
import time

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve
from htmltree import parse
from model_bakery import baker

URL = "/kitchen/"


@pytest.fixture(autouse=True)
def empty_cache():
    """Each spec starts and ends with an empty cache: no fragment survives a spec."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user(username="alice")


@pytest.fixture
def bob(django_user_model):
    return django_user_model.objects.create_user(username="bob")


def make_recipe(author, title, *ingredients):
    recipe = baker.make("recipes.Recipe", title=title, author=author)
    for name in ingredients:
        baker.make("recipes.Ingredient", recipe=recipe, name=name, quantity="")
    return recipe


def render(user):
    """The dashboard for `user`: (the recipe titles shown, the SQL of the queries run)."""
    request = RequestFactory().get(URL)
    request.user = user
    with CaptureQueriesContext(connection) as queries:
        response = resolve(URL).func(request)
        if hasattr(response, "render"):
            response.render()
    assert response.status_code == 200, f"GET {URL} answered {response.status_code}; expected 200"
    titles = [
        article.find("h2").text
        for article in parse(response).find_all("article", cls="recipe")
        if article.find("h2")
    ]
    return titles, [query["sql"] for query in queries.captured_queries]


def assert_served_from_cache(user, titles, when):
    shown, queries = render(user)
    assert shown == titles, f"{when}, {user}'s dashboard shows {shown}; expected {titles}"
    fragment = [sql[:70] + "…" for sql in queries]
    assert len(queries) <= 1 and not any("recipes_ingredient" in sql for sql in queries), (
        f"{when}, rendering {user}'s dashboard again ran {len(queries)} queries: {fragment}; "
        "expected the cached fragment to spare the recipe and ingredient queries (at most one "
        "cheap query, say to read a version): the recipes were queried again, so the section "
        "is not cached, or the view evaluated the queryset (a list, a len) before the "
        "template could skip it"
    )


# 1. The {% cache %} fragment --------------------------------------------------------------


@pytest.mark.task(1)
def test_second_render_skips_the_fragments_queries(alice):
    make_recipe(alice, "Apple pie", "apples", "flour")
    make_recipe(alice, "Banana bread", "bananas")
    titles, queries = render(alice)
    assert titles == ["Apple pie", "Banana bread"], (
        f"alice's dashboard shows {titles}; expected ['Apple pie', 'Banana bread']"
    )
    assert len(queries) >= 2, (
        f"the first render ran {len(queries)} queries: {queries}; expected the recipes and "
        "their ingredients to be read"
    )
    assert_served_from_cache(alice, titles, "with nothing changed")


@pytest.mark.task(1)
def test_the_fragment_is_kept_ten_minutes(alice, monkeypatch):
    make_recipe(alice, "Apple pie", "apples")
    render(alice)
    assert_served_from_cache(alice, ["Apple pie"], "right after the first render")
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 9 * 60)
    titles, queries = render(alice)
    assert titles == ["Apple pie"], (
        f"9 minutes later, alice's dashboard shows {titles}; expected ['Apple pie']"
    )
    assert not any("recipes_ingredient" in sql for sql in queries), (
        f"9 minutes later, alice's dashboard was rendered again ({len(queries)} queries): the "
        "fragment had already expired; expected it kept 10 minutes (the timeout counts "
        "seconds, not minutes)"
    )
    monkeypatch.setattr(time, "time", lambda: now + 11 * 60)
    titles, queries = render(alice)
    assert any("recipes_ingredient" in sql for sql in queries), (
        f"11 minutes later, alice's dashboard still came from the cache ({len(queries)} "
        "queries); expected the fragment kept 10 minutes, then rendered again: it is kept "
        "longer than that"
    )


# 2. One copy per cook ------------------------------------------------------------------


@pytest.mark.task(2)
def test_each_cook_sees_their_own_recipes(alice, bob):
    make_recipe(alice, "Apple pie", "apples")
    make_recipe(bob, "Beef stew", "beef")
    titles, _ = render(alice)
    assert titles == ["Apple pie"], f"alice's dashboard shows {titles}; expected ['Apple pie']"
    titles, _ = render(bob)
    assert titles == ["Beef stew"], (
        f"after alice's visit, bob's dashboard shows {titles}; expected his own ['Beef stew']: "
        "the fragment is shared between cooks, so one cook sees another's recipes"
    )
    assert_served_from_cache(alice, ["Apple pie"], "after bob's visit")
    assert_served_from_cache(bob, ["Beef stew"], "after alice's second visit")


# 3. Never stale ------------------------------------------------------------------------


@pytest.mark.task(3)
def test_a_changed_recipe_shows_at_once(alice, django_capture_on_commit_callbacks):
    pie = make_recipe(alice, "Apple pie", "apples")
    make_recipe(alice, "Banana bread", "bananas")
    render(alice)
    assert_served_from_cache(alice, ["Apple pie", "Banana bread"], "with nothing changed")
    with django_capture_on_commit_callbacks(execute=True):
        pie.title = "Apple crumble"
        pie.save()
    titles, _ = render(alice)
    assert titles == ["Apple crumble", "Banana bread"], (
        f"after renaming 'Apple pie' to 'Apple crumble', alice's dashboard shows {titles}; "
        "expected the new title at once: the cached fragment is stale, neither its key nor "
        "anything deleting it follows a saved recipe"
    )
    assert_served_from_cache(alice, titles, "after the new fragment was cached")


@pytest.mark.task(3)
def test_deleted_and_new_recipes_show_at_once(alice, django_capture_on_commit_callbacks):
    # The older of the two, and without ingredients: no Ingredient post_delete (a cascade)
    # can stand in for the Recipe's own.
    pie = make_recipe(alice, "Apple pie")
    make_recipe(alice, "Banana bread", "bananas")
    render(alice)
    assert_served_from_cache(alice, ["Apple pie", "Banana bread"], "with nothing changed")
    with django_capture_on_commit_callbacks(execute=True):
        pie.delete()
    titles, _ = render(alice)
    assert titles == ["Banana bread"], (
        f"after deleting 'Apple pie', alice's dashboard shows {titles}; expected "
        "['Banana bread']: the cached fragment is stale after a deletion (a key from the "
        "newest updated_at alone misses the deletion of an older recipe, and an "
        "invalidation on save alone misses deletes)"
    )
    with django_capture_on_commit_callbacks(execute=True):
        make_recipe(alice, "Cherry clafoutis", "cherries")
    titles, _ = render(alice)
    assert titles == ["Banana bread", "Cherry clafoutis"], (
        f"after adding 'Cherry clafoutis', alice's dashboard shows {titles}; expected "
        "['Banana bread', 'Cherry clafoutis']: the cached fragment is stale after an addition"
    )


# 4. Cached template loaders in production ---------------------------------------------


def production_engine(tmp_path):
    """A template engine configured as config/production.py says, plus tmp_path in DIRS."""
    from django.template.backends.django import DjangoTemplates

    production = importlib.import_module("config.production")
    params = dict(production.TEMPLATES[0])
    params.pop("BACKEND")
    params["NAME"] = "production"
    params["DIRS"] = [*params.get("DIRS", []), tmp_path]
    try:
        return DjangoTemplates(params).engine
    except ImproperlyConfigured as error:
        pytest.fail(f"config/production.py's TEMPLATES don't load: {error}")


@pytest.mark.task(4)
def test_production_compiles_each_template_once(tmp_path):
    (tmp_path / "from_dirs.html").write_text("<p>{{ greeting }}</p>")
    engine = production_engine(tmp_path)
    for name, where in (("from_dirs.html", "DIRS"), ("kitchen/dashboard.html", "an app")):
        first = engine.get_template(name)
        again = engine.get_template(name)
        assert again is first, (
            f"with the production settings, loading {name} (from {where}) twice read and "
            "compiled it twice; expected it compiled once per process: listing "
            "OPTIONS['loaders'] turns off Django's default cached loader, and production's "
            "list has none"
        )
