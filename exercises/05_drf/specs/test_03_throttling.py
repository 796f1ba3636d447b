"""Challenge 3, Throttling and pagination: /limits/tasks/ (scope "tasks", 10 a minute,
numbered pages) and /limits/feed/ (scope "feed", 20 a minute, a cursor)."""

import datetime as dt
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from model_bakery import baker

TASKS = "/limits/tasks/"
FEED = "/limits/feed/"


def body(response, limit=200):
    try:
        text = json.dumps(response.json())
    except (ValueError, TypeError):
        return f"({response.headers.get('Content-Type', 'no content type')} body)"
    return text if len(text) <= limit else text[:limit] + "..."


def make_tasks(owner, count, *, newest_minutes_ago=10, **fields):
    """count tasks, one minute apart, the first one newest."""
    from tasks.models import Task

    now = timezone.now()
    return [
        baker.make(
            Task,
            owner=owner,
            title=f"Task {i:02d}",
            created=now - dt.timedelta(minutes=newest_minutes_ago + i),
            **fields,
        )
        for i in range(count)
    ]


def path_of(url):
    """A next/previous link, absolute or not, as a path with its query string."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def page(client, url, what):
    try:
        response = client.get(url)
    except Exception as error:  # a crash in the view or the paginator, in the learner's terms
        pytest.fail(f"GET {url} crashed with {type(error).__name__}: {error}; expected {what}")
    assert response.status_code == 200, (
        f"GET {url} answered {response.status_code} {body(response)}"
    )
    data = response.json()
    shape = f"a list of {len(data)} items" if isinstance(data, list) else body(response)
    assert isinstance(data, dict) and "results" in data, (
        f"GET {url} answered {shape}; expected {what} in an envelope with the items under "
        "'results': the list is not paginated"
    )
    return data


def fetch(client, url, number):
    try:
        return client.get(url)
    except Exception as error:  # a crash in a throttle or the view, in the learner's terms
        pytest.fail(f"request {number} to GET {url} crashed with {type(error).__name__}: {error}")


def exhaust(client, url, allowed):
    """Make `allowed` requests, which must all pass; return the next response."""
    for number in range(1, allowed + 1):
        response = fetch(client, url, number)
        assert response.status_code == 200, (
            f"request {number} of {allowed} allowed to GET {url} answered "
            f"{response.status_code} {body(response)}; expected 200"
        )
    return fetch(client, url, allowed + 1)


@pytest.mark.task(1)
def test_the_tasks_scope_allows_10_requests_a_minute_then_answers_429(owner, client_for):
    client = client_for(owner)
    response = exhaust(client, TASKS, 10)
    assert response.status_code == 429, (
        f"request 11 within a minute to {TASKS} answered {response.status_code}; expected 429 "
        "Too Many Requests: the signed-in user's requests to the list are not limited to 10 "
        "a minute"
    )
    retry_after = response.headers.get("Retry-After", "")
    assert retry_after.isdigit() and 1 <= int(retry_after) <= 60, (
        f"the 429 carries Retry-After {retry_after!r}; expected the seconds to wait, at most "
        "60 for a rate of 10 a minute (a rate counted per hour or per day makes the client "
        "wait far longer)"
    )


@pytest.mark.task(2)
def test_scopes_and_users_are_counted_separately(owner, stranger, client_for):
    client = client_for(owner)
    blocked = exhaust(client, TASKS, 10)
    assert blocked.status_code == 429, (
        f"request 11 to {TASKS} answered {blocked.status_code}; expected 429 (task 1)"
    )
    assert client.get(FEED).status_code == 200, (
        f"after 10 requests to {TASKS}, GET {FEED} was refused; expected each scope to have "
        "its own budget: the list and the feed count in one shared bucket"
    )
    other = client_for(stranger).get(TASKS)
    assert other.status_code == 200, (
        f"after olivia used up her 10 requests, sam's GET {TASKS} answered {other.status_code}; "
        "expected each user to have their own budget"
    )
    feed = exhaust(client, FEED, 19)  # one feed request above already counted
    assert feed.status_code == 429, (
        f"request 21 within a minute to {FEED} answered {feed.status_code}; expected 429: "
        "the feed allows 20 requests a minute per user"
    )
    retry_after = feed.headers.get("Retry-After", "")
    assert retry_after.isdigit() and 1 <= int(retry_after) <= 60, (
        f"the feed's 429 carries Retry-After {retry_after!r}; expected at most 60 seconds for "
        "a rate of 20 a minute (a rate counted per hour or per day makes the client wait far "
        "longer)"
    )


@pytest.mark.task(3)
def test_the_task_list_is_paginated_in_numbered_pages(owner, stranger, client_for):
    tasks = make_tasks(owner, 25)
    make_tasks(stranger, 3)
    client = client_for(owner)

    first = page(client, TASKS, "the first page")
    assert set(first) == {"count", "next", "previous", "results"}, (
        f"the page has the keys {sorted(first)}; expected count, next, previous, results"
    )
    assert first["count"] == 25 and len(first["results"]) == 10, (
        f"page 1 says count={first['count']} with {len(first['results'])} results; expected "
        "25 tasks, 10 a page"
    )
    assert [item["id"] for item in first["results"]] == [t.pk for t in tasks[:10]], (
        "page 1 does not hold the 10 newest tasks, newest first"
    )
    assert first["previous"] is None and first["next"], "page 1 needs a next link and no previous"
    assert parse_qs(urlsplit(first["next"]).query).get("page") == ["2"], (
        f"page 1's next link is {first['next']}; expected ?page=2"
    )

    last = page(client, path_of(first["next"]).replace("page=2", "page=3"), "page 3")
    assert len(last["results"]) == 5 and last["next"] is None and last["previous"], (
        f"page 3 has {len(last['results'])} results, next={last['next']}, "
        f"previous={last['previous']}; expected the last 5 tasks, no next, a previous link"
    )


@pytest.mark.task(4)
def test_the_client_chooses_the_page_size_within_a_bound(owner, client_for):
    make_tasks(owner, 60)
    client = client_for(owner)
    cases = [
        ("?page_size=5", 5, "a client may ask for smaller pages with ?page_size="),
        ("?page_size=1000", 50, "a client may ask for at most 50 a page, whatever it asks"),
        ("?page_size=0", 10, "a page size that is not a positive number means the default"),
        ("?page_size=lots", 10, "a page size that is not a positive number means the default"),
    ]
    wrong = []
    for query, expected, why in cases:
        data = page(client, TASKS + query, f"the page for {query}")
        if len(data["results"]) != expected:
            wrong.append(
                f"GET {TASKS}{query} gave {len(data['results'])} tasks, expected {expected}: {why}"
            )
    assert not wrong, "\n".join(wrong)
    beyond = client.get(TASKS + "?page=99")
    assert beyond.status_code == 404, (
        f"GET {TASKS}?page=99 (of 6) answered {beyond.status_code}; expected 404"
    )


@pytest.mark.task(5)
def test_the_feed_cursor_stays_stable_when_tasks_are_added(owner, client_for):
    from tasks.models import Task

    original = make_tasks(owner, 25)
    client = client_for(owner)
    seen = []

    first = page(client, FEED, "the feed")
    seen += [item["id"] for item in first["results"]]
    assert seen == [t.pk for t in original[:10]], (
        "the feed's first page does not hold the 10 newest tasks, newest first"
    )
    assert first.get("next"), f"the feed's first page has no next link: {body(client.get(FEED))}"

    for i in range(3):  # new tasks arrive on top while the client reads page 1
        baker.make(Task, owner=owner, title=f"Fresh {i}", created=timezone.now())

    second = page(client, path_of(first["next"]), "the feed's page 2")
    ids = [item["id"] for item in second["results"]]
    repeated = [i for i in ids if i in seen]
    assert ids == [t.pk for t in original[10:20]], (
        f"after 3 new tasks arrived, page 2 of the feed repeated {len(repeated)} task(s) of page 1"
        if repeated
        else "page 2 of the feed is not the 11th to 20th newest tasks of when page 1 was read"
    ) + (
        ": page numbers (and offsets) shift when rows are inserted above the page"
    )
    third = page(client, path_of(second["next"]), "the feed's page 3")
    assert [item["id"] for item in third["results"]] == [t.pk for t in original[20:]], (
        "page 3 of the feed is not the last 5 tasks"
    )
    assert third.get("next") is None, "the last page of the feed still has a next link"
    assert "count" not in first, (
        "the feed's page has a count: a cursor page has none (counting every row is the "
        "cost cursors avoid)"
    )
