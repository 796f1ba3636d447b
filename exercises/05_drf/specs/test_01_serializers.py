"""Challenge 1, Serializers and viewsets: /crud/tasks/, the signed-in user's own tasks."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from model_bakery import baker

LIST = "/crud/tasks/"


def detail(task):
    return f"/crud/tasks/{getattr(task, 'pk', task)}/"


def body(response, limit=300):
    try:
        text = json.dumps(response.json())
    except (ValueError, TypeError):
        return f"({response.headers.get('Content-Type', 'no content type')} body)"
    return text if len(text) <= limit else text[:limit] + "..."


def expect(response, status, doing, hint=""):
    assert response.status_code == status, (
        f"{doing} answered {response.status_code} {body(response)}; expected {status}"
        + (f": {hint}" if hint else "")
    )
    return response


def day(offset):
    return timezone.localdate() + dt.timedelta(days=offset)


def routed(client):
    """The list must be routed before anything else can be checked."""
    response = client.get(LIST)
    expect(response, 200, f"GET {LIST}", "the tasks API is not routed at /crud/tasks/ yet")


@pytest.mark.task(1)
def test_crud_through_the_router_answers_the_right_status_codes(owner, stranger, client_for):
    from tasks.models import Task

    client = client_for(owner)
    routed(client)
    created = expect(
        client.post(LIST, {"title": "Write the report"}, format="json"), 201, f"POST {LIST}"
    ).json()
    assert "id" in created and created.get("title") == "Write the report", (
        f"POST {LIST} answered {created}; expected the new task with its id and title"
    )
    listed = expect(client.get(LIST), 200, f"GET {LIST}").json()
    assert [item["id"] for item in listed] == [created["id"]], (
        f"GET {LIST} listed {listed}; expected the one task just created"
    )
    expect(client.get(detail(created["id"])), 200, f"GET {detail(created['id'])}")

    missing = expect(client.post(LIST, {}, format="json"), 400, f"POST {LIST} with no title")
    assert isinstance(missing.json(), dict) and "title" in missing.json(), (
        f"POST {LIST} without a title answered {body(missing)}; expected the field errors, "
        'keyed by field: {"title": ["This field is required."]}'
    )
    bad = expect(
        client.post(LIST, {"title": "Odd", "priority": 7}, format="json"),
        400,
        f"POST {LIST} with priority 7",
        "priority is one of 1, 2, 3",
    )
    assert "priority" in bad.json(), f"priority 7 answered {body(bad)}; expected a 'priority' error"

    theirs = baker.make(Task, owner=stranger, title="Not yours")
    expect(
        client.get(detail(theirs)),
        404,
        f"GET {detail(theirs)} (another user's task)",
        "this API only knows the user's own tasks: another user's task does not exist here "
        "(a 403 would tell the user that it exists)",
    )
    expect(client.delete(detail(created["id"])), 204, f"DELETE {detail(created['id'])}")
    expect(client.get(detail(created["id"])), 404, "GET of the deleted task")
    assert Task.objects.filter(pk=theirs.pk).exists()


@pytest.mark.task(1)
def test_put_replaces_and_patch_updates_partially(owner, client_for):
    from tasks.models import Task

    client = client_for(owner)
    routed(client)
    task = baker.make(Task, owner=owner, title="Old title", notes="Some notes", done=False)
    url = detail(task)

    expect(client.patch(url, {"done": True}, format="json"), 200, f"PATCH {url} {{done: true}}")
    task.refresh_from_db()
    assert task.done and task.title == "Old title" and task.notes == "Some notes", (
        f"after PATCH {{done: true}} the task is done={task.done}, title={task.title!r}, "
        f"notes={task.notes!r}; a PATCH changes the fields sent and keeps the others"
    )

    refused = client.put(url, {"done": False}, format="json")
    expect(
        refused,
        400,
        f"PUT {url} without a title",
        "PUT replaces the whole task, so required fields are required (only PATCH is partial)",
    )
    assert "title" in refused.json(), f"PUT without title answered {body(refused)}"
    task.refresh_from_db()
    assert task.done, "a refused PUT changed the task"

    replacement = {
        "title": "New title",
        "notes": "",
        "done": False,
        "due": day(3).isoformat(),
        "priority": 1,
        "is_private": True,
    }
    expect(client.put(url, replacement, format="json"), 200, f"PUT {url} with every field")
    task.refresh_from_db()
    got = {
        "title": task.title,
        "notes": task.notes,
        "done": task.done,
        "due": task.due.isoformat() if task.due else None,
        "priority": task.priority,
        "is_private": task.is_private,
    }
    assert got == replacement, f"after PUT {replacement} the task holds {got}"


@pytest.mark.task(2)
def test_is_overdue_is_computed_and_read_only(owner, client_for):
    from tasks.models import Task

    client = client_for(owner)
    routed(client)
    cases = [
        ("due yesterday, open", {"due": day(-1), "done": False}, True),
        ("due yesterday, done", {"due": day(-1), "done": True}, False),
        ("due today, open", {"due": day(0), "done": False}, False),
        ("due tomorrow, open", {"due": day(1), "done": False}, False),
        ("no due date, open", {"due": None, "done": False}, False),
    ]
    wrong = []
    for label, fields, expected in cases:
        task = baker.make(Task, owner=owner, title=label, **fields)
        data = expect(client.get(detail(task)), 200, f"GET {detail(task)}").json()
        if data.get("is_overdue", "<missing>") is not expected:
            wrong.append(f"{label}: is_overdue={data.get('is_overdue', '<missing>')!r}")
    assert not wrong, (
        "is_overdue is wrong for: " + "; ".join(wrong) + ". Expected true only for an open "
        "task whose due date is before today"
    )
    task = Task.objects.get(title="no due date, open")
    client.patch(detail(task), {"is_overdue": True}, format="json")
    data = client.get(detail(task)).json()
    assert data["is_overdue"] is False, "a client could set is_overdue; it must be read-only"


@pytest.mark.task(3)
def test_a_task_can_only_be_filed_under_your_own_project(owner, stranger, client_for):
    from tasks.models import Project, Task

    client = client_for(owner)
    routed(client)
    mine = baker.make(Project, owner=owner, name="Home")
    theirs = baker.make(Project, owner=stranger, name="Their secret project")

    ok = client.post(LIST, {"title": "Paint the door", "project": mine.pk}, format="json")
    expect(ok, 201, f"POST {LIST} with the user's own project")
    assert ok.json().get("project") == mine.pk, f"the task was created as {body(ok)}"

    refused = client.post(LIST, {"title": "Sneak in", "project": theirs.pk}, format="json")
    expect(
        refused,
        400,
        f"POST {LIST} with another user's project",
        "the task was filed under another user's project; a task belongs under one of the "
        "requesting user's own projects",
    )
    assert "project" in refused.json(), (
        f"the refusal was {body(refused)}; expected the error on the field 'project'"
    )
    assert not Task.objects.filter(title="Sneak in").exists()

    task = Task.objects.get(title="Paint the door")
    moved = client.patch(detail(task), {"project": theirs.pk}, format="json")
    expect(moved, 400, "PATCH moving a task into another user's project")


@pytest.mark.task(4)
def test_a_high_priority_task_needs_a_due_date_even_on_patch(owner, client_for):
    from tasks.models import Task

    client = client_for(owner)
    routed(client)
    refused = client.post(LIST, {"title": "Ship it", "priority": 3}, format="json")
    expect(refused, 400, f"POST {LIST} with priority 3 and no due date")
    assert "due" in refused.json(), (
        f"the refusal was {body(refused)}; expected the error on the field 'due'"
    )
    accepted = client.post(
        LIST, {"title": "Ship it", "priority": 3, "due": day(5).isoformat()}, format="json"
    )
    expect(accepted, 201, f"POST {LIST} with priority 3 and a due date")

    dated = baker.make(Task, owner=owner, title="Dated", priority=2, due=day(2))
    expect(
        client.patch(detail(dated), {"priority": 3}, format="json"),
        200,
        "PATCH {priority: 3} on a task that already has a due date",
        "the rule was checked on the fields sent only; a PATCH sends some fields, and the "
        "others (here the due date) keep their stored values",
    )
    urgent = Task.objects.get(title="Ship it")
    expect(
        client.patch(detail(urgent), {"title": "Ship it now"}, format="json"),
        200,
        "PATCH {title} on a high-priority task with a due date",
    )
    cleared = client.patch(detail(urgent), {"due": None}, format="json")
    expect(cleared, 400, "PATCH {due: null} on a high-priority task")
    undated = baker.make(Task, owner=owner, title="Undated", priority=2, due=None)
    expect(
        client.patch(detail(undated), {"priority": 3}, format="json"),
        400,
        "PATCH {priority: 3} on a task without a due date",
        "the stored due date (none) counts too",
    )


@pytest.mark.task(4)
def test_the_serializer_itself_refuses_a_high_priority_task_without_a_due_date(owner):
    """The rule belongs to the data, not to one view: a script, an import or another view
    that validates a task with crud.serializers.TaskSerializer must get it too."""
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory, force_authenticate

    from crud.serializers import TaskSerializer
    from tasks.models import Task

    raw = APIRequestFactory().post(LIST, {}, format="json")
    force_authenticate(raw, user=owner)
    context = {"request": Request(raw)}
    urgent = baker.make(Task, owner=owner, title="Urgent", priority=3, due=day(4))
    cases = [
        ("a new task", None, {"title": "Ship it", "priority": 3}, False),
        ("a partial update of a high-priority task", urgent, {"due": None}, True),
    ]
    accepted = []
    for label, instance, data, partial in cases:
        serializer = TaskSerializer(instance, data=data, partial=partial, context=context)
        try:
            valid = serializer.is_valid()
        except Exception as error:
            pytest.fail(
                f"TaskSerializer(data={data}).is_valid() for {label}, with the request in its "
                f"context, raised {type(error).__name__}: {error}"
            )
        errors = serializer.errors if not valid else {}
        if valid or not isinstance(errors, dict) or "due" not in errors:
            accepted.append(f"{label} {data}: " + ("valid" if valid else f"errors {dict(errors)}"))
    assert not accepted, (
        "the serializer accepted a high-priority task without a due date: "
        + "; ".join(accepted)
        + ". The rule is checked outside crud.serializers.TaskSerializer, so any other code "
        "that validates tasks with it skips the rule; expected a refusal on the field 'due'"
    )


@pytest.mark.task(5)
def test_subtasks_are_created_with_the_task_in_one_request(owner, client_for):
    from tasks.models import Task

    client = client_for(owner)
    routed(client)
    payload = {
        "title": "Move house",
        "subtasks": [{"title": "Pack"}, {"title": "Book a van", "done": True}],
    }
    response = expect(client.post(LIST, payload, format="json"), 201, f"POST {LIST} {payload}")
    task = Task.objects.get(pk=response.json()["id"])
    stored = list(task.subtasks.values_list("title", "done"))
    assert stored == [("Pack", False), ("Book a van", True)], (
        f"the task was saved with the subtasks {stored}; expected the two sent"
        + (": the subtasks in the request were dropped" if not stored else "")
    )
    sent_back = [(s.get("title"), s.get("done")) for s in response.json().get("subtasks", [])]
    assert sent_back == stored, f"the response lists the subtasks {sent_back}"
    assert all(s.get("id") for s in response.json()["subtasks"]), "each subtask needs its id"


@pytest.mark.task(5)
def test_subtasks_are_updated_in_one_request(owner, client_for):
    from tasks.models import Subtask, Task

    client = client_for(owner)
    routed(client)
    task = baker.make(Task, owner=owner, title="Move house")
    pack = baker.make(Subtask, task=task, title="Pack", done=False)
    baker.make(Subtask, task=task, title="Book a van")
    other = baker.make(Subtask, task=baker.make(Task, owner=owner, title="Other"), title="Mine")

    payload = {
        "subtasks": [{"id": pack.pk, "title": "Pack boxes", "done": True}, {"title": "Keys"}]
    }
    expect(client.patch(detail(task), payload, format="json"), 200, f"PATCH {payload}")
    stored = list(task.subtasks.order_by("title").values_list("id", "title", "done"))
    recreated = [i for i, title, _ in stored if title == "Pack boxes" and i != pack.pk]
    assert not recreated, (
        f"after the PATCH the subtasks are {stored}: 'Pack' (id {pack.pk}) was deleted and "
        f"re-created with a new id ({recreated[0] if recreated else ''}) instead of being "
        "updated in place; the item sent its id, and a client that keeps ids sees them change"
    )
    assert len(stored) == 2 and (pack.pk, "Pack boxes", True) in stored, (
        f"after the PATCH the subtasks are {stored}; expected 'Pack' updated in place "
        f"(id {pack.pk} kept), 'Keys' created and 'Book a van' (left out) deleted"
    )
    assert any(title == "Keys" for _, title, _ in stored), f"'Keys' was not created: {stored}"

    expect(client.patch(detail(task), {"title": "Move flat"}, format="json"), 200, "PATCH {title}")
    assert task.subtasks.count() == 2, (
        "a PATCH that does not send subtasks changed them; leave them alone when the key is absent"
    )

    hijack = {"title": "Move flat", "subtasks": [{"id": other.pk, "title": "Stolen"}]}
    refused = client.put(detail(task), hijack, format="json")
    expect(
        refused,
        400,
        "PUT with the id of another task's subtask",
        "an id must be one of this task's subtasks",
    )
    other.refresh_from_db()
    assert other.title == "Mine" and other.task.title == "Other", "another task's subtask changed"
    assert task.subtasks.count() == 2, "a refused PUT changed the subtasks"


@pytest.mark.task(5)
def test_an_invalid_subtask_rejects_the_whole_request(owner, client_for):
    from tasks.models import Task

    client = client_for(owner)
    routed(client)
    payload = {"title": "Party", "subtasks": [{"title": "Invite"}, {"title": ""}]}
    response = client.post(LIST, payload, format="json")
    expect(response, 400, f"POST {LIST} with a blank subtask title")
    errors = response.json().get("subtasks")
    # DRF reports a list's errors per item: [{}, {...}], or {"1": {...}} in recent versions.
    second = errors[1] if isinstance(errors, list) and len(errors) == 2 else None
    if isinstance(errors, dict):
        second = errors.get("1")
    assert isinstance(second, dict) and "title" in second, (
        f"the errors were {body(response)}; expected them on the second subtask's title, "
        'like {"subtasks": {"1": {"title": [...]}}}'
    )
    assert not Task.objects.filter(title="Party").exists(), "the task was saved anyway"


@pytest.mark.task(6)
def test_the_list_runs_the_same_number_of_queries_for_any_number_of_tasks(owner, client_for):
    from tasks.models import Subtask, Task

    client = client_for(owner)

    def list_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LIST)
        expect(response, 200, f"GET {LIST}", "the tasks API is not routed at /crud/tasks/ yet")
        return len(queries), len(response.json())

    for _ in range(2):
        baker.make(Subtask, task=baker.make(Task, owner=owner), _quantity=2)
    few, listed_few = list_queries()
    for _ in range(10):
        baker.make(Subtask, task=baker.make(Task, owner=owner), _quantity=2)
    many, listed_many = list_queries()
    assert (listed_few, listed_many) == (2, 12)
    assert many == few, (
        f"the list ran {few} queries for 2 tasks and {many} for 12: one query per task for "
        "its subtasks (N+1)"
    )
