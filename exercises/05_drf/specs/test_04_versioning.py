"""Challenge 4, Versioning and content negotiation: /api/v1/tasks/ and /api/v2/tasks/,
as JSON or CSV."""

import csv
import datetime as dt
import io
import json

import pytest
from model_bakery import baker

V1_FIELDS = ["id", "title", "done", "due", "priority"]
V2_FIELDS = ["id", "title", "status", "due", "priority"]
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def body(response, limit=200):
    try:
        text = json.dumps(response.json())
    except (ValueError, TypeError):
        return f"({response.headers.get('Content-Type', 'no content type')} body)"
    return text if len(text) <= limit else text[:limit] + "..."


@pytest.fixture
def tasks(owner):
    from tasks.models import Task

    return [
        baker.make(
            Task, owner=owner, title="Ship v2", done=True, priority=3, due=dt.date(2030, 1, 15)
        ),
        baker.make(
            Task, owner=owner, title='Buy milk, "organic"', done=False, priority=1, due=None
        ),
        baker.make(
            Task,
            owner=owner,
            title="Café ☕\nsecond line",
            done=False,
            priority=2,
            due=dt.date(2030, 2, 1),
        ),
        baker.make(Task, owner=owner, title="Hidden", is_private=True),
    ]


def get(client, url, accept=None, hint=""):
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    try:
        return client.get(url, **headers)
    except Exception as error:  # a crash in the view or the renderer, in the learner's terms
        pytest.fail(
            f"GET {url}"
            + (f" with Accept: {accept}" if accept else "")
            + f" crashed with {type(error).__name__}: {error}"
            + (f" ({hint})" if hint else "")
        )


def get_json(client, url):
    response = get(client, url)
    assert response.status_code == 200, (
        f"GET {url} answered {response.status_code} {body(response)}; expected 200"
    )
    content_type = response.headers.get("Content-Type", "")
    assert content_type.startswith("application/json"), (
        f"GET {url} with no Accept header answered Content-Type {content_type!r}; expected "
        "JSON by default: a client that asks for nothing in particular gets JSON"
    )
    return response.json()


def csv_rows(response, doing):
    assert response.status_code == 200, (
        f"{doing} answered {response.status_code} {body(response)}; expected 200 with CSV"
    )
    content_type = response.headers.get("Content-Type", "")
    assert content_type.startswith("text/csv"), (
        f"{doing} answered Content-Type {content_type!r}; expected text/csv"
    )
    try:
        text = response.content.decode("utf-8")
    except UnicodeDecodeError as error:
        pytest.fail(f"{doing} is not UTF-8 ({error}); expected UTF-8 text")
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        pytest.fail(f"{doing} is not valid CSV ({error}): {text[:200]!r}")


def same_cell(got, value):
    """A CSV cell against the JSON value: null is an empty cell, a boolean may be written
    True/true/1, anything else as its text."""
    if value is None:
        return got == ""
    if isinstance(value, bool):
        return got.lower() in (("true", "1") if value else ("false", "0"))
    return got == str(value)


def same_row(row, item):
    return len(row) == len(item) and all(map(same_cell, row, item.values()))


@pytest.mark.task(1)
def test_v1_and_v2_are_served_and_other_versions_are_not(api_client, tasks):
    cases = [
        ("/api/v1/tasks/", 200, "v1 is served"),
        ("/api/v2/tasks/", 200, "v2 is served, with the same routes as v1"),
        (f"/api/v2/tasks/{tasks[0].pk}/", 200, "the detail route exists in v2 too"),
        ("/api/v3/tasks/", 404, "v3 does not exist: an unknown version was served as if it existed"),
        ("/api/latest/tasks/", 404, "only v1 and v2 exist"),
        ("/api/tasks/", 404, "the version is part of every URL"),
    ]
    wrong = []
    for url, expected, why in cases:
        status = api_client.get(url).status_code
        if status != expected:
            wrong.append(f"GET {url} answered {status}, expected {expected}: {why}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.task(2)
def test_v1_keeps_its_representation_and_v2_changes_it(api_client, tasks):
    shipped = tasks[0]
    v1 = get_json(api_client, f"/api/v1/tasks/{shipped.pk}/")
    assert v1 == {
        "id": shipped.pk,
        "title": "Ship v2",
        "done": True,
        "due": "2030-01-15",
        "priority": 3,
    }, f"v1 changed: it answers {v1}; v1 clients depend on it as it was"
    v2 = get_json(api_client, "/api/v2/tasks/")
    # The fields, not their order: a JSON object's key order means nothing to a client.
    assert isinstance(v2, list) and v2 and isinstance(v2[0], dict), (
        f"GET /api/v2/tasks/ answered {str(v2)[:200]}; expected a list of tasks"
    )
    assert sorted(v2[0]) == sorted(V2_FIELDS), (
        f"a v2 task has the fields {list(v2[0])}; expected {V2_FIELDS}"
        + (": v2 serves v1's representation" if sorted(v2[0]) == sorted(V1_FIELDS) else "")
    )
    by_id = {item["id"]: item for item in v2}
    assert set(by_id) == {t.pk for t in tasks[:3]}, "v2 lists other tasks than v1"
    got = [(by_id[t.pk]["status"], by_id[t.pk]["priority"]) for t in tasks[:3]]
    assert got == [("done", "high"), ("open", "low"), ("open", "normal")], (
        f"v2 gives (status, priority) {got}; expected status 'done'/'open' and the priority's "
        "label (low, normal, high)"
    )


@pytest.mark.task(3)
def test_accept_text_csv_gets_the_list_as_csv(api_client, tasks):
    expected = get_json(api_client, "/api/v1/tasks/")
    rows = csv_rows(
        get(api_client, "/api/v1/tasks/", "text/csv"), "GET /api/v1/tasks/ with Accept: text/csv"
    )
    assert rows and rows[0] == V1_FIELDS, (
        f"the CSV header is {rows[0] if rows else None}; expected {V1_FIELDS}"
    )
    assert len(rows) == 1 + len(expected), (
        f"the CSV has {len(rows) - 1} rows after the header for {len(expected)} tasks: a "
        "comma, a quote or a line break inside a value was not quoted, and split the row"
    )
    wrong = [
        f"{row} for {item}"
        for row, item in zip(rows[1:], expected, strict=True)
        if not same_row(row, item)
    ]
    assert not wrong, (
        "CSV rows do not match the tasks (null is an empty cell, not 'None'): " + "; ".join(wrong)
    )


@pytest.mark.task(3)
def test_csv_of_one_task_and_of_v2(api_client, tasks):
    shipped = tasks[0]
    rows = csv_rows(
        get(
            api_client,
            f"/api/v1/tasks/{shipped.pk}/",
            "text/csv",
            "a detail renders one dict, not a list of them",
        ),
        "GET one task with Accept: text/csv",
    )
    assert rows[:1] == [V1_FIELDS] and len(rows) == 2, (
        f"one task as CSV gave {rows}; expected the header and one row (a detail renders "
        "one dict, not a list)"
    )
    assert rows[1][:2] == [str(shipped.pk), "Ship v2"], f"the row is {rows[1]}"
    rows = csv_rows(get(api_client, "/api/v2/tasks/", "text/csv"), "GET v2 as CSV")
    assert rows and sorted(rows[0]) == sorted(V2_FIELDS), (
        f"the v2 CSV header is {rows[0] if rows else None}; expected {V2_FIELDS} (in any "
        "order): the CSV follows the version's representation"
    )


@pytest.mark.task(4)
def test_format_csv_json_otherwise_and_406_for_what_the_api_cannot_render(api_client, tasks):
    url = "/api/v1/tasks/"
    for accept in (None, BROWSER):
        rows = csv_rows(
            get(api_client, url + "?format=csv", accept),
            f"GET {url}?format=csv" + (" from a browser" if accept else ""),
        )
        assert rows and rows[0] == V1_FIELDS, f"?format=csv gave the header {rows[:1]}"
    wrong = []
    for accept in (None, "application/json", "*/*"):
        response = get(api_client, url, accept)
        content_type = response.headers.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith("application/json"):
            wrong.append(
                f"Accept {accept!r} got {response.status_code} {content_type!r}, expected 200 JSON"
            )
    for accept in ("application/xml", "text/html"):
        response = get(api_client, url, accept)
        if response.status_code != 406:
            wrong.append(
                f"Accept {accept!r} got {response.status_code}, expected 406 Not "
                "Acceptable: no renderer of this API produces it"
            )
    assert not wrong, (
        f"GET {url}: " + "; ".join(wrong) + ". JSON is the first renderer, so it is the default"
    )
