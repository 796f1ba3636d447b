"""Challenge 7, Mixins: OwnerRequiredMixin for three audiences (anonymous, stranger, owner),
the order of the bases, and a JSONResponseMixin."""

import json
import types
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.mixins import AccessMixin, LoginRequiredMixin
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import resolve
from django.views.generic import DeleteView, DetailView, TemplateView, UpdateView
from model_bakery import baker

EDIT = "/mixins/events/spring-gala/edit/"
DELETE = "/mixins/events/spring-gala/delete/"


@pytest.fixture(autouse=True)
def default_error_pages(settings):
    """The project's URLs without its handler404/handler500: a 404 here is Django's own,
    so these specs don't depend on the error pages of challenge 4."""
    from config import urls

    root = types.ModuleType("urls_with_default_error_pages")
    root.urlpatterns = urls.urlpatterns
    settings.ROOT_URLCONF = root


@pytest.fixture
def owner(django_user_model):
    return django_user_model.objects.create_user("olivia")


@pytest.fixture
def stranger(django_user_model):
    return django_user_model.objects.create_user("sam")


@pytest.fixture
def event(owner):
    return baker.make("events.Event", title="Spring Gala", slug="spring-gala", owner=owner,
                      capacity=50)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def send(client, method, url, data=None):
    try:
        return getattr(client, method)(url, data)
    except Exception as error:
        pytest.fail(
            f"{method.upper()} {url} raised {type(error).__name__}: {error}; in production "
            "that is a 500 Server Error"
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



def view_class(url):
    """The class behind a URL; fails, saying what serves it, unless it is a class-based view."""
    func = resolve(url).func
    cls = getattr(func, "view_class", None)
    assert isinstance(cls, type), (
        f"{url} is served by {func!r}, not a class-based view; the task asks for one"
    )
    return cls


def edit_data(**fields):
    data = {"title": "Spring Gala", "slug": "spring-gala", "date": "2026-03-14", "capacity": "50"}
    data.update(fields)
    return data


def assert_sent_to_login(response, what, url):
    location = urlsplit(response.headers.get("Location", ""))
    assert response.status_code == 302 and location.path == "/accounts/login/", (
        f"{what} answered {response.status_code}"
        + (f" {response.headers['Location']!r}" if "Location" in response.headers else "")
        + "; expected a redirect to the login page, /accounts/login/"
        + (": the owner check ran before the login check, so an anonymous visitor is "
           "refused instead of sent to sign in" if response.status_code == 403 else "")
    )
    assert parse_qs(location.query).get("next") == [url], (
        f"{what} redirected to {response.headers['Location']!r}; expected ?next={url}"
    )


def assert_forbidden(response, what):
    assert response.status_code == 403, (
        f"{what} answered {response.status_code}; expected 403 Forbidden: only the event's "
        "owner may do this"
        + (" — a 404 hides that the event exists, but the task asks for 403"
           if response.status_code == 404 else "")
    )


@pytest.mark.task(1)
def test_edit_page_for_anonymous_stranger_and_owner(client, event, stranger, owner):
    assert_sent_to_login(send(client, "get", EDIT), f"an anonymous GET {EDIT}", EDIT)
    assert_forbidden(send(client_for(stranger), "get", EDIT), f"GET {EDIT} by a stranger")
    response = send(client_for(owner), "get", EDIT)
    assert response.status_code == 200, (
        f"GET {EDIT} by the owner answered {response.status_code}; expected 200, the form"
    )


@pytest.mark.task(1)
def test_only_the_owner_can_edit_by_posting(client, event, stranger, owner):
    data = edit_data(title="Hijacked")
    assert_sent_to_login(send(client, "post", EDIT, data), f"an anonymous POST {EDIT}", EDIT)
    response = send(client_for(stranger), "post", EDIT, data)
    event.refresh_from_db()
    assert event.title == "Spring Gala", (
        f"a stranger's POST {EDIT} changed the title to {event.title!r} (answered "
        f"{response.status_code}): the owner check doesn't cover POST, only some methods"
    )
    assert_forbidden(response, f"POST {EDIT} by a stranger")
    response = send(client_for(owner), "post", EDIT, edit_data(title="Summer Gala"))
    event.refresh_from_db()
    assert response.status_code == 302 and event.title == "Summer Gala", (
        f"the owner's POST {EDIT} answered {response.status_code} and left the title "
        f"{event.title!r}; expected 302 and the title 'Summer Gala'"
    )


@pytest.mark.task(2)
def test_delete_for_anonymous_stranger_and_owner(client, event, stranger, owner):
    from events.models import Event

    def exists():
        return Event.objects.filter(pk=event.pk).exists()

    for method in ("get", "post"):
        what = f"an anonymous {method.upper()} {DELETE}"
        assert_sent_to_login(send(client, method, DELETE), what, DELETE)
        assert exists(), f"{what} deleted the event"
        response = send(client_for(stranger), method, DELETE)
        assert exists(), f"{method.upper()} {DELETE} by a stranger deleted the event"
        assert_forbidden(response, f"{method.upper()} {DELETE} by a stranger")
    owner_client = client_for(owner)
    response = send(owner_client, "get", DELETE)
    assert response.status_code == 200, (
        f"GET {DELETE} by the owner answered {response.status_code}; expected 200, the "
        "confirmation page"
    )
    response = send(owner_client, "post", DELETE)
    assert response.status_code == 302 and not exists(), (
        f"the owner's POST {DELETE} answered {response.status_code} and the event "
        f"{'still exists' if exists() else 'is gone'}; expected 302 and the event deleted"
    )


@pytest.mark.task(3)
def test_the_bases_are_in_the_right_order(event):
    from mixins.mixins import OwnerRequiredMixin

    for url, generic in ((EDIT, UpdateView), (DELETE, DeleteView)):
        view = view_class(url)
        mro = view.__mro__
        bases = ", ".join(base.__name__ for base in view.__bases__)
        assert OwnerRequiredMixin in mro, (
            f"{view.__name__}({bases}) doesn't use OwnerRequiredMixin"
        )
        assert mro.index(OwnerRequiredMixin) < mro.index(generic), (
            f"{view.__name__}({bases}) lists {generic.__name__} before OwnerRequiredMixin: "
            f"{generic.__name__}'s dispatch() would run first and never call the mixin's"
        )
        if issubclass(OwnerRequiredMixin, AccessMixin) or LoginRequiredMixin not in mro:
            continue  # the mixin handles anonymous visitors itself
        assert mro.index(LoginRequiredMixin) < mro.index(OwnerRequiredMixin), (
            f"{view.__name__}({bases}) lists OwnerRequiredMixin before LoginRequiredMixin: "
            "the bases' dispatch() methods run left to right, so the owner check runs before "
            "the login check"
        )


@pytest.mark.task(3)
def test_owner_required_mixin_works_on_any_object_view(rf, event, stranger, owner):
    """A spec-local DetailView with the mixin: it must not depend on UpdateView or URLs."""
    from events.models import Event
    from mixins.mixins import OwnerRequiredMixin

    if issubclass(OwnerRequiredMixin, AccessMixin):
        bases = (OwnerRequiredMixin, DetailView)
    else:
        bases = (LoginRequiredMixin, OwnerRequiredMixin, DetailView)
    view = type("EventPeekView", bases, {"model": Event}).as_view()

    def call(user):
        request = rf.get("/peek/spring-gala/")
        request.user = user
        try:
            response = view(request, slug="spring-gala")
        except PermissionDenied:
            return types.SimpleNamespace(status_code=403)
        assert response is not None, (
            "a DetailView with OwnerRequiredMixin returned None: the mixin's dispatch() "
            "returned nothing instead of the view's response"
        )
        return response

    status = call(AnonymousUser()).status_code
    assert status == 302, f"a DetailView with the mixins answered {status} to an anonymous user"
    status = call(stranger).status_code
    assert status == 403, (
        f"a DetailView with OwnerRequiredMixin answered {status} to a stranger; expected 403 "
        "(PermissionDenied): the mixin itself refuses, whatever view it is mixed into"
    )
    status = call(owner).status_code
    assert status == 200, (
        f"a DetailView with OwnerRequiredMixin answered {status} to the owner; expected 200, "
        "the view's own page"
    )


@pytest.mark.task(4)
def test_event_json_view_answers_json(client, event):
    from mixins.mixins import JSONResponseMixin

    url = "/mixins/api/events/spring-gala/"
    view = view_class(url)
    assert issubclass(view, JSONResponseMixin) and issubclass(view, DetailView), (
        f"{view.__name__} should be a DetailView that uses JSONResponseMixin"
    )
    response = send(client, "get", url)
    content_type = response.headers.get("Content-Type", "")
    assert response.status_code == 200 and content_type.startswith("application/json"), (
        f"GET {url} answered {response.status_code} {content_type}; expected JSON"
        + (": the template's rendering won over the mixin's JSON"
           if content_type.startswith("text/html") else "")
    )
    body = json_object(response, f"GET {url}")
    got = body.get("event")
    got = got if isinstance(got, dict) else {}
    assert (got.get("slug"), got.get("title"), got.get("date")) == (
        "spring-gala", "Spring Gala", event.date.isoformat()
    ), f"GET {url} answered {body}; expected {{'event': {{...}}}} with the event"
    status = send(client, "get", "/mixins/api/events/no-such-event/").status_code
    assert status == 404, f"the JSON of an unknown event answered {status}; expected 404"


@pytest.mark.task(4)
def test_event_list_json_view_answers_json(client, event):
    baker.make("events.Event", slug="chess-club", date=event.date)
    url = "/mixins/api/events/"
    response = send(client, "get", url)
    content_type = response.headers.get("Content-Type", "")
    assert response.status_code == 200 and content_type.startswith("application/json"), (
        f"GET {url} answered {response.status_code} {content_type}; expected JSON"
    )
    body = json_object(response, f"GET {url}")
    slugs = sorted(str(e.get("slug")) for e in json_objects(body, "events", f"GET {url}"))
    assert slugs == ["chess-club", "spring-gala"], (
        f"GET {url} answered {body}; expected {{'events': [...]}} with both events"
    )


@pytest.mark.task(4)
def test_json_response_mixin_works_on_any_view(rf):
    from mixins.mixins import JSONResponseMixin

    class StatusView(JSONResponseMixin, TemplateView):
        def get_data(self, context):
            return {"status": "ok", "answer": context["answer"]}

        def get_context_data(self, **kwargs):
            return {**super().get_context_data(**kwargs), "answer": 42}

    try:
        response = StatusView.as_view()(rf.get("/status/"))
    except Exception as error:
        pytest.fail(
            f"a TemplateView with JSONResponseMixin raised {type(error).__name__}: {error}; "
            "expected the JSON of what its get_data(context) returns"
        )
    assert response.headers.get("Content-Type", "").startswith("application/json"), (
        f"a TemplateView with JSONResponseMixin answered {response.headers.get('Content-Type')}"
    )
    body = json_object(response, "a TemplateView with JSONResponseMixin")
    assert body == {"status": "ok", "answer": 42}, (
        f"a view whose get_data() returns {{'status': 'ok', 'answer': 42}} answered "
        f"{response.content!r}; expected exactly what get_data(context) returns"
    )
