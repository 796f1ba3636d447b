"""Challenge 3, URL patterns: namespaces, pattern order, a custom converter, a legacy redirect."""

import datetime
import re
import types

import pytest
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.urls.converters import get_converters
from model_bakery import baker

DAY = datetime.date(2026, 3, 14)  # a Saturday


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
    return baker.make("events.Event", title="Spring Gala", slug="spring-gala", date=DAY)


def get(client, url, hint=""):
    """GET url; an exception the view raised (a 500 in production) fails the spec."""
    try:
        return client.get(url)
    except Exception as error:
        pytest.fail(
            f"GET {url} raised {type(error).__name__}: {error}; in production that is a 500 "
            f"Server Error{hint}"
        )


def reverse_route(name, **kwargs):
    """reverse() by the route's name, with or without the "events" namespace: the
    converter's specs don't depend on the namespace task."""
    errors = []
    for candidate in (f"events:{name}", name):
        try:
            return reverse(candidate, kwargs=kwargs)
        except NoReverseMatch as error:
            errors.append(error)
    # The namespaced error if the namespace exists, else the plain name's.
    error = errors[0] if "not a registered namespace" not in str(errors[0]) else errors[1]
    pytest.fail(f'reverse("events:{name}", kwargs={kwargs}) failed: {error}{to_url_mismatch(kwargs)}')


def to_url_mismatch(kwargs):
    """Why reverse() refused a day, when the converter's to_url() is the reason: its text
    must match the converter's own regex, or reverse() finds no route."""
    if "day" not in kwargs:
        return ""
    day = kwargs["day"]
    try:
        converter = get_converters()["date"]
        text = converter.to_url(day)
    except Exception as error:  # no converter, or a to_url() that crashes: say so
        return f"; the date converter's to_url({day!r}) raised {type(error).__name__}: {error}"
    if not isinstance(text, str) or not re.fullmatch(converter.regex, text):
        return (
            f"; the date converter's to_url({day!r}) gave {text!r}, which its own regex "
            f"{converter.regex!r} doesn't match, so no URL can be built for that day"
        )
    return ""


@pytest.mark.task(1)
def test_routes_are_named_in_the_events_namespace(event):
    expected = {
        ("events:by-id", (("pk", 5),)): "/events/5/",
        ("events:by-slug", (("slug", "spring-gala"),)): "/events/spring-gala/",
        ("events:by-uuid", (("uuid", event.uuid),)): f"/events/{event.uuid}/",
    }
    for (name, kwargs), url in expected.items():
        try:
            got = reverse(name, kwargs=dict(kwargs))
        except NoReverseMatch as error:
            missing = "not a registered namespace" in str(error)
            pytest.fail(
                f'reverse("{name}", kwargs={dict(kwargs)}) failed: {error}'
                + ('; the routes of routing/urls.py are in no "events" namespace' if missing else "")
            )
        assert got == url, f'reverse("{name}", kwargs={dict(kwargs)}) is {got!r}; expected {url!r}'


@pytest.mark.task(2)
def test_id_uuid_and_slug_each_reach_their_view(client, event):
    urls = {
        "id": f"/events/{event.pk}/",
        "uuid": f"/events/{event.uuid}/",
        "slug": "/events/spring-gala/",
    }
    for matched_by, url in urls.items():
        response = get(client, url)
        try:
            route = resolve(url).url_name
        except Resolver404:
            route = None
        got = response.json().get("matched_by") if response.status_code == 200 else None
        assert response.status_code == 200 and got == matched_by, (
            f"GET {url} answered {response.status_code}"
            + (f" from the route {route!r}" if route else "")
            + f"; expected 200 from the by-{matched_by} view. Django tries the patterns in "
            "order and the first that matches wins"
            + (": a number and a uuid are valid slugs too, and the slug pattern caught "
               "this URL first" if route == "by-slug" else "")
        )


@pytest.mark.task(3)
def test_date_converter_gives_the_view_a_date(client, event):
    url = "/events/on/2026-03-14/"
    response = get(
        client,
        url,
        ": the view receives what to_python() returns; expected a datetime.date",
    )
    assert response.status_code == 200, f"GET {url} answered {response.status_code}; expected 200"
    body = response.json()
    assert body.get("weekday") == "Saturday" and body.get("date") == "2026-03-14", (
        f"GET {url} answered {body}; expected the date 2026-03-14, a Saturday"
    )
    assert [e["slug"] for e in body.get("events", [])] == ["spring-gala"], (
        f"GET {url} listed {body.get('events')}; expected the event of that day"
    )


@pytest.mark.task(3)
def test_bad_dates_are_404_never_500(client, db):
    hint = (
        ": the converter let a bad date through to the view, which crashed on it; a day "
        "that doesn't exist must not match the route at all (404)"
    )
    # "٢٠٢٦-٠٣-١٤" is 2026-03-14 in Arabic-Indic digits: \d and int() take them too.
    for day in ("2026-02-30", "2026-13-01", "2026-00-10", "abc", "2026-3-14", "20260314",
                "2026-03-14x", "٢٠٢٦-٠٣-١٤"):
        url = f"/events/on/{day}/"
        response = get(client, url, hint)
        assert response.status_code == 404, (
            f"GET {url} answered {response.status_code}; expected 404: only real dates "
            "written yyyy-mm-dd in ASCII digits match the converter (one URL per day)"
        )


@pytest.mark.task(3)
def test_date_converter_round_trips_through_reverse_and_resolve(db):
    for day, segment in [(datetime.date(2026, 3, 4), "2026-03-04"),
                         (datetime.date(2024, 2, 29), "2024-02-29")]:
        url = reverse_route("on-day", day=day)
        assert url == f"/events/on/{segment}/", (
            f"reverse() of the on-day route with day={day!r} is {url!r}; expected "
            f"'/events/on/{segment}/': to_url() writes the date as yyyy-mm-dd"
        )
        got = resolve(url).kwargs.get("day")
        assert got == day and type(got) is datetime.date, (
            f"resolve({url!r}) passes the view day={got!r}; expected {day!r}: to_python() "
            "returns a datetime.date"
        )


@pytest.mark.task(4)
def test_legacy_html_url_redirects_permanently(client, event):
    url = f"/events/{event.pk}.html"
    response = get(client, url)
    assert response.status_code == 301, (
        f"GET {url} answered {response.status_code}; expected 301 Moved Permanently: a 302 "
        "says the move is temporary, so browsers and search engines keep the old URL"
        if response.status_code == 302
        else f"GET {url} answered {response.status_code}; expected 301 to /events/{event.pk}/"
    )
    assert response.headers["Location"] == f"/events/{event.pk}/", (
        f"GET {url} redirected to {response.headers['Location']!r}; expected "
        f"'/events/{event.pk}/'"
    )
    for bad in ("/events/abc.html", f"/events/{event.pk}.htm"):
        status = get(client, bad).status_code
        assert status == 404, f"GET {bad} answered {status}; expected 404"


@pytest.mark.task(5)
def test_every_named_route_round_trips(event):
    from routing import urls

    values = {"pk": event.pk, "slug": event.slug, "uuid": event.uuid, "day": event.date}
    named = [p for p in urls.urlpatterns if getattr(p, "name", None)]
    names = {p.name for p in named}
    missing = {"by-id", "by-slug", "by-uuid", "on-day", "legacy"} - names
    assert not missing, f"routing/urls.py has no routes named {sorted(missing)}"
    for pattern in named:
        converters = getattr(pattern.pattern, "converters", {})
        regex = pattern.pattern.regex
        keys = list(converters) or list(regex.groupindex)
        args = ()
        route_values = values
        unknown = [key for key in keys if key not in values]
        if unknown and not converters and regex.groups == 1:
            # A re_path with one group (the legacy route) takes the event's id, whatever
            # the group is called.
            keys, unknown, route_values = unknown, [], {unknown[0]: event.pk}
        assert not unknown, (
            f"the route {pattern.name!r} takes {unknown}; the routes of this challenge take "
            f"only {sorted(values)}"
        )
        kwargs = {key: route_values[key] for key in keys}
        if not converters and regex.groups and not regex.groupindex:
            args = (event.pk,)  # a re_path whose one group is positional: ^([0-9]+)\.html$
        name = f"events:{pattern.name}"
        given = f"args={list(args)}" if args else f"kwargs={kwargs}"
        try:
            url = reverse(name, args=args, kwargs=kwargs)
        except NoReverseMatch as error:
            pytest.fail(f'reverse("{name}", {given}) failed: {error}{to_url_mismatch(kwargs)}')
        try:
            match = resolve(url)
        except Resolver404:
            pytest.fail(f'reverse("{name}") is {url!r}, which resolve() doesn\'t match')
        assert match.view_name == name, (
            f'reverse("{name}") is {url!r}, but resolve({url!r}) finds {match.view_name!r}: '
            "an earlier pattern catches the URL"
        )
        expected = kwargs if converters else {key: str(value) for key, value in kwargs.items()}
        got = match.args if args else match.kwargs
        if args:
            expected = tuple(str(value) for value in args)
        assert got == expected, (
            f"resolve({url!r}) passes the view {got}; expected {expected}"
        )
