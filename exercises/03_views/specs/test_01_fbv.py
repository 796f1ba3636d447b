"""Challenge 1, Function-based views: detail with a 404, a POST-only RSVP, a JSON endpoint."""

import json
import types

import pytest
from model_bakery import baker

CLIENT_ERRORS = (400, 404, 405)


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


def send(client, method, url, data=None, sent="", **kwargs):
    """The response; an exception the view raised (a 500 in production) fails the spec
    with its name. `sent` says what the request carried, for the message."""
    try:
        return getattr(client, method)(url, data, **kwargs)
    except Exception as error:
        hint = ""
        if isinstance(error, IndexError):
            hint = ": filter(pk=pk)[0] raises IndexError when no event has that pk; expected a 404"
        elif type(error).__name__ == "DoesNotExist":
            hint = ": Event.objects.get() raises DoesNotExist for an unknown pk; expected a 404"
        elif sent:
            hint = (
                f": the client's body {sent} crashed the view; expected 400, a body that "
                "isn't a JSON object of the form's fields is the client's mistake"
            )
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


def describe(body):
    """What a JSON body holds, in words: '[1, 2]' (a JSON list, not an object)."""
    try:
        value = json.loads(body)
    except ValueError:
        return f"{body!r} (not JSON at all)"
    if isinstance(value, dict):
        return f"{body!r} (a JSON object)"
    kinds = {list: "a JSON list", str: "a JSON string", int: "a JSON number",
             float: "a JSON number", bool: "a JSON boolean", type(None): "JSON null"}
    return f"{body!r} ({kinds.get(type(value), 'JSON')}, not an object)"


def post_json(client, url, payload):
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return send(client, "post", url, data=body, sent=describe(body),
                content_type="application/json")


def rsvp_count():
    from events.models import RSVP

    return RSVP.objects.count()


@pytest.mark.task(1)
def test_detail_shows_the_event_and_404s_for_an_unknown_pk(client, event):
    response = send(client, "get", f"/fbv/events/{event.pk}/")
    assert response.status_code == 200, (
        f"GET /fbv/events/{event.pk}/ answered {response.status_code}; expected 200"
    )
    assert "Spring Gala" in response.content.decode(), "the event's page doesn't show its title"
    response = send(client, "get", "/fbv/events/999999/")
    assert response.status_code == 404, (
        f"GET /fbv/events/999999/ (no such event) answered {response.status_code}; "
        "expected 404 Not Found"
    )


@pytest.mark.task(2)
def test_rsvp_post_creates_it_and_redirects_to_the_event(client, event):
    url = f"/fbv/events/{event.pk}/rsvp/"
    response = send(client, "post", url, {"name": "Ann", "email": "ann@example.com"})
    assert response.status_code == 302, (
        f"a valid POST {url} answered {response.status_code}; expected 302, a redirect to "
        "the event's page (Post/Redirect/Get: a reload must not post twice)"
    )
    assert response.headers["Location"] == f"/fbv/events/{event.pk}/", (
        f"a valid POST {url} redirected to {response.headers['Location']!r}; expected "
        f"the event's page '/fbv/events/{event.pk}/'"
    )
    rsvps = list(event.rsvps.values_list("name", "email"))
    assert rsvps == [("Ann", "ann@example.com")], (
        f"after the POST the event has the RSVPs {rsvps}; expected [('Ann', 'ann@example.com')]"
    )


@pytest.mark.task(2)
def test_rsvp_get_is_405_and_changes_nothing(client, event):
    url = f"/fbv/events/{event.pk}/rsvp/?name=Ann&email=ann@example.com"
    for method in ("get", "put", "delete"):
        response = send(client, method, url)
        created = rsvp_count()
        assert created == 0, (
            f"{method.upper()} {url} answered {response.status_code} and created an RSVP; "
            "a GET must not change state, so the RSVP is POST only"
        )
        assert response.status_code == 405, (
            f"{method.upper()} {url} answered {response.status_code}; expected 405 Method "
            "Not Allowed: the RSVP is POST only"
        )
        assert allowed_methods(response) == {"POST"}, (
            f"the 405 has Allow: {response.headers.get('Allow')!r}; expected 'POST'"
        )


@pytest.mark.task(2)
def test_rsvp_invalid_form_is_400_with_errors_and_saves_nothing(client, event):
    url = f"/fbv/events/{event.pk}/rsvp/"
    response = send(client, "post", url, {"name": "Ann", "email": "not-an-email"})
    assert rsvp_count() == 0, f"POST {url} with the email 'not-an-email' saved an RSVP"
    assert response.status_code == 400, (
        f"POST {url} with the email 'not-an-email' answered {response.status_code}; expected "
        "400 Bad Request, the page with the form's errors"
    )
    assert "valid email" in response.content.decode(), (
        "the 400 page doesn't show the form's error ('Enter a valid email address.'): the "
        "visitor can't see what to correct"
    )


@pytest.mark.task(2)
def test_rsvp_to_an_unknown_event_is_404(client, db):
    url = "/fbv/events/999999/rsvp/"
    response = send(client, "post", url, {"name": "Ann", "email": "ann@example.com"})
    assert response.status_code == 404, (
        f"POST {url} (no such event) answered {response.status_code}; expected 404"
    )


@pytest.mark.task(3)
def test_api_post_answers_201_with_the_new_rsvp(client, event):
    url = f"/fbv/api/events/{event.pk}/rsvps/"
    response = post_json(client, url, {"name": "Ann", "email": "ann@example.com"})
    assert response.status_code == 201, (
        f"a valid POST {url} answered {response.status_code}; expected 201 Created"
    )
    body = json_object(response, f"a valid POST {url}")
    assert body.get("name") == "Ann" and body.get("email") == "ann@example.com" and body.get("id"), (
        f"the 201 body is {body}; expected the new RSVP: id, name and email"
    )
    listed = json_object(send(client, "get", url), f"GET {url}")
    rsvps = json_objects(listed, "rsvps", f"GET {url}")
    assert [r.get("email") for r in rsvps] == ["ann@example.com"], (
        f"GET {url} after the POST answered {listed}; expected the new RSVP in 'rsvps'"
    )


@pytest.mark.task(3)
def test_api_post_with_invalid_fields_is_400_with_field_errors(client, event):
    url = f"/fbv/api/events/{event.pk}/rsvps/"
    for payload, fields in [({"name": "", "email": "not-an-email"}, {"name", "email"}),
                            ({}, {"name", "email"})]:
        response = post_json(client, url, payload)
        assert response.status_code == 400, (
            f"POST {url} with {payload} answered {response.status_code}; expected 400 "
            "with the field errors"
        )
        assert rsvp_count() == 0, f"POST {url} with {payload} saved an RSVP"
        content_type = response.headers.get("Content-Type", "")
        assert content_type.startswith("application/json"), (
            f"the 400 for {payload} is {content_type} {response.content[:80]!r}; expected JSON, "
            'like every answer of this endpoint: {"errors": {field: [messages]}}'

        )
        body = json_object(response, f"POST {url} with {payload}")
        errors = body.get("errors")
        assert isinstance(errors, dict) and fields <= set(errors), (
            f"the 400 for {payload} has the body {body}; expected "
            f'{{"errors": {{...}}}} naming the fields {sorted(fields)}'
        )


@pytest.mark.task(3)
def test_api_post_cannot_choose_another_event(client, event):
    """Mass assignment: the client's JSON must not reach create(**data)."""
    other = baker.make("events.Event", slug="other")
    url = f"/fbv/api/events/{event.pk}/rsvps/"
    payload = {"name": "Ann", "email": "ann@example.com", "event_id": other.pk}
    response = post_json(client, url, payload)
    assert not other.rsvps.exists(), (
        f"POST {url} with {payload} created an RSVP for event {other.pk}, not {event.pk}: "
        "the client's JSON chose the event (mass assignment); only name and email may come "
        "from the client, the event is the one in the URL"
    )
    assert response.status_code in (201, 400), (
        f"POST {url} with {payload} answered {response.status_code}; expected 201 (the "
        "unknown key ignored) or 400 (refused)"
    )


@pytest.mark.task(3)
def test_api_post_with_a_body_that_is_not_a_json_object_is_400(client, event):
    url = f"/fbv/api/events/{event.pk}/rsvps/"
    for body in ("{not json", '["Ann", "ann@example.com"]', ""):
        response = post_json(client, url, body)
        assert response.status_code == 400, (
            f"POST {url} with the body {body!r} answered {response.status_code}; expected "
            "400: the body must be a JSON object"
        )
        assert response.headers["Content-Type"].startswith("application/json"), (
            f"the 400 for the body {body!r} is {response.headers['Content-Type']}; "
            "expected JSON, like every answer of this endpoint"
        )
    assert rsvp_count() == 0, "a POST with a body that isn't a JSON object saved an RSVP"


@pytest.mark.task(3)
def test_api_other_methods_are_405_with_allow(client, event):
    url = f"/fbv/api/events/{event.pk}/rsvps/"
    for method in ("put", "patch", "delete"):
        response = send(client, method, url)
        assert response.status_code == 405, (
            f"{method.upper()} {url} answered {response.status_code}; expected 405 Method "
            "Not Allowed: the endpoint takes GET and POST only"
        )
        allowed = allowed_methods(response)
        assert {"GET", "POST"} <= allowed and not allowed & {"PUT", "PATCH", "DELETE"}, (
            f"the 405 to {method.upper()} has Allow: {response.headers.get('Allow')!r}; "
            "expected GET and POST: RFC 9110 requires the header on a 405"
        )


@pytest.mark.task(3)
def test_api_unknown_event_is_404(client, db):
    url = "/fbv/api/events/999999/rsvps/"
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
