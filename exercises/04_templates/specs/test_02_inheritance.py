"""Challenge 2, Inheritance and tags: the navigation from a context processor, the blocks
of layout/base.html, {{ block.super }}, and an include isolated with `only`."""

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.test import RequestFactory
from htmltree import parse
from model_bakery import baker

SECTIONS = {"Home": "/", "Recipes": "/recipes/", "About": "/about/"}


def navigation(path):
    from layout.context_processors import navigation

    try:
        return navigation(RequestFactory().get(path))
    except Exception as error:
        pytest.fail(
            f"navigation() raised {type(error).__name__} ({error}) for a request to {path} that "
            "no URL pattern resolved yet; expected the three sections. The processor also runs "
            "for such requests (a 404 page), where request.resolver_match is None"
        )


def active_links(doc, where):
    """The hrefs of the nav links marked current with aria-current="page" (what screen
    readers announce), and those marked by a class or another aria-current value only."""
    nav = doc.find("nav")
    assert nav is not None, f"{where} has no <nav>: layout/base.html renders the navigation"
    current, other = [], []
    for link in nav.find_all("a"):
        href = link.attrs.get("href")
        if link.attrs.get("aria-current") == "page":
            current.append(href)
        elif "aria-current" in link.attrs or any(
            "active" in el.classes or "current" in el.classes or "aria-current" in el.attrs
            for el in (link, link.parent)
            if el is not None
        ):
            other.append(href)
    return current, other


def marking_problem(current, other, expected):
    if not current and other == expected:
        return (
            f": the link {other} is marked only by a class (or an aria-current on another "
            "element or with another value), which screen readers do not announce; expected "
            'aria-current="page" on the current link itself'
        )
    return ""


def standin_engine(templates):
    """The project's template engine, with `templates` ({name: source}) found before the
    project's own: a page rendered against a stand-in base.html or _teaser.html shows what
    it takes from them."""
    from django.template.backends.django import DjangoTemplates

    loaders = [("django.template.loaders.locmem.Loader", templates)]
    loaders.append("django.template.loaders.app_directories.Loader")
    params = {"NAME": "standin", "DIRS": [], "APP_DIRS": False, "OPTIONS": {"loaders": loaders}}
    return DjangoTemplates(params)


STANDIN_BASE = """<!doctype html><html><head><title>{% block title %}Cookbook{% endblock %}</title>
</head><body><main>{% block content %}{% endblock %}</main>
<footer>{% block footer %}<p class="copyright">© Somebody else</p>{% endblock %}</footer>
</body></html>"""


def get_page(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}; expected 200"
    return parse(response)


# 1. The context processor -----------------------------------------------------------


@pytest.mark.task(1)
def test_navigation_marks_the_current_section():
    expected = {
        "/": ["Home"],
        "/about/": ["About"],
        "/recipes/": ["Recipes"],
        "/recipes/pancakes/": ["Recipes"],
        "/recipes-archive/": [],
        "/kitchen/": [],
    }
    for path, labels in expected.items():
        returned = navigation(path)
        items = returned.get("nav_items") if isinstance(returned, dict) else None
        shape_ok = isinstance(items, (list, tuple)) and all(
            isinstance(item, dict) and {"label", "url", "active"} <= item.keys() for item in items
        )
        assert shape_ok and [item["label"] for item in items] == list(SECTIONS), (
            f"navigation() for {path} returned {returned!r}; expected {{'nav_items': [...]}} "
            f"with the three sections {list(SECTIONS)}, each a dict with label, url and active"
        )
        active = [item["label"] for item in items if item["active"]]
        problem = "a section is current on its URL and below it; Home only on / itself"
        if path != "/" and "Home" in active:
            problem = "Home is marked current on a page that is not the home page"
        elif path in SECTIONS.values() and not active:
            problem = (
                "not even a section's own URL is marked; the request here was never resolved "
                "(as for a 404 page), so the path is all the processor can rely on"
            )
        elif path == "/recipes/pancakes/" and not active:
            problem = "a page below a section's URL does not count as in that section"
        elif path == "/recipes-archive/" and active:
            problem = "/recipes-archive/ is not under /recipes/, only its name starts alike"
        assert active == labels, (
            f"for a request to {path}, navigation() marks {active} active; expected "
            f"{labels}: {problem}"
        )


# 2. Registered: every page rendered with a request gets it -------------------------


@pytest.mark.task(2)
def test_every_page_rendered_with_a_request_gets_the_navigation(client, db):
    request = RequestFactory().get("/about/")
    try:
        rendered = engines["django"].from_string("{{ nav_items|length }}").render({}, request)
    except Exception as error:
        pytest.fail(
            f"rendering a template with a request to /about/ raised {type(error).__name__} "
            f"({error}); expected the page's context to get the three sections"
        )
    assert rendered == "3", (
        f"a template rendered with a request sees {rendered!r} sections in nav_items; expected "
        "3: the navigation processor does not run for the project's templates"
    )
    response = client.get("/admin/login/")
    assert "nav_items" in response.context, (
        "the admin's login page (a view you didn't write, rendered with a request) has no "
        "nav_items in its context; a context processor reaches every such page"
    )


# 3. base.html: the active link and the footer block ---------------------------------


@pytest.mark.task(3)
def test_base_marks_the_active_link():
    for current in SECTIONS:
        nav_items = [
            {"label": label, "url": url, "active": label == current}
            for label, url in SECTIONS.items()
        ]
        doc = parse(render_to_string("layout/base.html", {"nav_items": nav_items}))
        active, other = active_links(doc, "layout/base.html")
        expected = [SECTIONS[current]]
        problem = marking_problem(active, other, expected)
        assert active == expected, (
            f'with {current} active, base.html marks the links {active} with aria-current="page"'
            f"; expected {expected}{problem}"
        )


@pytest.mark.task(3)
def test_pages_mark_their_own_section(client, db):
    for url in ("/", "/about/"):
        active, other = active_links(get_page(client, url), f"GET {url}")
        problem = marking_problem(active, other, [url])
        assert active == [url], (
            f'GET {url} marks the nav links {active} with aria-current="page"; expected '
            f"[{url!r}]{problem}"
        )


@pytest.mark.task(3)
def test_base_footer_is_a_block_pages_can_change():
    child = engines["django"].from_string(
        '{% extends "layout/base.html" %}{% block footer %}<p class="own">Ours</p>{% endblock %}'
    )
    footer = parse(child.render({})).find("footer")
    assert footer is not None, (
        "a page that overrides the block 'footer' has no <footer> element left: the block "
        "wraps the whole <footer> element instead of its content"
    )
    assert footer.find("p", cls="own") and not footer.find("p", cls="copyright"), (
        f"a page that overrides the block 'footer' gets the footer {footer.text!r}; expected "
        "its own content instead of the copyright line: the copyright line is not the "
        "default content of a block named footer"
    )
    default = parse(render_to_string("layout/base.html", {})).find("footer")
    assert default is not None and default.find("p", cls="copyright"), (
        "by default (a page that leaves the block alone) the footer shows no copyright line; "
        'expected <p class="copyright"> inside <footer>'
    )


# 4. about.html: {{ block.super }} ----------------------------------------------------


@pytest.mark.task(4)
def test_about_title_builds_on_the_base_title(client, db):
    doc = get_page(client, "/about/")
    title = doc.find("title").text if doc.find("title") else None
    assert title == "About · Recipes", (
        f"the about page's <title> is {title!r}; expected 'About · Recipes', the base's "
        "title with 'About · ' before it"
    )
    main = doc.find("main")
    heading = main.find("h1") if main else None
    assert heading is not None and heading.text == "About", (
        "the about page's <main> lost its <h1>About</h1>: keep the content block"
    )


@pytest.mark.task(4)
def test_about_footer_keeps_the_base_footer_and_adds_credits(client, db):
    footer = get_page(client, "/about/").find("footer")
    assert footer is not None, "the about page has no <footer>: keep the base's footer"
    classes = [
        name for p in footer.find_all("p") for name in p.classes if name in ("copyright", "credits")
    ]
    assert classes == ["copyright", "credits"], (
        f"the about page's footer has the paragraphs {classes}; expected ['copyright', "
        "'credits']: the base's copyright line, then "
        '<p class="credits">Photos by our cooks.</p>'
    )


@pytest.mark.task(4)
def test_about_takes_its_title_and_copyright_from_the_base():
    about = standin_engine({"layout/base.html": STANDIN_BASE}).get_template("layout/about.html")
    doc = parse(about.render({}))
    title = doc.find("title").text if doc.find("title") else None
    assert title == "About · Cookbook", (
        f"rendered on a base.html whose title is 'Cookbook', the about page's <title> is "
        f"{title!r}; expected 'About · Cookbook': the page copied the base's title instead "
        "of building on it"
    )
    footer = doc.find("footer")
    lines = [p.text for p in footer.find_all("p")] if footer else []
    assert "© Somebody else" in lines and "Photos by our cooks." in lines, (
        f"rendered on a base.html whose copyright line is '© Somebody else', the about page's "
        f"footer says {lines}; expected that line, then 'Photos by our cooks.': the page "
        "copied (or dropped) the base's copyright line instead of keeping the base's footer"
    )


# 5. home.html: {% include ... only %} -----------------------------------------------


@pytest.mark.task(5)
def test_teasers_get_the_recipe_and_nothing_else(client, db):
    baker.make("recipes.Recipe", title="Lemon tart")
    baker.make("recipes.Recipe", title="Onion soup")
    main = get_page(client, "/").find("main")
    teasers = main.find_all("article", cls="teaser")
    titles = sorted(teaser.find("h2").text for teaser in teasers if teaser.find("h2"))
    assert titles == ["Lemon tart", "Onion soup"], (
        f"the home page's teasers show the titles {titles}; expected ['Lemon tart', "
        "'Onion soup']: the fragment did not get its recipe"
    )
    leaked = [
        teaser.find("p", cls="note").text for teaser in teasers if teaser.find("p", cls="note")
    ]
    assert not leaked, (
        f"every teaser shows the page's note {leaked[0]!r}; expected no note in the teasers: "
        "the include passes the whole page context to the fragment"
    )
    assert len(main.find_all("p", cls="note")) == 1, "the page itself should show its note once"


STANDIN_TEASER = """<article class="teaser"><h2>{{ recipe.title }}</h2>
<ul class="seen">{% if note %}<li>note</li>{% endif %}{% if recipes %}<li>recipes</li>{% endif %}
{% if page_only %}<li>page_only</li>{% endif %}</ul></article>"""


@pytest.mark.task(5)
def test_the_teaser_sees_the_recipe_and_nothing_else():
    engine = standin_engine(
        {"layout/base.html": STANDIN_BASE, "layout/_teaser.html": STANDIN_TEASER}
    )
    recipes = [{"title": "Lemon tart"}, {"title": "Onion soup"}]
    context = {"recipes": recipes, "note": "Closed on Sundays.", "page_only": "yes"}
    teasers = parse(engine.get_template("layout/home.html").render(context)).find_all(
        "article", cls="teaser"
    )
    titles = [teaser.find("h2").text for teaser in teasers if teaser.find("h2")]
    assert titles == ["Lemon tart", "Onion soup"], (
        f"the home page's teasers show the titles {titles}; expected ['Lemon tart', "
        "'Onion soup']: the fragment did not get its recipe"
    )
    seen = sorted({li.text for teaser in teasers for li in teaser.find_all("li")})
    if "note" in seen:
        problem = "the include passes the whole page context to the fragment"
    else:
        problem = (
            'hiding the note (note="") is not enough, every other variable of the page '
            "reaches the fragment"
        )
    assert not seen, (
        f"the included teaser still sees the page's {seen}; expected it to see the recipe "
        f"and nothing else: {problem}"
    )
