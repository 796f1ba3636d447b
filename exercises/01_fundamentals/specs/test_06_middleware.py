"""Challenge 6, Middleware: request ids, maintenance mode, and their order in MIDDLEWARE.

The specs serve this module's own URLs (pytest.mark.urls), so only the middleware and
settings.MIDDLEWARE decide what they see, not the other challenges' views.
"""

import re

import pytest
from django.contrib import admin
from django.http import HttpResponse
from django.test import Client
from django.urls import path
from django.utils.http import parse_http_date_safe

VALID_ID = re.compile(r"[A-Za-z0-9-]{1,64}")


def echo_request_id(request):
    """Stands in for any page; its body is the id the middleware put on the request."""
    return HttpResponse(getattr(request, "request_id", "<no request.request_id>"))


urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", echo_request_id),
    path("notes/", echo_request_id),
    path("admin-tools/", echo_request_id),
]

pytestmark = pytest.mark.urls(__name__)


def request_id_of(response):
    request_id = response.headers.get("X-Request-ID")
    assert request_id, (
        f"the response to {response.request['PATH_INFO']} has no X-Request-ID header; "
        "RequestIDMiddleware should set it on every response"
    )
    return request_id


def get_with_request_id(client, incoming):
    """GET /notes/ with this X-Request-ID; an exception becomes a failure naming the id."""
    try:
        return client.get("/notes/", headers={"X-Request-ID": incoming})
    except Exception as error:
        outcome = f"{type(error).__name__}: {error}"
    pytest.fail(
        f"a request with X-Request-ID {incoming!r} raised {outcome}; expected an invalid id "
        "to be replaced, not echoed into the response (a value that ends in a newline is "
        "invalid too)"
    )


@pytest.fixture
def maintenance_client(settings):
    """A client whose first request comes after MAINTENANCE_MODE is switched on (a new
    Client builds its middleware then, so reading the setting in __init__ is fine too)."""
    settings.MAINTENANCE_MODE = True
    return Client()


@pytest.mark.task(1)
def test_request_id_is_generated_when_missing(client):
    first = request_id_of(client.get("/notes/"))
    second = request_id_of(client.get("/notes/"))
    assert VALID_ID.fullmatch(first), (
        f"the generated X-Request-ID is {first!r}; expected 1-64 letters, digits or '-'"
    )
    assert first != second, (
        f"two requests got the same X-Request-ID {first!r}; expected a new id per request"
    )


@pytest.mark.task(1)
def test_valid_incoming_request_id_is_kept(client):
    incoming = "edge-7f3a9c-01"
    got = request_id_of(get_with_request_id(client, incoming))
    assert got == incoming, (
        f"a request with X-Request-ID {incoming!r} got back {got!r}; expected the same id, "
        "so one request can be followed across services"
    )


@pytest.mark.task(1)
def test_invalid_incoming_request_id_is_replaced(client):
    for incoming in ("", "has space", "x" * 65, "<script>", "abc-123\n", "ok\nSet-Cookie: a=b"):
        got = request_id_of(get_with_request_id(client, incoming))
        assert got != incoming and VALID_ID.fullmatch(got), (
            f"a request with the invalid X-Request-ID {incoming!r} got back {got!r}; "
            "expected a new id of 1-64 letters, digits or '-'"
        )


@pytest.mark.task(1)
def test_view_sees_the_request_id(client):
    body = get_with_request_id(client, "abc-123").content.decode()
    when = " (the view ran before the id was set)" if body == "<no request.request_id>" else ""
    assert body == "abc-123", (
        f"the view saw request.request_id = {body!r}{when}; expected 'abc-123', the id of "
        "the X-Request-ID header"
    )
    response = client.get("/notes/")
    assert response.content.decode() == request_id_of(response), (
        f"the view saw request.request_id = {response.content.decode()!r} but the response "
        f"says X-Request-ID {request_id_of(response)!r}; expected the same id"
    )


@pytest.mark.task(2)
def test_maintenance_mode_answers_503_with_retry_after(settings):
    settings.MAINTENANCE_MODE = False
    status = Client().get("/notes/").status_code
    assert status == 200, f"with MAINTENANCE_MODE off, /notes/ answered {status}; expected 200"
    settings.MAINTENANCE_MODE = True
    response = Client().get("/notes/")
    assert response.status_code == 503, (
        f"with MAINTENANCE_MODE on, /notes/ answered {response.status_code}; expected 503"
    )
    retry_after = response.headers.get("Retry-After", "")
    seconds_or_date = retry_after.isdigit() or parse_http_date_safe(retry_after) is not None
    assert seconds_or_date, (
        f"the 503 has Retry-After {retry_after or 'missing'!r}; expected a number of "
        "seconds (or an HTTP date) telling clients when to come back"
    )


@pytest.mark.task(2)
def test_maintenance_mode_exempts_admin_and_health(maintenance_client, db):
    for url in ("/admin/login/", "/health/"):
        status = maintenance_client.get(url).status_code
        assert status == 200, (
            f"with MAINTENANCE_MODE on, {url} answered {status}; expected 200: the admin and "
            "the health check stay reachable"
        )
    status = maintenance_client.get("/admin-tools/").status_code
    assert status == 503, (
        f"with MAINTENANCE_MODE on, /admin-tools/ answered {status}; expected 503: only "
        "/admin/ itself is exempt, not every path that starts with '/admin'"
    )


@pytest.mark.task(3)
def test_maintenance_response_carries_a_request_id(maintenance_client):
    response = maintenance_client.get("/notes/", headers={"X-Request-ID": "abc-123"})
    assert response.status_code == 503, (
        f"with MAINTENANCE_MODE on, /notes/ answered {response.status_code}; expected 503"
    )
    got = response.headers.get("X-Request-ID")
    assert got == "abc-123", (
        f"the 503 has X-Request-ID {got!r}; expected 'abc-123': the maintenance response "
        "never passed back through the request-id middleware"
    )
