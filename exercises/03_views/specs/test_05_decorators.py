"""Challenge 5, View decorators: require_api_key, method_decorator, and the built-ins
require_POST, login_required and cache_page."""

import json
import types
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import resolve
from django.views import View
from model_bakery import baker

KEYS = ["spec-key-1", "spec-key-2"]


@pytest.fixture(autouse=True)
def default_error_pages(settings):
    """The project's URLs without its handler404/handler500: a 404 here is Django's own,
    so these specs don't depend on the error pages of challenge 4."""
    from config import urls

    root = types.ModuleType("urls_with_default_error_pages")
    root.urlpatterns = urls.urlpatterns
    settings.ROOT_URLCONF = root


@pytest.fixture(autouse=True)
def empty_cache():
    """cache_page keeps pages in the locmem cache, which outlives a spec: start each
    spec with an empty cache and leave one behind."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def api_keys(settings):
    """Other keys than config/settings.py's (the specs change them again, as a deploy
    would: a decorator that read the setting once, at import, keeps the old ones)."""
    settings.EVENTS_API_KEYS = KEYS


def send(client, method, url, data=None, hint="", **kwargs):
    try:
        return getattr(client, method)(url, data, **kwargs)
    except Exception as error:
        pytest.fail(
            f"{method.upper()} {url} raised {type(error).__name__}: {error}; in production "
            f"that is a 500 Server Error{hint}"
        )


def json_kind(value):
    """A JSON value's kind, in words."""
    kinds = {dict: "object", list: "list", str: "string", int: "number", float: "number",
             bool: "boolean", type(None): "null"}
    return kinds.get(type(value), type(value).__name__)


def json_object(response, what):
    """The JSON object a response carries; fails, saying what came instead, when the body
    isn't JSON or is JSON of another kind (a list, a string...)."""
    content_type = response.headers.get("Content-Type", "")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    try:
        body = json.loads(content)
    except ValueError:
        pytest.fail(
            f"{what} answered {response.status_code} {content_type!r} {content[:100]!r}, "
            "which isn't JSON; expected a JSON object {...}"
        )
    if not isinstance(body, dict):
        pytest.fail(
            f"{what} answered a JSON {json_kind(body)}, {str(body)[:100]}; expected a JSON "
            "object {...}"
        )
    return body


def json_objects(body, key, what):
    """body[key], a list of JSON objects; fails, saying what came instead."""
    value = body.get(key)
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        shape = "nothing" if key not in body else f"a JSON {json_kind(value)}"
        pytest.fail(
            f'{what} answered {str(body)[:150]}, with {shape} under "{key}"; expected '
            f'{{"{key}": [{{...}}, ...]}}, a list of objects'
        )
    return value



def assert_json_detail(response, what):
    """An API client reads why it was refused from a JSON body, not from an HTML page."""
    content_type = response.headers.get("Content-Type", "")
    try:
        body = json.loads(response.content) if content_type.startswith("application/json") else None
    except ValueError:
        body = None
    assert isinstance(body, dict) and "detail" in body, (
        f"{what} answered {response.status_code} {content_type!r} {response.content[:80]!r}; "
        'expected a JSON body {"detail": "..."} saying why: an empty or HTML body tells an '
        "API client nothing"
    )


def check_api_key_protection(call, what, settings):
    """call(key) -> response, key None for no header. 401 without, 403 wrong, else the view.
    Then the keys change, as in a deploy: the old key is refused, the new one works."""
    for key, status, meaning in [
        (None, 401, "401 Unauthorized without an X-API-Key header"),
        ("", 401, "401 Unauthorized for an empty X-API-Key header"),
        ("wrong-key", 403, "403 Forbidden for a key that isn't in settings.EVENTS_API_KEYS"),
    ]:
        response = call(key)
        sent = "without an X-API-Key header" if key is None else f"with X-API-Key {key!r}"
        assert response.status_code == status, (
            f"{what} {sent} answered {response.status_code}; expected {meaning}"
        )
        assert_json_detail(response, f"{what} {sent}")
    for key in KEYS:
        response = call(key)
        assert response.status_code == 200, (
            f"{what} with the valid X-API-Key {key!r} answered {response.status_code}; "
            f"expected 200 from the view: any key of settings.EVENTS_API_KEYS (now {KEYS}) "
            "opens it"
            + (": the key was refused as if the setting still held other keys (an old copy "
               "of the setting, read once at import?)" if response.status_code == 403 else "")
        )
    settings.EVENTS_API_KEYS = ["rotated-key"]
    statuses = (call(KEYS[0]).status_code, call("rotated-key").status_code)
    assert statuses == (403, 200), (
        f"after settings.EVENTS_API_KEYS changed to ['rotated-key'], {what} answered "
        f"{statuses[0]} to the old key {KEYS[0]!r} and {statuses[1]} to the new one; expected "
        "403 and 200"
        + (": the keys in force are an old copy of the setting (read once, at import?), "
           "not its value when the request comes" if statuses == (200, 403) else "")
    )
    settings.EVENTS_API_KEYS = KEYS
    return call(KEYS[0])


@pytest.mark.task(1)
def test_require_api_key_answers_401_or_403_before_the_view(rf, settings):
    from decorators.decorators import require_api_key

    calls = []

    def partner_feed(request):
        calls.append(request)
        return HttpResponse("the feed")

    view = require_api_key(partner_feed)

    def call(key):
        headers = {} if key is None else {"X-API-Key": key}
        return view(rf.get("/feed/", headers=headers))

    response = check_api_key_protection(call, "a view decorated with require_api_key", settings)
    assert response.content == b"the feed", (
        f"with a valid key the decorated view answered {response.content!r}; expected the "
        "view's own response"
    )
    assert len(calls) == len(KEYS) + 2, (
        f"the view ran {len(calls)} times for {len(KEYS) + 2} requests with a valid key; a "
        "401 or 403 must be answered before the view runs"
    )


@pytest.mark.task(1)
def test_require_api_key_keeps_the_views_name_and_docstring():
    from decorators.decorators import require_api_key

    def partner_feed(request):
        """Every event, for partners."""
        return HttpResponse("the feed")

    view = require_api_key(partner_feed)
    got = (getattr(view, "__name__", None), getattr(view, "__doc__", None))
    assert got == ("partner_feed", "Every event, for partners."), (
        f"require_api_key(partner_feed) is named {got[0]!r} with the docstring {got[1]!r}; "
        "the decorator lost the view's name and docstring: debug pages, logs and tools see "
        "the wrapper instead of the view"
    )
    assert getattr(view, "__wrapped__", None) is partner_feed, (
        "require_api_key(partner_feed).__wrapped__ is not partner_feed; expected it to point "
        "to the decorated view"
    )


@pytest.mark.task(1)
def test_event_feed_is_protected(client, settings, db):
    baker.make("events.Event", slug="spring-gala")

    def call(key):
        headers = {} if key is None else {"X-API-Key": key}
        return send(client, "get", "/deco/api/events/", headers=headers)

    response = check_api_key_protection(call, "GET /deco/api/events/", settings)
    body = json_object(response, "GET /deco/api/events/ with a valid key")
    events = json_objects(body, "events", "GET /deco/api/events/ with a valid key")
    assert [e.get("slug") for e in events] == ["spring-gala"], (
        f"GET /deco/api/events/ with a valid key answered {body}; expected the event"
    )


@pytest.mark.task(2)
def test_class_based_stats_view_is_protected_with_method_decorator(client, settings, db):
    baker.make("events.Event", _quantity=2)
    url = "/deco/api/stats/"
    view_class = getattr(resolve(url).func, "view_class", None)
    assert isinstance(view_class, type) and issubclass(view_class, View), (
        f"{url} is no longer served by a class-based view; keep StatsView and decorate it"
    )
    hint = (
        ": a function decorator put on a method as it is receives self as its first "
        "argument, not the request"
    )

    def call(key):
        headers = {} if key is None else {"X-API-Key": key}
        return send(client, "get", url, headers=headers, hint=hint)

    response = check_api_key_protection(call, f"GET {url}", settings)
    body = json_object(response, f"GET {url} with a valid key")
    assert body == {"events": 2, "rsvps": 0}, (
        f"GET {url} with a valid key answered {body}; expected the counts"
    )


@pytest.mark.task(3)
def test_close_event_needs_a_signed_in_user_and_a_post(client, django_user_model, db):
    event = baker.make("events.Event", capacity=40)
    url = f"/deco/events/{event.pk}/close/"

    def capacity():
        event.refresh_from_db()
        return event.capacity

    response = send(client, "post", url)
    assert capacity() == 40, (
        f"an anonymous POST {url} closed the event (answered {response.status_code}); "
        "expected a redirect to the login page: only signed-in users may close an event"
    )
    location = urlsplit(response.headers.get("Location", ""))
    assert response.status_code == 302 and location.path == "/accounts/login/", (
        f"an anonymous POST {url} answered {response.status_code} "
        f"{response.headers.get('Location', '')!r}; expected 302 to /accounts/login/"
    )
    assert parse_qs(location.query).get("next") == [url], (
        f"the login redirect is {response.headers['Location']!r}; expected ?next={url}, to "
        "come back after signing in"
    )
    client.force_login(django_user_model.objects.create_user("ann"))
    for method in ("get", "put"):
        response = send(client, method, url)
        assert capacity() == 40, (
            f"{method.upper()} {url} closed the event; a GET must not change state, closing "
            "is POST only"
        )
        assert response.status_code == 405, (
            f"{method.upper()} {url} answered {response.status_code}; expected 405"
        )
    response = send(client, "post", url)
    assert response.status_code == 200 and capacity() == 0, (
        f"a signed-in POST {url} answered {response.status_code} and left the capacity at "
        f"{capacity()}; expected 200 and capacity 0"
    )


@pytest.mark.task(4)
def test_summary_is_cached_for_sixty_seconds(client, db):
    url = "/deco/events/summary/"
    baker.make("events.Event")
    first = send(client, "get", url)
    first_body = json_object(first, f"GET {url}")
    assert first.status_code == 200 and first_body.get("events") == 1, (
        f"GET {url} answered {first.status_code} {first.content[:100]!r}; expected 1 event"
    )
    baker.make("events.Event")
    with CaptureQueriesContext(connection) as queries:
        second = send(client, "get", url)
    second_body = json_object(second, f"the second GET {url}")
    assert len(queries) == 0 and second_body == first_body, (
        f"the second GET {url} ran {len(queries)} queries and answered {second_body} (the "
        f"first: {first_body}); expected the first page again from the cache, with no "
        "query"
    )
    cache_control = first.headers.get("Cache-Control", "")
    assert "max-age=60" in cache_control, (
        f"the page has Cache-Control {cache_control!r}; expected max-age=60: the browser "
        "isn't told it may keep the page for 60 seconds"
    )
