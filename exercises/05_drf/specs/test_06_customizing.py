"""Challenge 6, Customizing the API: /custom/tasks/ with one error envelope, a complete
action, the owner set on create, filtering, search, ordering, and CORS for one origin."""

import datetime as dt
import json

import pytest
from model_bakery import baker
from rest_framework.test import APIClient

LIST = "/custom/tasks/"
FRONT_END = "https://app.example.com"


def detail(task, suffix=""):
    return f"/custom/tasks/{getattr(task, 'pk', task)}/{suffix}"


def body(response, limit=240):
    try:
        text = json.dumps(response.json())
    except (ValueError, TypeError):
        return f"({response.headers.get('Content-Type', 'no content type')} body)"
    return text if len(text) <= limit else text[:limit] + "..."


HANDLER_HINT = (
    "Django's own Http404 and PermissionDenied reach the handler too, and they have no "
    "detail or default_code"
)


def request(doing, send, hint=HANDLER_HINT):
    """send() a request; an exception raised by the view or the handler fails the spec."""
    try:
        return send()
    except Exception as error:
        pytest.fail(f"{doing} raised {type(error).__name__}: {error}. {hint}")


def envelope(response, status, code, doing):
    """The error of a response in the envelope; fails naming what is off."""
    assert response.status_code == status, (
        f"{doing} answered {response.status_code} {body(response)}; expected {status}"
    )
    try:
        data = response.json()
    except ValueError:
        data = None
    shape = '{"error": {"status", "code", "message", "details"}}'
    django_page = {
        404: ": Django answered its own HTML 404 page, so the Http404 raised in the view (or a "
        "URL that is not routed) went past the handler",
        403: ": Django's own PermissionDenied went past the handler, and Django answered its "
        "HTML page",
    }
    assert isinstance(data, dict) and list(data) == ["error"] and isinstance(data["error"], dict), (
        f"{doing} answered {body(response)}; expected the error envelope {shape}"
        + (django_page.get(status, "") if data is None else "")
    )
    error = data["error"]
    assert set(error) == {"status", "code", "message", "details"}, (
        f"{doing}: the envelope has the keys {sorted(error)}; expected {shape}"
    )
    assert error["status"] == status and error["code"] == code, (
        f"{doing}: the envelope says status={error['status']!r}, code={error['code']!r}; "
        f"expected {status} and {code!r} (the DRF exception's default_code)"
    )
    message = error["message"]
    assert isinstance(message, str) and message.strip(), (
        f"{doing}: the envelope's message is {message!r}; expected a sentence"
    )
    assert not any(mark in message for mark in ("{", "}", "[", "]", "ErrorDetail")), (
        f"{doing}: the envelope's message is {message[:200]!r}, not a sentence: it is the "
        "error data written out as Python text. Expected a sentence a person can read, like "
        "'Invalid input.' (the field errors belong in details)"
    )
    assert isinstance(error["details"], dict), (
        f"{doing}: the envelope's details is {error['details']!r}; expected a dict"
    )
    return error


@pytest.fixture
def board(owner, stranger):
    """Olivia's tasks and Sam's, dated so that the orders are unambiguous."""
    from tasks.models import Task

    day = dt.date(2030, 1, 1)
    created = iter(dt.datetime(2029, 12, 1, hour, tzinfo=dt.timezone.utc) for hour in range(1, 6))

    def make(model, **fields):  # created one hour apart, in the order below
        return baker.make(model, created=next(created), **fields)

    return {
        "milk": make(
            Task,
            owner=owner,
            title="Buy milk",
            done=False,
            priority=3,
            due=day + dt.timedelta(days=1),
        ),
        "rent": make(
            Task,
            owner=owner,
            title="Pay rent",
            done=True,
            priority=2,
            due=day + dt.timedelta(days=5),
        ),
        "mum": make(
            Task,
            owner=owner,
            title="Call mum",
            done=False,
            priority=1,
            due=day + dt.timedelta(days=10),
            notes="Ask about the MILK order",
        ),
        "dog": make(
            Task,
            owner=stranger,
            title="Walk the dog",
            done=False,
            priority=3,
            due=day + dt.timedelta(days=3),
        ),
        "secret": make(
            Task,
            owner=stranger,
            title="Secret milk stash",
            done=False,
            priority=3,
            due=day + dt.timedelta(days=2),
            is_private=True,
        ),
    }


@pytest.mark.task(1)
def test_a_validation_error_wears_the_envelope_with_its_field_errors(owner, client_for):
    client = client_for(owner)
    error = envelope(
        client.post(LIST, {"title": ""}, format="json"),
        400,
        "invalid",
        f"POST {LIST} with a blank title",
    )
    assert "title" in error["details"], (
        f"the envelope's details are {error['details']}; expected the field errors, "
        'like {"title": ["This field may not be blank."]}'
    )
    doing = f"GET {LIST}?due_before=someday"
    error = envelope(
        request(
            doing,
            lambda: client.get(LIST + "?due_before=someday"),
            "An invalid filter value is the client's error, a 400, not a crash",
        ),
        400,
        "invalid",
        doing,
    )
    # Keyed by the filter: due_before, or due for a DateFromToRangeFilter named due.
    assert any(str(key).startswith("due") for key in error["details"]), (
        f"a bad filter value gave the details {error['details']}; expected its field error, "
        'like {"due_before": ["Enter a valid date."]} (task 4 adds the due_before filter)'
    )


@pytest.mark.task(1)
def test_auth_and_permission_errors_wear_the_envelope_and_keep_their_headers(
    api_client, stranger, client_for, board
):
    response = api_client.post(LIST, {"title": "Spam"}, format="json")
    envelope(response, 401, "not_authenticated", f"anonymous POST {LIST}")
    assert response.headers.get("WWW-Authenticate", "").startswith("Token"), (
        "the 401 lost its WWW-Authenticate header: the envelope came in a response built anew, "
        "without the headers DRF had set"
    )
    forged = APIClient()
    forged.credentials(HTTP_AUTHORIZATION="Token not-a-real-key")
    envelope(forged.get(LIST), 401, "authentication_failed", f"GET {LIST} with a bad token")
    envelope(
        client_for(stranger).patch(detail(board["milk"]), {"done": True}, format="json"),
        403,
        "permission_denied",
        "a stranger's PATCH of Olivia's task",
    )


@pytest.mark.task(1)
def test_not_found_and_method_not_allowed_wear_the_envelope(owner, client_for, board):
    client = client_for(owner)
    doing = f"GET {detail(999999)}"
    envelope(request(doing, lambda: client.get(detail(999999))), 404, "not_found", doing)
    doing = "Olivia's GET of Sam's private task"
    envelope(request(doing, lambda: client.get(detail(board["secret"]))), 404, "not_found", doing)
    response = client.put(LIST, {"title": "All"}, format="json")
    envelope(response, 405, "method_not_allowed", f"PUT {LIST}")
    assert "GET" in response.headers.get("Allow", ""), "the 405 lost its Allow header"


@pytest.mark.task(2)
def test_the_owner_of_a_new_task_is_the_user_who_creates_it(owner, stranger, client_for):
    from tasks.models import Task

    client = client_for(owner)
    owner_hint = (
        "The task was saved without an owner: the body does not give one, and nothing else did"
    )
    plain = request(
        f"POST {LIST}",
        lambda: client.post(LIST, {"title": "Plain"}, format="json"),
        owner_hint,
    )
    assert plain.status_code == 201, (
        f"POST {LIST} without an owner answered {plain.status_code} {body(plain)}; expected 201: "
        "the owner is the requesting user, not a field the client fills in"
    )
    forged = request(
        f"POST {LIST} with an owner",
        lambda: client.post(LIST, {"title": "Forged", "owner": stranger.pk}, format="json"),
        owner_hint,
    )
    assert forged.status_code == 201, f"POST with an owner answered {forged.status_code}"
    owners = dict(Task.objects.filter(title__in=["Plain", "Forged"]).values_list("title", "owner"))
    assert owners == {"Plain": owner.pk, "Forged": owner.pk}, (
        f"the tasks were saved with the owners {owners}: a client created a task in someone "
        "else's name by sending 'owner'; the owner is always the user who creates the task"
    )


@pytest.mark.task(3)
def test_post_complete_marks_the_task_done(api_client, owner, stranger, client_for, board):
    from tasks.models import Task

    milk = board["milk"]
    url = detail(milk, "complete/")
    response = client_for(owner).post(url)
    assert response.status_code == 200, (
        f"the owner's POST {url} answered {response.status_code} {body(response)}; expected 200 "
        "with the completed task"
    )
    milk.refresh_from_db()
    assert milk.done and milk.completed_at is not None, (
        f"after POST {url} the task has done={milk.done}, completed_at={milk.completed_at}"
    )
    assert response.json().get("done") is True and response.json().get("completed_at"), (
        f"POST {url} answered {body(response)}; expected the completed task"
    )
    envelope(client_for(owner).get(url), 405, "method_not_allowed", f"GET {url}")

    # Each user may complete 3 times a minute; Olivia has used 2 requests so far.
    dog, secret = board["dog"], board["secret"]
    envelope(
        client_for(owner).post(detail(secret, "complete/")),
        404,
        "not_found",
        "Olivia completing Sam's private task",
    )
    envelope(
        client_for(stranger).post(detail(board["mum"], "complete/")),
        403,
        "permission_denied",
        "Sam completing Olivia's public task",
    )
    envelope(
        api_client.post(detail(dog, "complete/")),
        401,
        "not_authenticated",
        "an anonymous POST complete",
    )
    assert not Task.objects.filter(pk__in=[secret.pk, board["mum"].pk], done=True).exists(), (
        "someone completed another user's task: the action skipped the checks of who may see "
        "and who may change a task"
    )


@pytest.mark.task(3)
def test_complete_is_throttled_and_the_429_wears_the_envelope(owner, client_for, board):
    client = client_for(owner)
    url = detail(board["milk"], "complete/")
    for attempt in range(1, 4):
        response = client.post(url)
        assert response.status_code == 200, (
            f"POST {url} number {attempt} answered {response.status_code} {body(response)}; "
            "expected 200 (3 a minute are allowed)"
        )
    response = client.post(url)
    envelope(response, 429, "throttled", f"a 4th POST {url} within a minute")
    assert response.headers.get("Retry-After", "").isdigit(), (
        "the 429 lost its Retry-After header: a client cannot tell how long to wait"
    )


@pytest.mark.task(4)
def test_filters_narrow_the_list_by_query_parameters(owner, client_for, board):
    client = client_for(owner)
    cases = [
        ("?done=false", {"milk", "mum", "dog"}),
        ("?done=true", {"rent"}),
        ("?priority=3", {"milk", "dog"}),
        ("?due_before=2030-01-06", {"milk", "rent", "dog"}),
        ("?due_after=2030-01-06", {"rent", "mum"}),
        ("?done=false&priority=3", {"milk", "dog"}),
        ("?due_after=2030-01-03&due_before=2030-01-04", {"dog"}),
    ]
    names = {task.pk: name for name, task in board.items()}
    wrong = []
    for query, expected in cases:
        response = client.get(LIST + query)
        if response.status_code != 200:
            wrong.append(f"GET {LIST}{query} answered {response.status_code} {body(response)}")
            continue
        got = {names.get(item["id"], item["id"]) for item in response.json()}
        if got != expected:
            wrong.append(f"GET {LIST}{query} listed {sorted(got)}, expected {sorted(expected)}")
    assert not wrong, (
        "\n".join(wrong) + "\n(due_before and due_after include the date itself; the "
        "filters narrow the tasks Olivia may see, never widen them)"
    )
    assert client.get(LIST + "?priority=9").status_code == 400, (
        f"GET {LIST}?priority=9 must be a 400: an invalid filter value is not 'no filter'"
    )


@pytest.mark.task(4)
def test_search_and_ordering_by_query_parameters(owner, client_for, board):
    client = client_for(owner)
    names = {task.pk: name for name, task in board.items()}

    def listed(query):
        response = client.get(LIST + query)
        assert response.status_code == 200, f"GET {LIST}{query} answered {response.status_code}"
        return [names.get(item["id"], item["id"]) for item in response.json()]

    found = listed("?search=milk")
    assert sorted(found) == ["milk", "mum"], (
        f"?search=milk found {sorted(found)}; expected 'Buy milk' (title) and 'Call mum' (its "
        "notes say MILK): search title and notes, case-insensitively, among the visible tasks"
    )
    cases = [
        ("?ordering=due", ["milk", "dog", "rent", "mum"]),
        ("?ordering=-due", ["mum", "rent", "dog", "milk"]),
        ("?ordering=-priority,due", ["milk", "dog", "rent", "mum"]),
        ("?ordering=priority,title", ["mum", "rent", "milk", "dog"]),
        ("?ordering=created", ["milk", "rent", "mum", "dog"]),
        ("?ordering=title", ["milk", "mum", "rent", "dog"]),
    ]
    wrong = [f"{q} gave {listed(q)}, expected {want}" for q, want in cases if listed(q) != want]
    assert not wrong, "ordering is wrong: " + "; ".join(wrong)


@pytest.mark.task(5)
def test_cors_lets_the_front_end_through_and_refuses_other_origins(api_client, owner, board):
    def preflight(origin):
        return api_client.options(
            LIST,
            HTTP_ORIGIN=origin,
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
            HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
        )

    allowed = preflight(FRONT_END)
    got = allowed.headers.get("Access-Control-Allow-Origin")
    assert got == FRONT_END, (
        f"the preflight from {FRONT_END} got Access-Control-Allow-Origin {got!r}; expected "
        f"{FRONT_END!r}: "
        + (
            "'*' lets every origin read the API"
            if got == "*"
            else "the front-end's origin is not allowed to read the API"
        )
    )
    assert "POST" in allowed.headers.get("Access-Control-Allow-Methods", ""), (
        "the preflight does not allow POST"
    )
    assert "authorization" in allowed.headers.get("Access-Control-Allow-Headers", "").lower(), (
        "the preflight does not allow the Authorization header (the token)"
    )
    simple = api_client.get(LIST, HTTP_ORIGIN=FRONT_END)
    assert simple.headers.get("Access-Control-Allow-Origin") == FRONT_END, (
        "a GET from the front-end has no Access-Control-Allow-Origin"
    )
    leaks = []
    for origin in (
        "https://evil.example.com",
        "http://app.example.com",
        "https://app.example.com.evil.net",
    ):
        for response in (preflight(origin), api_client.get(LIST, HTTP_ORIGIN=origin)):
            if "Access-Control-Allow-Origin" in response.headers:
                leaks.append(f"{origin} got {response.headers['Access-Control-Allow-Origin']!r}")
    assert not leaks, (
        "other origins are let through: " + "; ".join(leaks) + f". Only {FRONT_END} may "
        "read the API: an origin is matched whole (scheme, host and port), never by its start"
    )
