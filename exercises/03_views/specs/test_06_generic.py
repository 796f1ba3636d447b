"""Challenge 6, Generic CBVs: ListView (pagination, search, extra context), DetailView by
slug, CreateView, UpdateView and DeleteView with their success URLs."""

import datetime
import types

import pytest
from django.db.models import CharField, Lookup, TextField
from django.test.utils import register_lookup
from django.urls import Resolver404, resolve
from django.utils.text import slugify
from model_bakery import baker

START = datetime.date(2026, 1, 1)


@pytest.fixture(autouse=True)
def default_error_pages(settings):
    """The project's URLs without its handler404/handler500: a 404 here is Django's own,
    so these specs don't depend on the error pages of challenge 4."""
    from config import urls

    root = types.ModuleType("urls_with_default_error_pages")
    root.urlpatterns = urls.urlpatterns
    settings.ROOT_URLCONF = root


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user("ann")


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def event(user):
    return baker.make(
        "events.Event", title="Spring Gala", slug="spring-gala", date=START, owner=user
    )


class CaseSensitiveContains(Lookup):
    """`contains` as Django documents it and PostgreSQL, Oracle... run it: case-sensitive.

    On SQLite, Django writes `contains` and `icontains` as the same LIKE, and SQLite's LIKE
    ignores ASCII case: a search written with `contains` finds "Jazz" for "JAZZ" here and
    nothing on the production database. No data tells the two apart on SQLite, so the
    search spec runs with this lookup (INSTR keeps case) in place of SQLite's `contains`.
    `icontains`, `iregex`, `Lower(...)`, or filtering in Python are untouched.
    """

    lookup_name = "contains"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"INSTR({lhs}, {rhs}) > 0", (*lhs_params, *rhs_params)


@pytest.fixture
def case_sensitive_contains():
    with register_lookup(CharField, CaseSensitiveContains), \
            register_lookup(TextField, CaseSensitiveContains):
        yield


def make_events(count, title="Event {n:02d}"):
    """Events titled title.format(n=1..count), the n-th on START + n days."""
    for n in range(1, count + 1):
        name = title.format(n=n)
        date = START + datetime.timedelta(days=n)
        baker.make("events.Event", title=name, slug=slugify(name), date=date)


def send(client, method, url, data=None, **kwargs):
    try:
        return getattr(client, method)(url, data, **kwargs)
    except Exception as error:
        hint = ""
        if type(error).__name__ == "ImproperlyConfigured":
            hint = ": the view lacks a setting it needs (see the message)"
        elif type(error).__name__ == "IntegrityError":
            hint = ": the database refused the row, a required value is missing"
        pytest.fail(
            f"{method.upper()} {url} raised {type(error).__name__}: {error}; in production "
            f"that is a 500 Server Error{hint}"
        )


def get_page(client, url):
    response = send(client, "get", url)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}; expected 200"
    return response


def listed(response):
    """The titles of the events on a list page: its paginated page, else object_list."""
    page = response.context.get("page_obj")
    events = page.object_list if page is not None else response.context.get("object_list")
    assert events is not None, (
        "the list page's context has neither page_obj nor object_list: the list view's own "
        "context was lost, so the page lists no events"
    )
    return [event.title for event in events]


def new_taken_as_a_slug():
    """Why /generic/events/new/ isn't the create page, when the slug route caught it."""
    try:
        match = resolve("/generic/events/new/")
    except Resolver404:
        return ": no route matches it"
    if match.url_name != "create" and "slug" in match.kwargs:
        return (
            f": the route {match.url_name!r} caught it first and took 'new' for an event's "
            "slug"
        )
    return ""


def form_data(**fields):
    data = {"title": "Jazz Night", "slug": "jazz-night", "date": "2026-05-01", "capacity": "80"}
    data.update(fields)
    return data


@pytest.mark.task(1)
def test_list_shows_ten_events_a_page(client, db):
    make_events(25)
    first = listed(get_page(client, "/generic/events/"))
    assert first == [f"Event {n:02d}" for n in range(1, 11)], (
        f"GET /generic/events/ lists {len(first)} events {first[:3]}...; expected the first "
        "ten by date"
        + ("; all 25 events are on one page: the list isn't paginated" if len(first) == 25 else "")
    )
    third = listed(get_page(client, "/generic/events/?page=3"))
    assert third == [f"Event {n:02d}" for n in range(21, 26)], (
        f"GET /generic/events/?page=3 lists {third}; expected Event 21 to Event 25"
    )


@pytest.mark.task(1)
def test_a_page_that_does_not_exist_is_404(client, db):
    make_events(25)
    for page in ("4", "0", "-1", "abc"):
        url = f"/generic/events/?page={page}"
        status = send(client, "get", url).status_code
        assert status == 404, (
            f"GET {url} answered {status}; expected 404: there are 3 pages of 10, and page "
            f"{page!r} isn't one of them (a page that doesn't exist is not the first or the "
            "last page either)"
        )


@pytest.mark.task(2)
def test_search_filters_titles_and_is_in_the_context(client, db, case_sensitive_contains):
    """Runs with a case-sensitive `contains`, as on production databases: see
    CaseSensitiveContains."""
    make_events(12, title="Jazz Night {n:02d}")
    make_events(3, title="Chess Club {n:02d}")
    make_events(1, title="Late jazz {n:02d}")
    response = get_page(client, "/generic/events/?q=JAZZ")
    assert response.context.get("q") == "JAZZ", (
        f"the context's q is {response.context.get('q')!r}; expected 'JAZZ', the search term "
        "the template fills the search box with"
    )
    titles = listed(response)
    case_sensitive = ""
    if not titles and listed(get_page(client, "/generic/events/?q=Jazz")):
        case_sensitive = (
            ": the search is case-sensitive, ?q=Jazz finds events and ?q=JAZZ none. SQLite's "
            "LIKE ignores ASCII case, so it hides this here; PostgreSQL doesn't"
        )
    assert len(titles) == 10 and all("jazz" in t.lower() for t in titles), (
        f"GET /generic/events/?q=JAZZ lists {titles}; expected ten events whose title "
        f"contains 'jazz' in any case{case_sensitive}"
    )
    second = listed(get_page(client, "/generic/events/?q=JAZZ&page=2"))
    assert len(second) == 3 and all("jazz" in t.lower() for t in second), (
        f"GET /generic/events/?q=JAZZ&page=2 lists {second}; expected the last 3 of the 13 "
        "jazz events"
    )
    response = get_page(client, "/generic/events/")
    assert response.context.get("q") == "", (
        f"without ?q= the context's q is {response.context.get('q')!r}; expected ''"
    )


@pytest.mark.task(3)
def test_detail_is_addressed_by_slug(client, event):
    response = get_page(client, "/generic/events/spring-gala/")
    assert "Spring Gala" in response.content.decode(), "the event's page doesn't show its title"
    status = send(client, "get", "/generic/events/no-such-event/").status_code
    assert status == 404, f"GET /generic/events/no-such-event/ answered {status}; expected 404"


@pytest.mark.task(4)
def test_create_saves_an_event_of_the_user_and_goes_to_the_list(signed_in, user):
    from events.models import Event

    response = send(signed_in, "get", "/generic/events/new/")
    assert response.status_code == 200 and "form" in (response.context or {}), (
        f"GET /generic/events/new/ answered {response.status_code}; expected 200 with the "
        "form" + new_taken_as_a_slug()
    )
    response = send(signed_in, "post", "/generic/events/new/", form_data())
    form = (response.context or {}).get("form")
    errors = dict(form.errors) if form is not None and hasattr(form, "errors") else {}
    assert not (response.status_code == 200 and errors), (
        f"a valid POST /generic/events/new/ (the fields of EventForm) showed the form again "
        f"with the errors {errors}; expected it saved"
        + ("; the form asks the client for the owner, who is the signed-in user"
           if "owner" in errors else "")
    )
    assert response.status_code == 302 and response.headers.get("Location") == "/generic/events/", (
        f"a valid POST /generic/events/new/ answered {response.status_code} "
        f"{response.headers.get('Location', '')!r}; expected 302 to /generic/events/, the list"
    )
    created = Event.objects.filter(slug="jazz-night").first()
    assert created is not None and created.owner == user, (
        f"the new event is saved with the owner "
        f"{getattr(created, 'owner', None)!r}; expected the signed-in user, {user!r}"
    )


@pytest.mark.task(4)
def test_create_with_invalid_data_shows_the_form_errors(signed_in, event):
    from events.models import Event

    data = form_data(title="", slug="spring-gala")
    response = send(signed_in, "post", "/generic/events/new/", data)
    assert response.status_code == 200, (
        f"an invalid POST /generic/events/new/ answered {response.status_code}; expected 200, "
        "the form again with its errors"
    )
    errors = response.context["form"].errors
    assert {"title", "slug"} <= set(errors), (
        f"the form's errors are {dict(errors)}; expected errors on title (blank) and slug "
        "(taken)"
    )
    assert Event.objects.count() == 1, "an invalid POST created an event"


@pytest.mark.task(5)
def test_update_goes_to_the_event_at_its_new_slug(signed_in, event):
    url = "/generic/events/spring-gala/edit/"
    response = send(signed_in, "get", url)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}; expected 200"
    response = send(signed_in, "post", url, form_data(title="Summer Gala", slug="summer-gala"))
    assert response.status_code == 302, (
        f"a valid POST {url} answered {response.status_code}; expected 302"
    )
    assert response.headers["Location"] == "/generic/events/summer-gala/", (
        f"a valid POST {url} redirected to {response.headers['Location']!r}; expected the "
        "event's page at its new slug, /generic/events/summer-gala/"
        + (": the redirect goes to the old slug, a page that no longer exists"
           if "spring-gala" in response.headers["Location"] else "")
    )
    event.refresh_from_db()
    assert event.title == "Summer Gala", "the update wasn't saved"


@pytest.mark.task(6)
def test_delete_asks_then_deletes_and_goes_to_the_list(signed_in, event):
    from events.models import Event

    url = "/generic/events/spring-gala/delete/"
    response = send(signed_in, "get", url)
    assert response.status_code == 200 and Event.objects.filter(pk=event.pk).exists(), (
        f"GET {url} answered {response.status_code}; expected 200, a page asking to confirm, "
        "and the event still there"
    )
    response = send(signed_in, "post", url)
    assert not Event.objects.filter(pk=event.pk).exists(), f"POST {url} didn't delete the event"
    assert response.status_code == 302 and response.headers["Location"] == "/generic/events/", (
        f"POST {url} answered {response.status_code} {response.headers.get('Location', '')!r}; "
        "expected 302 to /generic/events/, the list"
    )
