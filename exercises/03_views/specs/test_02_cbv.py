"""Challenge 2, Class-based views: View subclasses, get/post, dispatch, as_view(**initkwargs)."""

import json
import types
from datetime import timedelta

import pytest
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.views import View
from model_bakery import baker


@pytest.fixture(autouse=True)
def default_error_pages(settings):
    """The project's URLs without its handler404/handler500: a 404 here is Django's own,
    so these specs don't depend on the error pages of challenge 4."""
    from config import urls

    root = types.ModuleType("urls_with_default_error_pages")
    root.urlpatterns = urls.urlpatterns
    settings.ROOT_URLCONF = root


@pytest.fixture
def event(db):
    return baker.make("events.Event", title="Spring Gala", slug="spring-gala", capacity=50)


def view_class(url):
    """The class behind a URL; fails unless it is a View subclass served by as_view()."""
    try:
        match = resolve(url)
    except Resolver404:
        pytest.fail(f"no route matches {url}; see cbv/urls.py")
    cls = getattr(match.func, "view_class", None)
    assert isinstance(cls, type) and issubclass(cls, View), (
        f"{url} is served by {match.func!r}, not a class-based view; the task asks for a "
        "subclass of django.views.View behind each route"
    )
    return cls


def send(client, method, url, data=None, **kwargs):
    try:
        return getattr(client, method)(url, data, **kwargs)
    except Exception as error:
        hint = ""
        if type(error).__name__ == "DoesNotExist" or isinstance(error, IndexError):
            hint = ": an unknown event must be a 404, not a crash"
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


def allowed_methods(response):
    return {m.strip().upper() for m in response.headers.get("Allow", "").split(",") if m.strip()}


def post_json(client, url, body):
    body = body if isinstance(body, str) else json.dumps(body)
    return send(client, "post", url, body, content_type="application/json")


def titles(response, url):
    body = json_object(response, f"GET {url}")
    return [event.get("title") for event in json_objects(body, "events", f"GET {url}")]


@pytest.mark.task(1)
def test_detail_is_a_view_class_that_404s_for_an_unknown_pk(client, event):
    view_class(f"/cbv/events/{event.pk}/")
    response = send(client, "get", f"/cbv/events/{event.pk}/")
    assert response.status_code == 200, (
        f"GET /cbv/events/{event.pk}/ answered {response.status_code}; expected 200, the "
        "event's page"
    )
    names = [t.name for t in response.templates]
    assert "events/event_detail.html" in names, (
        f"GET /cbv/events/{event.pk}/ rendered {names}; expected events/event_detail.html"
    )
    assert "Spring Gala" in response.content.decode(), "the event's page doesn't show its title"
    from events.forms import RSVPForm

    event_in_context = response.context.get("event")
    form = response.context.get("form")
    assert getattr(event_in_context, "pk", None) == event.pk, (
        f"the page's context has event={event_in_context!r}; expected the event, as 'event'"
    )
    assert isinstance(form, RSVPForm) and not form.is_bound, (
        f"the page's context has form={form!r}; expected an empty RSVPForm() as 'form', so "
        "the page shows the form that reserves a seat"
    )
    response = send(client, "get", "/cbv/events/999999/")
    assert response.status_code == 404, (
        f"GET /cbv/events/999999/ (no such event) answered {response.status_code}; expected 404"
    )


@pytest.mark.task(2)
def test_rsvp_view_post_creates_and_redirects(client, event):
    url = f"/cbv/events/{event.pk}/rsvp/"
    view_class(url)
    response = send(client, "post", url, {"name": "Ann", "email": "ann@example.com"})
    assert response.status_code == 302, (
        f"a valid POST {url} answered {response.status_code}; expected 302 to the event's page"
    )
    assert response.headers["Location"] == f"/cbv/events/{event.pk}/", (
        f"a valid POST {url} redirected to {response.headers['Location']!r}; expected "
        f"'/cbv/events/{event.pk}/'"
    )
    assert list(event.rsvps.values_list("email", flat=True)) == ["ann@example.com"], (
        "after a valid POST the event has no RSVP from ann@example.com"
    )
    response = send(client, "post", url, {"name": "Bob", "email": "nope"})
    assert response.status_code == 400 and event.rsvps.count() == 1, (
        f"POST {url} with the email 'nope' answered {response.status_code}; expected 400 "
        "and no RSVP saved"
    )


@pytest.mark.task(2)
def test_rsvp_view_answers_get_with_405(client, event):
    url = f"/cbv/events/{event.pk}/rsvp/"
    view_class(url)
    response = send(client, "get", url, {"name": "Ann", "email": "ann@example.com"})
    assert event.rsvps.count() == 0, (
        f"GET {url} answered {response.status_code} and created an RSVP; a GET must not "
        "change state"
    )
    assert response.status_code == 405, (
        f"GET {url} answered {response.status_code}; expected 405 Method Not Allowed"
    )
    allowed = allowed_methods(response)
    assert "POST" in allowed and "GET" not in allowed, (
        f"the 405 has Allow: {response.headers.get('Allow')!r}; expected POST (and no GET): "
        "the header lists the methods the view accepts"
    )


@pytest.mark.task(3)
def test_api_view_get_and_post(client, event):
    url = f"/cbv/api/events/{event.pk}/rsvps/"
    view_class(url)
    response = post_json(client, url, {"name": "Ann", "email": "ann@example.com"})
    assert response.status_code == 201, (
        f"a valid POST {url} answered {response.status_code}; expected 201 Created"
    )
    body = json_object(response, f"a valid POST {url}")
    assert body.get("email") == "ann@example.com", (
        f"the 201 body is {body}; expected the new RSVP"
    )
    listed = json_object(send(client, "get", url), f"GET {url}")
    rsvps = json_objects(listed, "rsvps", f"GET {url}")
    assert [r.get("email") for r in rsvps] == ["ann@example.com"], (
        f"GET {url} answered {listed}; expected the RSVP in 'rsvps'"
    )
    for body in ({"name": "", "email": "nope"}, "{not json", "[1, 2]"):
        response = post_json(client, url, body)
        assert response.status_code == 400, (
            f"POST {url} with the body {body!r} answered {response.status_code}; expected 400"
        )
    assert event.rsvps.count() == 1, "a POST that answered 400 saved an RSVP anyway"


@pytest.mark.task(3)
def test_api_view_405_lists_get_and_post(client, event):
    url = f"/cbv/api/events/{event.pk}/rsvps/"
    view_class(url)
    for method in ("put", "delete"):
        response = send(client, method, url)
        allowed = allowed_methods(response)
        assert response.status_code == 405, (
            f"{method.upper()} {url} answered {response.status_code}; expected 405"
        )
        assert {"GET", "POST"} <= allowed and not allowed & {"PUT", "PATCH", "DELETE"}, (
            f"the 405 to {method.upper()} has Allow: {response.headers.get('Allow')!r}; "
            "expected GET and POST, the methods the endpoint accepts"
        )


@pytest.mark.task(3)
def test_api_view_answers_an_unknown_event_with_a_json_404(client, db):
    url = "/cbv/api/events/999999/rsvps/"
    view_class(url)
    for method in ("get", "post"):
        response = (
            post_json(client, url, {"name": "Ann", "email": "ann@example.com"})
            if method == "post"
            else send(client, "get", url)
        )
        assert response.status_code == 404, (
            f"{method.upper()} {url} (no such event) answered {response.status_code}; "
            "expected 404"
        )
        assert response.headers["Content-Type"].startswith("application/json"), (
            f"the 404 to {method.upper()} {url} is {response.headers['Content-Type']}; "
            "expected JSON, like every answer of this API: a JSON client can't read "
            "Django's HTML 404 page"
        )
        body = json_object(response, f"{method.upper()} {url} (no such event)")
        assert "detail" in body, f"the JSON 404 is {body}; expected a 'detail' key"


@pytest.mark.task(4)
def test_upcoming_and_past_are_one_class_configured_by_as_view(client, db):
    today = timezone.localdate()
    for title, days in [("Next week", 7), ("Tomorrow", 1), ("Today", 0), ("Yesterday", -1),
                        ("Last month", -30)]:
        baker.make("events.Event", title=title, date=today + timedelta(days=days))
    upcoming = view_class("/cbv/events/upcoming/")
    past = view_class("/cbv/events/past/")
    assert past is upcoming, (
        f"/cbv/events/upcoming/ is served by {upcoming.__name__} and /cbv/events/past/ by "
        f"{past.__name__}; expected one class, configured per route in the URLconf (no "
        "subclass)"
    )
    got = titles(send(client, "get", "/cbv/events/upcoming/"), "/cbv/events/upcoming/")
    assert got == ["Today", "Tomorrow", "Next week"], (
        f"/cbv/events/upcoming/ lists {got}; expected today's and later events, soonest "
        "first: ['Today', 'Tomorrow', 'Next week']"
    )
    got = titles(send(client, "get", "/cbv/events/past/"), "/cbv/events/past/")
    assert got == ["Yesterday", "Last month"], (
        f"/cbv/events/past/ lists {got}; expected the events before today, most recent "
        "first: ['Yesterday', 'Last month']"
    )
