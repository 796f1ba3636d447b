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
        + (": the owner check ran before the login check. List LoginRequiredMixin first "
           "in the bases, so anonymous visitors are sent to sign in instead of refused"
           if response.status_code == 403 else "")
    )
    assert parse_qs(location.query).get("next") == [url], (
        f"{what} redirected to {response.headers['Location']!r}; expected ?next={url}"
    )


def assert_forbidden(response, what):
    assert response.status_code == 403, (
        f"{what} answered {response.status_code}; expected 403 Forbidden: only the event's "
        "owner may do this (raise PermissionDenied in OwnerRequiredMixin)"
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
        f"{response.status_code}); the owner check must cover every method, not only GET: "
        "put it in dispatch() (or get_object())"
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
        view = resolve(url).func.view_class
        mro = view.__mro__
        bases = ", ".join(base.__name__ for base in view.__bases__)
        assert OwnerRequiredMixin in mro, (
            f"{view.__name__}({bases}) doesn't use OwnerRequiredMixin"
        )
        assert mro.index(OwnerRequiredMixin) < mro.index(generic), (
            f"{view.__name__}({bases}) lists {generic.__name__} before OwnerRequiredMixin: "
            f"{generic.__name__}'s dispatch() would run first and never call the mixin's; "
            "mixins go left of the view they extend"
        )
        if issubclass(OwnerRequiredMixin, AccessMixin) or LoginRequiredMixin not in mro:
            continue  # the mixin handles anonymous visitors itself
        assert mro.index(LoginRequiredMixin) < mro.index(OwnerRequiredMixin), (
            f"{view.__name__}({bases}) lists OwnerRequiredMixin before LoginRequiredMixin: "
            "the bases' dispatch() methods run left to right, so the login check must come "
            "first (Django's docs: LoginRequiredMixin goes leftmost)"
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
            "a DetailView with OwnerRequiredMixin returned None: the mixin's dispatch() must "
            "return super().dispatch(request, *args, **kwargs)"
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
        f"a DetailView with OwnerRequiredMixin answered {status} to the owner; expected 200: "
        "the mixin must call super().dispatch() to let the view go on"
    )


@pytest.mark.task(4)
def test_event_json_view_answers_json(client, event):
    from mixins.mixins import JSONResponseMixin

    url = "/mixins/api/events/spring-gala/"
    view = resolve(url).func.view_class
    assert issubclass(view, JSONResponseMixin) and issubclass(view, DetailView), (
        f"{view.__name__} should be a DetailView that uses JSONResponseMixin"
    )
    response = send(client, "get", url)
    content_type = response.headers.get("Content-Type", "")
    assert response.status_code == 200 and content_type.startswith("application/json"), (
        f"GET {url} answered {response.status_code} {content_type}; expected JSON: list "
        "JSONResponseMixin before DetailView in the bases, so its render_to_response() wins"
    )
    got = response.json().get("event", {})
    assert (got.get("slug"), got.get("title"), got.get("date")) == (
        "spring-gala", "Spring Gala", event.date.isoformat()
    ), f"GET {url} answered {response.json()}; expected {{'event': {{...}}}} with the event"
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
    slugs = sorted(e["slug"] for e in response.json().get("events", []))
    assert slugs == ["chess-club", "spring-gala"], (
        f"GET {url} answered {response.json()}; expected {{'events': [...]}} with both events"
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
            "expected the mixin's render_to_response() to answer JsonResponse(get_data(context))"
        )
    assert response.headers.get("Content-Type", "").startswith("application/json"), (
        f"a TemplateView with JSONResponseMixin answered {response.headers.get('Content-Type')}"
    )
    assert json.loads(response.content) == {"status": "ok", "answer": 42}, (
        f"a view whose get_data() returns {{'status': 'ok', 'answer': 42}} answered "
        f"{response.content!r}: the mixin must send get_data(context), nothing else"
    )
