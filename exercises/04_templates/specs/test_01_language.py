"""Challenge 1, Template language: a filter, a simple tag and an inclusion tag of the
browse_tags library, and the recipe list that uses them, escaping user input everywhere."""

from datetime import datetime, timezone
from urllib.parse import parse_qs, urlsplit

import pytest
from django.template import Context, Template, TemplateSyntaxError
from htmltree import parse
from model_bakery import baker

EMPTY_STATE = "No recipes yet."
UNSAFE_TAGS = ("script", "img", "b", "iframe", "svg")


def render(source, **context):
    """Render `source` after {% load browse_tags %}."""
    try:
        template = Template("{% load browse_tags %}" + source)
    except TemplateSyntaxError as error:
        problem = str(error)
    else:
        return template.render(Context(context))
    pytest.fail(f"the template {source!r} does not compile: {problem}")


def unsafe_elements(doc):
    """Elements a payload would have created: tags that run code, on* handler attributes."""
    found = [el for el in doc.iter() if el.tag in UNSAFE_TAGS]
    found += [el for el in doc.iter() if any(name.startswith("on") for name in el.attrs)]
    return found


def make_cook(django_user_model, username="alice", first_name="Alice", last_name="Liddell"):
    return django_user_model.objects.create_user(
        username=username, first_name=first_name, last_name=last_name
    )


def get_list(client, params=None):
    response = client.get("/recipes/", params or {})
    assert response.status_code == 200, (
        f"GET /recipes/ answered {response.status_code}; expected 200"
    )
    main = parse(response).find("main")
    assert main is not None, "the recipe list has no <main> element any more; keep it"
    return main


def card_titles(main):
    cards = main.find_all("article", cls="recipe")
    return [card.find("h2").text if card.find("h2") else "" for card in cards]


# 1. The highlight filter ------------------------------------------------------------


@pytest.mark.task(1)
def test_highlight_marks_every_match_keeping_its_case():
    html = render("{{ text|highlight:term }}", text="Pancakes with pan-fried pears", term="pan")
    doc = parse(html)
    marks = [mark.text for mark in doc.find_all("mark")]
    assert "&lt;mark&gt;" not in html, (
        f"highlight returned {html!r}: its <mark> tags come out escaped, shown as text to "
        "the visitor; expected real <mark> elements (the filter's result was not safe, so "
        "autoescaping escaped it again)"
    )
    assert marks == ["Pan", "pan"], (
        f"{{{{ 'Pancakes with pan-fried pears'|highlight:'pan' }}}} gave {html!r}, with the marks "
        f"{marks}; expected ['Pan', 'pan']: every match, ignoring case, keeping the text's case"
    )
    assert doc.text == "Pancakes with pan-fried pears", (
        f"highlight changed the text itself: {html!r}"
    )


@pytest.mark.task(1)
def test_highlight_escapes_the_text_and_marks_only_its_own_tags_safe():
    cases = [
        ("<script>alert('xss')</script> pancakes", "pan", ["pan"]),
        ("Fish & chips <3", "chips", ["chips"]),
        ("Tomato <b>soup</b>", "<b>", ["<b>"]),
        ("<script>alert('xss')</script>", "", []),
        ("Fish & chips", "amp", []),
        ("Serves 4. Takes 1.5 h", ".", [".", "."]),
    ]
    for text, term, expected_marks in cases:
        try:
            html = render("{{ text|highlight:term }}", text=text, term=term)
        except Exception as error:
            pytest.fail(
                f"{{{{ {text!r}|highlight:{term!r} }}}} raised {type(error).__name__}: {error}; "
                "expected the text with its matches marked. The term was read as a regular "
                "expression, but it is the visitor's text"
            )
        doc = parse(html)
        where = f"{{{{ {text!r}|highlight:{term!r} }}}} gave {html!r}"
        assert not unsafe_elements(doc), (
            f"{where}: the text's own tags became real HTML, an XSS hole: the visitor's text "
            "was marked safe unescaped; expected it shown as text, with only the <mark> tags "
            "as HTML"
        )
        assert "&amp;amp;" not in html and "&amp;lt;" not in html, (
            f"{where}: the text was escaped twice (the visitor reads '&amp;' or '&lt;'); "
            "expected it escaped once"
        )
        entity_hint = ""
        if "&" in text:
            entity_hint = (
                ". The term was searched in the escaped text, where 'amp' matches inside the "
                "entity '&amp;' and breaks it"
            )
        assert doc.text == " ".join(text.split()), (
            f"{where}; expected the visitor to read the text {text!r} unchanged{entity_hint}"
        )
        marks = [mark.text for mark in doc.find_all("mark")]
        hint = ""
        if term == ".":
            hint = (
                ". The term was read as a regular expression ('.' matches any character), "
                "but it is the visitor's text"
            )
        if "<" in term:
            hint = (
                ". The text was escaped before the search: '<b>' became '&lt;b&gt;', which "
                "the term no longer matches"
            )
        assert marks == expected_marks, (
            f"{where}, with the marks {marks}; expected {expected_marks}{hint}"
        )


# 2. The byline simple tag -----------------------------------------------------------


@pytest.mark.task(2)
def test_byline_links_to_the_authors_recipes(db, django_user_model):
    cook = make_cook(django_user_model, username="anna+cooks", first_name="Anna")
    recipe = baker.make("recipes.Recipe", author=cook)
    html = render("{% byline recipe %}", recipe=recipe)
    link = parse(html).find("a", cls="author")
    assert link is not None, (
        f'{{% byline recipe %}} gave {html!r}; expected a real <a class="author"> element, '
        "not markup escaped and shown as text (a simple tag's plain str result is escaped)"
    )
    assert link.text == "Anna Liddell", (
        f"the byline's link says {link.text!r}; expected the author's full name 'Anna Liddell'"
    )
    href = urlsplit(link.attrs.get("href", ""))
    authors = parse_qs(href.query).get("author")
    assert href.path == "/recipes/" and authors == ["anna+cooks"], (
        f"the byline links to {link.attrs.get('href')!r}, which asks for the author "
        f"{authors}; expected /recipes/?author=anna%2Bcooks, asking for 'anna+cooks': the "
        "username went into the query unencoded, and a raw '+' reads back as a space"
    )


@pytest.mark.task(2)
def test_byline_escapes_the_authors_name(db, django_user_model):
    name = '<img src=x onerror=alert("name")>'
    cook = make_cook(django_user_model, first_name=name, last_name="")
    recipe = baker.make("recipes.Recipe", author=cook)
    html = render("{% byline recipe %}", recipe=recipe)
    doc = parse(html)
    assert not unsafe_elements(doc), (
        f"{{% byline recipe %}} for an author named {name!r} gave {html!r}: the name became "
        "a real <img> with an onerror handler (XSS); expected the name shown as text: the "
        "author's name was marked safe unescaped"
    )
    link = doc.find("a", cls="author")
    assert link is not None and link.text == name, (
        f'{{% byline recipe %}} gave {html!r}; expected an <a class="author"> showing the '
        f"name {name!r} as text"
    )


# 3. The recipe_card inclusion tag ---------------------------------------------------


def render_card(recipe):
    try:
        template = Template("{% load browse_tags %}{% recipe_card recipe %}")
    except TemplateSyntaxError as error:
        problem = str(error)
    else:
        return parse(template.render(Context({"recipe": recipe})))
    pytest.fail(
        f"{{% recipe_card recipe %}} does not compile ({problem}); expected browse_tags to "
        "provide the inclusion tag recipe_card, rendering browse/recipe_card.html"
    )


@pytest.mark.task(3)
def test_recipe_card_shows_one_recipe(db, django_user_model):
    words = [f"step{n}" for n in range(1, 26)]
    recipe = baker.make(
        "recipes.Recipe",
        title="Lemon tart",
        description=" ".join(words),
        author=make_cook(django_user_model),
    )
    baker.make("recipes.Ingredient", recipe=recipe, name="lemon")
    card = render_card(recipe).find("article", cls="recipe")
    assert card is not None, '{% recipe_card recipe %} shows no <article class="recipe">'
    title = card.find("h2")
    assert title is not None and title.text == "Lemon tart", (
        f"the card's <h2> says {title.text if title else None!r}; expected the title 'Lemon tart'"
    )
    assert card.find("a", cls="author") is not None, (
        'the card has no byline: expected the author\'s <a class="author"> link, as '
        "{% byline recipe %} renders it"
    )
    text = card.text
    assert "step20" in text and "step21" not in text and "…" in text, (
        f"the card says {text!r}; expected the description cut after its 20th word, ending "
        "in '…': the description is not truncated to 20 words"
    )
    assert "1 ingredient" in text and "1 ingredients" not in text, (
        f"the card says {text!r}; expected '1 ingredient': the plural is used for a single "
        "ingredient"
    )
    # A fixed date, day 5, so the verdict never depends on today's date: "j" and "d"
    # only differ on days 1 to 9.
    type(recipe).objects.filter(pk=recipe.pk).update(
        updated_at=datetime(2025, 3, 5, 12, 0, tzinfo=timezone.utc)
    )
    recipe.refresh_from_db()
    text = render_card(recipe).text
    problem = ""
    if "05 Mar 2025" in text:
        problem = ": the day has a leading zero"
    elif "Updated" not in text:
        problem = ": the card shows no update date"
    assert "Updated 5 Mar 2025" in text, (
        f"for a recipe updated on 5 March 2025 the card says {text!r}; expected "
        f"'Updated 5 Mar 2025'{problem}"
    )
    baker.make("recipes.Ingredient", recipe=recipe, _quantity=2)
    text = render_card(recipe).text
    assert "3 ingredients" in text, (
        f"with 3 ingredients the card says {text!r}; expected '3 ingredients'"
    )


# 4. The recipe list -----------------------------------------------------------------


@pytest.mark.task(4)
def test_list_shows_a_card_per_recipe(client, db, django_user_model):
    cook = make_cook(django_user_model)
    baker.make("recipes.Recipe", title="Banana bread", author=cook)
    baker.make("recipes.Recipe", title="Apple pie", author=cook)
    main = get_list(client)
    titles = card_titles(main)
    assert titles == ["Apple pie", "Banana bread"], (
        f'the list shows the <article class="recipe"> cards {titles}; expected one card per '
        "recipe, ['Apple pie', 'Banana bread']"
    )
    assert EMPTY_STATE not in main.text, f"the list says {EMPTY_STATE!r} although there are recipes"


@pytest.mark.task(4)
def test_list_shows_the_empty_state(client, db):
    main = get_list(client)
    assert EMPTY_STATE in main.text and not main.find_all("article"), (
        f"with no recipes the list says {main.text!r}; expected {EMPTY_STATE!r} and no card"
    )


@pytest.mark.task(4)
def test_list_highlights_the_search_term(client, db, django_user_model):
    cook = make_cook(django_user_model)
    for title in ("Pancakes", "Pan bagnat", "Waffles"):
        baker.make("recipes.Recipe", title=title, author=cook)
    main = get_list(client, {"q": "pan"})
    cards = main.find_all("article", cls="recipe")
    marks = [[mark.text for mark in card.find_all("mark")] for card in cards]
    titles = card_titles(main)
    if any("<mark" in title for title in titles):
        problem = "the <mark> tags came out escaped, shown as text in the titles"
    elif titles == ["Pan bagnat", "Pancakes"] and not any(marks):
        problem = "the search term did not reach the cards' titles"
    else:
        problem = "the titles or their marks differ"
    assert titles == ["Pan bagnat", "Pancakes"] and marks == [["Pan"], ["Pan"]], (
        f"GET /recipes/?q=pan shows the cards {titles} with the marks {marks}; expected "
        f"'Pan bagnat' and 'Pancakes', each with <mark>Pan</mark>: {problem}"
    )


@pytest.mark.task(4)
def test_user_input_is_escaped_everywhere(client, db, django_user_model):
    name = '<img src=x onerror=alert("name")>'
    title = '<script>alert("title")</script>'
    description = '<b onmouseover=alert("description")>Crispy</b>'
    query = "<script>"
    cook = make_cook(django_user_model, first_name=name, last_name="")
    baker.make("recipes.Recipe", title=title, description=description, author=cook)
    response = client.get("/recipes/", {"q": query})
    doc = parse(response)
    unsafe = unsafe_elements(doc)
    assert not unsafe, (
        f"GET /recipes/?q=<script> with a recipe titled {title!r} by {name!r} put real "
        f"{[el.tag for el in unsafe]} elements in the page (XSS): user input came out "
        "unescaped; expected every title, description and name shown as text"
    )
    text = doc.find("main").text if doc.find("main") else ""
    shown = {"title": title in text, "description": description in text, "name": name in text}
    assert all(shown.values()), (
        f"the page should show the title, the description and the author's name as text; "
        f"shown: {shown}"
    )
    search = doc.find("input", name="q")
    assert search is not None and search.attrs.get("value") == query, (
        f"the search box holds {search.attrs.get('value') if search else None!r}; expected "
        f"{query!r}, the search as typed"
    )
