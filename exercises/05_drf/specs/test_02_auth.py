"""Challenge 2, Authentication and permissions: /access/tasks/ for anonymous visitors,
strangers and owners, with tokens and sessions."""

import json

import pytest
from model_bakery import baker
from rest_framework.test import APIClient

LIST = "/access/tasks/"
TOKEN = "/access/token/"


def detail(task):
    return f"/access/tasks/{task.pk}/"


def body(response, limit=200):
    try:
        text = json.dumps(response.json())
    except (ValueError, TypeError):
        return f"({response.headers.get('Content-Type', 'no content type')} body)"
    return text if len(text) <= limit else text[:limit] + "..."


@pytest.fixture
def tasks(owner):
    """The owner's public and private task."""
    from tasks.models import Task

    return (
        baker.make(Task, owner=owner, title="Public plan", is_private=False),
        baker.make(Task, owner=owner, title="Private diary", is_private=True),
    )


def check(who, client, cases):
    """cases: (method, url, data, expected status, why). Fails listing every miss."""
    misses = []
    for method, url, data, expected, why in cases:
        try:
            response = getattr(client, method)(url, data, format="json")
        except Exception as error:  # a crash in the view: report it with the other misses
            misses.append(
                f"{who} {method.upper()} {url} crashed with {type(error).__name__}: {error}; "
                f"expected {expected}: {why}"
            )
            continue
        if response.status_code != expected:
            misses.append(
                f"{who} {method.upper()} {url} answered {response.status_code} {body(response)}; "
                f"expected {expected}: {why}"
            )
    assert not misses, "\n".join(misses)


NOT_401 = (
    "an anonymous write is refused before the view runs (a permission), and not "
    "authenticated is 401, not 403"
)
HIDDEN = "a private task does not exist for anyone but its owner: 404, not 403 (task 4)"


def first_authentication():
    """The name of the view's first authentication class, for a diagnosis; None if unknown."""
    try:
        from access.views import TaskViewSet

        classes = list(TaskViewSet.authentication_classes)
    except Exception:
        return None
    return getattr(classes[0], "__name__", repr(classes[0])) if classes else None


@pytest.mark.task(1)
def test_anonymous_reads_public_tasks_and_gets_401_for_writes(api_client, tasks):
    public, private = tasks
    # The most specific diagnosis first: a 403 with no challenge at all.
    try:
        response = api_client.post(LIST, {"title": "Spam"}, format="json")
    except Exception as error:
        pytest.fail(
            f"anonymous POST {LIST} crashed with {type(error).__name__}: {error}; expected 401: "
            + NOT_401
        )
    challenge = response.headers.get("WWW-Authenticate", "")
    if response.status_code == 403 and not challenge:
        first = first_authentication()
        pytest.fail(
            f"anonymous POST {LIST} answered 403 {body(response)} with no WWW-Authenticate "
            "header; expected 401 with 'WWW-Authenticate: Token'. DRF takes the 401's "
            "challenge from the first authentication class"
            + (f" (here {first})" if first else "")
            + ", and when that class has none (session authentication has none) it answers "
            "403 instead"
        )
    check(
        "anonymous",
        api_client,
        [
            ("get", detail(public), None, 200, "public tasks are public"),
            ("post", LIST, {"title": "Spam"}, 401, NOT_401),
            ("patch", detail(public), {"done": True}, 401, NOT_401),
            ("delete", detail(public), None, 401, NOT_401),
        ],
    )
    assert challenge.startswith("Token"), (
        f"the 401 carries WWW-Authenticate {challenge!r}; expected 'Token': the challenge "
        "tells the client which credentials to send, and this API's clients send a token. "
        "DRF takes it from the first authentication class"
    )
    public.refresh_from_db()
    assert not public.done, "an anonymous PATCH changed the task"
    titles = [item["title"] for item in api_client.get(LIST).json()]
    assert titles == ["Public plan"], (
        f"anonymous GET {LIST} listed {titles}; expected the public tasks only (task 4)"
    )
    check("anonymous", api_client, [("get", detail(private), None, 404, HIDDEN)])


@pytest.mark.task(3)
def test_a_stranger_may_read_but_not_change_someone_elses_task(stranger, client_for, tasks):
    from tasks.models import Task

    public, private = tasks
    client = client_for(stranger)
    not_owner = "only the owner may change a task: an object-level permission"
    check(
        "stranger",
        client,
        [
            ("get", detail(public), None, 200, "reading a public task is fine"),
            ("patch", detail(public), {"done": True}, 403, not_owner),
            ("put", detail(public), {"title": "Mine now"}, 403, not_owner),
            ("delete", detail(public), None, 403, not_owner),
            ("post", LIST, {"title": "My own"}, 201, "any signed-in user may create tasks"),
        ],
    )
    public.refresh_from_db()
    assert (public.title, public.done) == ("Public plan", False), "a stranger changed the task"
    assert Task.objects.filter(pk=public.pk).exists(), "a stranger deleted the task"
    check(
        "stranger",
        client,
        [
            ("get", detail(private), None, 404, HIDDEN),
            ("patch", detail(private), {"done": True}, 404, HIDDEN),
        ],
    )
    titles = {item["title"] for item in client.get(LIST).json()}
    assert titles == {"Public plan", "My own"}, (
        f"the stranger's list shows {sorted(titles)}; expected the public tasks and their own, "
        "never another user's private task (task 4)"
    )


@pytest.mark.task(4)
def test_the_owner_sees_and_changes_their_own_tasks(owner, stranger, client_for, tasks):
    from tasks.models import Task

    public, private = tasks
    baker.make(Task, owner=stranger, title="Their secret", is_private=True)
    client = client_for(owner)
    titles = {item["title"] for item in client.get(LIST).json()}
    assert titles == {"Public plan", "Private diary"}, (
        f"the owner's list shows {sorted(titles)}; expected the public tasks and their own "
        "private ones, without other users' private tasks"
    )
    check(
        "owner",
        client,
        [
            ("get", detail(private), None, 200, "the owner sees their task"),
            ("patch", detail(private), {"done": True}, 200, "the owner may change their task"),
            ("patch", detail(public), {"title": "Plan v2"}, 200, "the owner may change it"),
            ("delete", detail(public), None, 204, "the owner may delete their task"),
        ],
    )
    private.refresh_from_db()
    assert private.done


@pytest.mark.task(2)
def test_a_token_from_the_token_endpoint_authenticates(owner, tasks, password):
    client = APIClient(enforce_csrf_checks=True)
    refused = client.post(TOKEN, {"username": "olivia", "password": "wrong"}, format="json")
    assert refused.status_code == 400, (
        f"POST {TOKEN} with a wrong password answered {refused.status_code} {body(refused)}; "
        "expected 400 from the token endpoint (wrong credentials get no token)"
    )
    response = client.post(TOKEN, {"username": "olivia", "password": password}, format="json")
    assert response.status_code == 200 and "token" in response.json(), (
        f"POST {TOKEN} with the right password answered {response.status_code} {body(response)}; "
        'expected 200 {"token": "<key>"}'
    )
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    created = client.post(LIST, {"title": "By token"}, format="json")
    assert created.status_code == 201, (
        f"POST {LIST} with 'Authorization: Token <key>' answered {created.status_code} "
        f"{body(created)}; expected 201: the token was not accepted as a credential "
        "(a token request needs no CSRF token)"
    )
    assert created.json().get("owner") == "olivia", f"the task was created as {body(created)}"

    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-key")
    bad = client.get(LIST)
    assert bad.status_code == 401, (
        f"GET {LIST} with an invalid token answered {bad.status_code}; expected 401"
        + (": the invalid token was treated as an anonymous visit" if bad.status_code == 200 else "")
        + " (a wrong credential is an error, even on a read an anonymous visitor may make)"
    )


@pytest.mark.task(1)
def test_a_session_still_works_and_its_writes_need_the_csrf_token(owner, tasks, password):
    from tasks.models import Task

    client = APIClient(enforce_csrf_checks=True)
    assert client.login(username="olivia", password=password)
    listed = {item["title"] for item in client.get(LIST).json()}
    assert "Private diary" in listed, (
        f"a session-authenticated GET {LIST} listed {sorted(listed)}; expected the user's "
        "private task too: the browser's session was not recognised (the browser signs in "
        "with its session, next to the token)"
    )
    forged = client.post(LIST, {"title": "Forged"}, format="json")
    assert forged.status_code == 403, (
        f"a session POST without a CSRF token answered {forged.status_code}; expected 403: "
        "the CSRF check of session writes is off, so any site the user visits can post in "
        "their name"
    )
    assert not Task.objects.filter(title="Forged").exists()
    token_client = APIClient(enforce_csrf_checks=True)
    key = token_client.post(TOKEN, {"username": "olivia", "password": password}, format="json")
    assert key.status_code == 200, (
        f"POST {TOKEN} answered {key.status_code}; expected 200 with a token (task 2)"
    )
    token_client.credentials(HTTP_AUTHORIZATION=f"Token {key.json()['token']}")
    by_token = token_client.post(LIST, {"title": "No CSRF needed"}, format="json")
    assert by_token.status_code == 201, (
        f"a token POST answered {by_token.status_code} {body(by_token)}; expected 201 without "
        "any CSRF token: only session authentication needs one"
    )
