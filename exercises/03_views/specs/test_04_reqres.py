"""Challenge 4, Request and response: query strings, headers, JSON bodies, signed cookies,
streamed and file responses, and the project's 404 and 500 pages."""

import csv
import datetime
import io
import json
import types

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, path
from django.views import defaults
from model_bakery import baker


@pytest.fixture
def events(db):
    def make(title, slug, day, capacity):
        return baker.make(
            "events.Event", title=title, slug=slug, date=datetime.date(2026, 3, day),
            capacity=capacity,
        )

    return [
        make("Spring Gala", "spring-gala", 14, 120),
        make('Jazz, "Live" Night', "jazz-night", 20, 80),
        make("Chess Club", "chess-club", 27, 16),
    ]


def send(client, method, url, data=None, hint="", **kwargs):
    """The response; an exception the view raised (a 500 in production) fails the spec."""
    try:
        return getattr(client, method)(url, data, **kwargs)
    except Exception as error:
        pytest.fail(
            f"{method.upper()} {url} raised {type(error).__name__}: {error}; in production "
            f"that is a 500 Server Error{hint}"
        )


def patch(client, url, body, content_type="application/json"):
    body = body if isinstance(body, str) else json.dumps(body)
    hint = f": the body {body!r} crashed the view; expected a 400 saying what is wrong with it"
    return send(client, "patch", url, body, hint, content_type=content_type)


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



def slugs(response, what):
    body = json_object(response, what)
    return [event.get("slug") for event in json_objects(body, "events", what)]


def is_json(response):
    return response.headers.get("Content-Type", "").startswith("application/json")


def is_html(response):
    return response.headers.get("Content-Type", "").startswith("text/html")


@pytest.mark.task(1)
def test_search_uses_every_slug_and_counts_the_events(client, events):
    url = "/api/events/?slug=spring-gala&slug=chess-club"
    response = send(client, "get", url)
    got = slugs(response, f"GET {url}")
    assert got == ["spring-gala", "chess-club"], (
        f"GET {url} answered the events {got}; expected both ['spring-gala', 'chess-club']"
        + (": only the last ?slug= of the query string was used" if got == ["chess-club"] else "")
    )
    for search, count in [(url, "2"), ("/api/events/", "3"), ("/api/events/?slug=nope", "0")]:
        total = send(client, "get", search).headers.get("X-Total-Count")
        assert total == count, (
            f"GET {search} has X-Total-Count {total!r}; expected {count!r}, the number of events "
            "in the answer, in the X-Total-Count response header"
        )


@pytest.mark.task(2)
def test_patch_changes_the_capacity_from_a_json_body(client, events):
    event = events[0]
    url = f"/api/events/{event.pk}/"
    for capacity, content_type in [(200, "application/json"),
                                   (250, "application/json; charset=utf-8")]:
        response = patch(client, url, {"capacity": capacity}, content_type)
        event.refresh_from_db()
        assert response.status_code != 415, (
            f"PATCH {url} with Content-Type {content_type} answered 415; {content_type} is "
            "JSON too: a parameter such as charset doesn't change the media type"
        )
        assert response.status_code == 200 and event.capacity == capacity, (
            f"PATCH {url} with {{'capacity': {capacity}}} (Content-Type {content_type}) "
            f"answered {response.status_code} and left the capacity at {event.capacity}; "
            "expected 200 and the new capacity saved"
        )
        body = json_object(response, f"PATCH {url}")
        assert body.get("capacity") == capacity, (
            f"the answer to the PATCH is {body}; expected the updated event"
        )


@pytest.mark.task(2)
def test_patch_with_a_bad_body_is_400_and_changes_nothing(client, events):
    event = events[0]
    url = f"/api/events/{event.pk}/"
    for body in ("{not json", "[1, 2]", '"capacity"', "null"):
        response = patch(client, url, body)
        answer = json.loads(response.content) if is_json(response) else None
        detail = answer.get("detail") if isinstance(answer, dict) else None
        assert response.status_code == 400 and detail, (
            f"PATCH {url} with the body {body!r} answered {response.status_code} "
            f"({response.headers.get('Content-Type')}) {response.content[:120]!r}; expected "
            'a JSON 400 {"detail": "..."}: the body must be a JSON object'
        )
    for capacity in ("ten", 0, -5, 2.5, None, True):
        response = patch(client, url, {"capacity": capacity})
        answer = json.loads(response.content) if is_json(response) else None
        errors = answer.get("errors") if isinstance(answer, dict) else None
        assert response.status_code == 400 and isinstance(errors, dict) and "capacity" in errors, (
            f"PATCH {url} with {json.dumps({'capacity': capacity})} answered "
            f"{response.status_code} {response.content[:120]!r}; expected 400 "
            "{'errors': {'capacity': [...]}}: a capacity is a whole number, at least 1"
            + (" (true is a JSON boolean, not a number, though Python's bool is a subclass "
               "of int)" if capacity is True else "")
        )
    event.refresh_from_db()
    assert event.capacity == 120, f"a refused PATCH changed the capacity to {event.capacity}"


@pytest.mark.task(2)
def test_patch_without_a_json_content_type_is_415(client, events):
    event = events[0]
    url = f"/api/events/{event.pk}/"
    for content_type in ("text/plain", "application/x-www-form-urlencoded"):
        response = patch(client, url, {"capacity": 99}, content_type)
        assert response.status_code == 415, (
            f"PATCH {url} with Content-Type {content_type} answered {response.status_code}; "
            "expected 415 Unsupported Media Type: the endpoint reads JSON only"
        )
    event.refresh_from_db()
    assert event.capacity == 120, f"a refused PATCH changed the capacity to {event.capacity}"
    for method in ("post", "put", "delete"):
        response = send(client, method, url)
        allowed = {m.strip() for m in response.headers.get("Allow", "").split(",")}
        assert response.status_code == 405 and {"GET", "PATCH"} <= allowed, (
            f"{method.upper()} {url} answered {response.status_code} with Allow: "
            f"{response.headers.get('Allow')!r}; expected 405 with Allow: GET, PATCH"
        )


@pytest.mark.task(3)
def test_theme_cookie_is_signed_and_read_back(client, db):
    response = send(client, "post", "/api/prefs/", {"theme": "dark"})
    assert response.status_code == 200, f"POST /api/prefs/ answered {response.status_code}"
    cookie = client.cookies.get("theme")
    assert cookie is not None and cookie.value, "POST /api/prefs/ set no 'theme' cookie"
    assert cookie.value != "dark", (
        "the 'theme' cookie holds the bare value 'dark'; expected it signed, so that an "
        "edited value can be detected"
    )
    body = json_object(send(client, "get", "/api/prefs/"), "GET /api/prefs/ with the cookie")
    assert body == {"theme": "dark"}, (
        f"GET /api/prefs/ with the cookie answered {body}; expected {{'theme': 'dark'}}, the "
        "theme the signed cookie holds"
    )
    response = send(client, "post", "/api/prefs/", {"theme": "neon"})
    assert response.status_code == 400, (
        f"POST /api/prefs/ with the theme 'neon' answered {response.status_code}; expected 400"
    )


@pytest.mark.task(3)
def test_tampered_or_unsigned_theme_cookie_is_refused(client, db):
    send(client, "post", "/api/prefs/", {"theme": "dark"})
    signed = client.cookies["theme"].value
    if signed.startswith("dark"):
        tampered = "light" + signed[len("dark"):]
    else:
        middle = len(signed) // 2
        tampered = signed[:middle] + ("A" if signed[middle] != "A" else "B") + signed[middle + 1:]
    for value, what in [(tampered, f"the tampered value {tampered!r}"),
                        ("light", "the unsigned value 'light'")]:
        client.cookies["theme"] = value
        response = send(
            client, "get", "/api/prefs/",
            hint=f": {what} crashed the view; expected it to count as no cookie",
        )
        body = json_object(response, f"GET /api/prefs/ with {what} in the 'theme' cookie")
        assert body == {"theme": "auto"}, (
            f"GET /api/prefs/ with {what} in the 'theme' cookie answered {body}; "
            "expected {'theme': 'auto'}, as with no cookie: a cookie whose signature doesn't "
            "match its value was edited by the client"
        )


@pytest.mark.task(4)
def test_csv_export_is_streamed_as_a_download(client, events):
    url = "/api/events/export.csv"
    with CaptureQueriesContext(connection) as in_view:
        response = send(client, "get", url)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    assert response.streaming, (
        f"GET {url} answered a {type(response).__name__}, built whole in memory; expected a "
        "StreamingHttpResponse, sent row by row"
    )
    assert response.headers.get("Content-Type", "").startswith("text/csv"), (
        f"the export is {response.headers.get('Content-Type')}; expected text/csv"
    )
    disposition = response.headers.get("Content-Disposition")
    assert disposition == 'attachment; filename="events.csv"', (
        f"the export has Content-Disposition {disposition!r}; expected "
        "'attachment; filename=\"events.csv\"' so the browser saves it"
    )
    assert len(in_view) == 0, (
        f"the view ran {len(in_view)} quer{'y' if len(in_view) == 1 else 'ies'} before "
        "returning the response; expected none: the events were fetched in the view, so "
        "the whole export sits in memory before the first byte is sent (a list, or a "
        "generator expression over a queryset, which runs its query at once, does that)"
    )
    with CaptureQueriesContext(connection) as while_sending:
        chunks = list(response.streaming_content)
    assert len(while_sending) >= 1 and len(chunks) > 1, (
        f"sending the response ran {len(while_sending)} queries in {len(chunks)} chunks; "
        "expected the events to be read while streaming, one row per chunk"
    )


@pytest.mark.task(4)
def test_csv_export_rows_are_real_csv(client, events):
    response = send(client, "get", "/api/events/export.csv")
    content = b"".join(response.streaming_content if response.streaming else [response.content])
    rows = list(csv.reader(io.StringIO(content.decode())))
    expected = [
        ["title", "date", "capacity"],
        ["Spring Gala", "2026-03-14", "120"],
        ['Jazz, "Live" Night', "2026-03-20", "80"],
        ["Chess Club", "2026-03-27", "16"],
    ]
    assert rows == expected, (
        f"the CSV reads as {rows}; expected {expected}: the header row, then one row per "
        "event by date"
        + ("; a row doesn't have 3 fields: the title with a comma or a quote wasn't quoted "
           "as CSV quotes, so it split" if any(len(row) != 3 for row in rows) else "")
    )


@pytest.mark.task(5)
def test_calendar_downloads_as_an_ics_file(client, events):
    event = events[0]
    url = f"/api/events/{event.pk}/calendar.ics"
    response = send(client, "get", url)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    disposition = response.headers.get("Content-Disposition")
    assert disposition == 'attachment; filename="spring-gala.ics"', (
        f"GET {url} has Content-Disposition {disposition!r}; expected "
        "'attachment; filename=\"spring-gala.ics\"', a download named after the event's slug"
    )
    content_type = response.headers.get("Content-Type", "")
    assert content_type.startswith("text/calendar"), (
        f"GET {url} is {content_type}; expected text/calendar"
    )
    content = b"".join(response.streaming_content if response.streaming else [response.content])
    assert b"BEGIN:VCALENDAR" in content and b"SUMMARY:Spring Gala" in content, (
        f"the file holds {content[:80]!r}...; expected the iCalendar text of the event"
    )
    status = send(client, "get", "/api/events/999999/calendar.ics").status_code
    assert status == 404, f"the calendar of an unknown event answered {status}; expected 404"


@pytest.mark.task(6)
def test_404_is_json_under_api_and_html_elsewhere(client, db):
    for url in ("/api/nothing-here/", "/api/events/999999/"):
        response = client.get(url)
        registered = get_resolver().resolve_error_handler(404) is not defaults.page_not_found
        assert response.status_code == 404 and is_json(response), (
            f"GET {url} answered {response.status_code} {response.headers.get('Content-Type')}; "
            'expected a JSON 404 {"detail": "Not found."} under /api/'
            + ("" if registered else ": the root URLconf registers no handler404, so Django "
               "answers its own HTML page (it reads the handlers from the root URLconf only)")
        )
        body = json_object(response, f"GET {url}")
        assert "detail" in body, f"the JSON 404 of {url} is {body}; expected a 'detail' key"
    response = client.get("/nothing-here/")
    assert response.status_code == 404 and is_html(response), (
        f"GET /nothing-here/ answered {response.status_code} "
        f"{response.headers.get('Content-Type')}; expected an HTML 404 outside /api/"
    )
    assert "Page not found" in response.content.decode(), (
        "the HTML 404 doesn't show templates/404.html ('Page not found')"
    )


def crash(request):
    raise RuntimeError("database password is hunter2")


@pytest.mark.task(6)
def test_500_is_json_under_api_and_html_elsewhere(settings, db):
    handler = get_resolver().resolve_error_handler(500)
    assert handler is not defaults.server_error, (
        "the root URLconf registers no handler500, so Django answers its own HTML 500 page "
        "under /api/ too (it reads the handlers from the root URLconf only)"
    )
    root = types.ModuleType("urls_with_a_crash")
    root.urlpatterns = [path("api/crash/", crash), path("crash/", crash)]
    root.handler500 = handler
    settings.ROOT_URLCONF = root
    client = Client(raise_request_exception=False)
    response = client.get("/api/crash/")
    assert response.status_code == 500 and is_json(response), (
        f"a view under /api/ that raised got a {response.status_code} "
        f"{response.headers.get('Content-Type')}; expected a JSON 500 "
        '{"detail": "Server error."}'
    )
    response_html = client.get("/crash/")
    assert response_html.status_code == 500 and is_html(response_html), (
        f"a view outside /api/ that raised got a {response_html.status_code} "
        f"{response_html.headers.get('Content-Type')}; expected an HTML 500 page"
    )
    for answer in (response, response_html):
        assert b"hunter2" not in answer.content, (
            "the 500 shows the exception's message to the client; keep details in the logs"
        )
