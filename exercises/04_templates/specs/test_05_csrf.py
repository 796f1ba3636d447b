"""Challenge 5, CSRF: the page's forms carry the token (and only the POST ones), a POST
without it is refused, the like button's AJAX call sends it in X-CSRFToken, and the
moderation webhook is exempt from CSRF but proves its origin with an HMAC signature.

Every spec uses Client(enforce_csrf_checks=True): the plain test client skips CSRF.

A constant-time comparison can't be timed reliably in a test (the difference is
nanoseconds against a request's milliseconds), so the spec watches for it instead: it
records every call to Python's constant-time comparisons (hmac.compare_digest, the same
function as secrets.compare_digest, which Django's constant_time_compare calls), also
where feedback/webhooks.py imported them by name, and expects the forged signature it
sends to go through one of them.
"""

import hashlib
import hmac
import json
import re
import time

import pytest
from django.conf import settings
from django.test import Client
from htmltree import parse
from model_bakery import baker

PAGE = "/feedback/pancakes/"
LIKE = "/feedback/pancakes/like/"
WEBHOOK = "/feedback/hooks/moderation/"


@pytest.fixture
def cook(django_user_model):
    return django_user_model.objects.create_user(username="cook")


@pytest.fixture
def recipe(cook):
    return baker.make("recipes.Recipe", title="Pancakes", slug="pancakes", author=cook)


@pytest.fixture
def csrf_client(cook):
    """A logged-in browser whose POSTs Django checks for CSRF, as in production."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(cook)
    return client


def is_csrf_failure(response):
    return response.status_code == 403 and b"CSRF" in response.content


def forms_of(client):
    response = client.get(PAGE)
    assert response.status_code == 200, f"GET {PAGE} answered {response.status_code}; expected 200"
    return parse(response).find_all("form")


def method(form):
    return form.attrs.get("method", "get").lower()


# 1. Forms carry the token ------------------------------------------------------------


@pytest.mark.task(1)
def test_post_forms_carry_the_token_and_get_forms_do_not(csrf_client, recipe):
    forms = forms_of(csrf_client)
    assert any(method(form) == "post" for form in forms), f"{PAGE} shows no POST form for comments"
    for form in forms:
        token = form.find("input", name="csrfmiddlewaretoken")
        if method(form) == "post":
            assert token is not None, (
                f'the <form method="post"> on {PAGE} has no csrfmiddlewaretoken input; expected '
                "every POST form to carry the CSRF token, or the browser's POST gets 403"
            )
        else:
            assert token is None, (
                f"the GET form on {PAGE} (action {form.attrs.get('action')!r}) carries the CSRF "
                "token: a GET form puts it in the URL, where history, logs and Referer headers "
                "leak it; expected it in the POST forms only"
            )


@pytest.mark.task(1)
def test_comment_needs_the_token_from_the_page(csrf_client, recipe):
    from feedback.models import Comment

    response = csrf_client.post(PAGE, {"body": "Forged"})
    assert response.status_code == 403 and not Comment.objects.exists(), (
        f"POST {PAGE} without a CSRF token answered {response.status_code}; expected 403 and "
        "no comment"
    )
    post_forms = [form for form in forms_of(csrf_client) if method(form) == "post"]
    token = post_forms[0].find("input", name="csrfmiddlewaretoken") if post_forms else None
    assert token is not None, (
        f"the comment form on {PAGE} has no csrfmiddlewaretoken input to send back; expected "
        "the CSRF token inside it"
    )
    response = csrf_client.post(
        PAGE, {"body": "Lovely", "csrfmiddlewaretoken": token.attrs["value"]}
    )
    assert response.status_code == 302 and Comment.objects.filter(body="Lovely").exists(), (
        f"POST {PAGE} with the page's CSRF token answered {response.status_code}; expected a "
        "redirect and the comment saved"
    )


# 2. AJAX: the X-CSRFToken header ------------------------------------------------------


@pytest.mark.task(2)
def test_like_refuses_a_post_without_the_token(csrf_client, recipe):
    from feedback.models import Like

    response = csrf_client.post(LIKE)
    assert is_csrf_failure(response) and not Like.objects.exists(), (
        f"POST {LIKE} without a CSRF token answered {response.status_code} and "
        f"{'liked' if Like.objects.exists() else 'did not like'} the recipe; expected 403: "
        "the view skips the CSRF check, so any site could make a logged-in visitor like it "
        "(a cross-site form posting there)"
    )


@pytest.mark.task(2)
def test_like_accepts_the_token_in_the_x_csrftoken_header(csrf_client, recipe):
    from feedback.models import Like

    csrf_client.get(PAGE)
    cookie = csrf_client.cookies.get(settings.CSRF_COOKIE_NAME)
    assert cookie is not None and cookie.value, (
        f"GET {PAGE} set no {settings.CSRF_COOKIE_NAME} cookie for the JavaScript to read; "
        "expected the page to give the browser a CSRF token"
    )
    response = csrf_client.post(LIKE, headers={"X-CSRFToken": cookie.value})
    try:
        liked = response.json().get("liked")
    except (ValueError, AttributeError):
        liked = None
    assert response.status_code == 200 and liked is True, (
        f"POST {LIKE} with the X-CSRFToken header answered {response.status_code} "
        f'({response.content[:200]!r}); expected 200 and {{"liked": true}}'
    )
    assert Like.objects.filter(recipe=recipe).count() == 1, (
        f"POST {LIKE} with the X-CSRFToken header answered 200, but the recipe has "
        f"{Like.objects.filter(recipe=recipe).count()} likes; expected 1"
    )
    response = csrf_client.post(LIKE)
    assert is_csrf_failure(response), (
        f"POST {LIKE} without the header answered {response.status_code}; expected 403"
    )


def script_code(page):
    """The JavaScript of the page's <script> elements, without its comments."""
    code = "\n".join(
        "".join(part for part in script.children if isinstance(part, str))
        for script in page.find_all("script")
    )
    code = re.sub(r"/\*.*?\*/", " ", code, flags=re.DOTALL)
    return re.sub(r"(?<![:\\])//[^\n]*", " ", code)


@pytest.mark.task(2)
def test_page_script_sends_the_token_in_the_x_csrftoken_header(csrf_client, recipe):
    response = csrf_client.get(PAGE)
    assert response.status_code == 200, f"GET {PAGE} answered {response.status_code}; expected 200"
    code = script_code(parse(response))
    assert "fetch(" in code or "XMLHttpRequest" in code, (
        "the page's <script> no longer posts the like; expected it to keep calling the like view"
    )
    assert re.search(r"x-csrftoken", code, flags=re.IGNORECASE), (
        f"the like button's fetch() on {PAGE} sends no X-CSRFToken header; expected the token "
        "in that header: with the view protected again, every click gets 403"
    )


# 3. The webhook: exempt from CSRF, signed instead ------------------------------------


def sign(body, timestamp, secret=None):
    secret = settings.MODERATION_WEBHOOK_SECRET if secret is None else secret
    message = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def event(comment):
    # Odd spacing on purpose: the signature covers the raw bytes, not re-encoded JSON.
    return b'{"comment": %d,   "action":"hide"}' % comment.pk


def call_webhook(body, timestamp, signature):
    """POST to the webhook as the moderation service does: no cookie, no CSRF token."""
    headers = {}
    if timestamp is not None:
        headers["X-Moderation-Timestamp"] = str(timestamp)
    if signature is not None:
        headers["X-Moderation-Signature"] = signature
    try:
        return Client(enforce_csrf_checks=True).post(
            WEBHOOK, body, content_type="application/json", headers=headers
        )
    except Exception as error:
        pytest.fail(
            f"a webhook call with the headers {headers} raised {type(error).__name__}: {error}; "
            "expected a 4xx answer for a malformed call, never a 500"
        )


def hidden(comment):
    comment.refresh_from_db()
    return comment.is_hidden


def assert_signed_call_hides(comment, timestamp):
    body = event(comment)
    response = call_webhook(body, timestamp, sign(body, timestamp))
    if is_csrf_failure(response):
        pytest.fail(
            "a correctly signed webhook call got 403 from the CSRF check; expected it "
            "accepted: the moderation service has no CSRF cookie or token, its signature is "
            "its proof of origin, yet the view is still under the CSRF check"
        )
    if 200 <= response.status_code < 300 and hidden(comment):
        return
    status, was_hidden = response.status_code, hidden(comment)
    pytest.fail(
        f"a correctly signed call (timestamp {int(time.time()) - timestamp} s old) answered "
        f"{status} and {'hid' if was_hidden else 'did not hide'} the comment; expected 2xx and "
        f"the comment hidden{signed_what(body, timestamp)}"
    )


def signed_what(body, timestamp):
    """What the webhook checks the signature against, when it refuses the right one: a
    few wrong messages are signed and tried, the first one accepted is named."""
    key = settings.MODERATION_WEBHOOK_SECRET.encode()
    wrong = {
        "the body without the timestamp": (
            "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()
        ),
        "re-encoded JSON, not the raw body as sent": sign(
            json.dumps(json.loads(body)).encode(), timestamp
        ),
        "the hex digest alone, without the 'sha256=' prefix": sign(body, timestamp).removeprefix(
            "sha256="
        ),
    }
    for what, signature in wrong.items():
        if 200 <= call_webhook(body, timestamp, signature).status_code < 300:
            return f": the webhook checks the signature of {what}"
    return ": the signature checked is not the HMAC of '<timestamp>.' and the raw body"


def assert_refused(comment, case, response, problem=""):
    assert response.status_code in (400, 401, 403) and not hidden(comment), (
        f"a webhook call with {case} answered {response.status_code} and "
        f"{'hid' if hidden(comment) else 'did not hide'} the comment; expected 400, 401 or 403 "
        f"and no change{problem}"
    )


@pytest.fixture
def comments(recipe, cook):
    return baker.make("feedback.Comment", recipe=recipe, author=cook, body="Spam", _quantity=2)


@pytest.mark.task(3)
def test_webhook_hides_the_comment_of_a_signed_call(comments):
    assert_signed_call_hides(comments[0], int(time.time()) - 60)


@pytest.mark.task(3)
def test_webhook_refuses_a_bad_or_missing_signature(comments):
    assert_signed_call_hides(comments[0], int(time.time()))
    target = comments[1]
    body, now = event(target), int(time.time())
    good = sign(body, now)
    cases = {
        "no signature header": None,
        "an empty signature": "",
        "a signature made with another secret": sign(body, now, secret="not-the-secret"),
        "the signature of another body": sign(body.replace(b"hide", b"show"), now),
        "a truncated signature": good[:-2],
        "the right signature with characters added": good + "00",
        "a signature that is not hex": "sha256=" + "z" * 64,
    }
    for case, signature in cases.items():
        problem = ""
        if case in ("a truncated signature", "the right signature with characters added"):
            problem = ": the signature is only partly compared with the expected one"
        assert_refused(target, case, call_webhook(body, now, signature), problem)


@pytest.fixture
def constant_time_calls(monkeypatch):
    """The arguments of every call to Python's constant-time comparisons during a test."""
    import secrets

    from django.utils import crypto

    import feedback.webhooks as webhooks

    calls = []
    compare_digest, constant_time_compare = hmac.compare_digest, crypto.constant_time_compare

    def digest_spy(a, b):
        calls.append((a, b))
        return compare_digest(a, b)

    def django_spy(a, b):
        calls.append((a, b))
        return constant_time_compare(a, b)

    monkeypatch.setattr(hmac, "compare_digest", digest_spy)
    monkeypatch.setattr(secrets, "compare_digest", digest_spy)
    for name, value in list(vars(webhooks).items()):
        if value is compare_digest:
            monkeypatch.setattr(webhooks, name, digest_spy)
        elif value is constant_time_compare:
            monkeypatch.setattr(webhooks, name, django_spy)
    return calls


@pytest.mark.task(3)
def test_webhook_compares_the_signature_in_constant_time(comments, constant_time_calls):
    target = comments[0]
    body, now = event(target), int(time.time())
    forged = sign(body, now, secret="not-the-secret")
    assert_refused(target, "a signature made with another secret", call_webhook(body, now, forged))
    digest = forged.removeprefix("sha256=")

    def carries_forged(value):
        if isinstance(value, (bytes, bytearray)):
            value = bytes(value)
            return digest in value.decode("latin-1") or value.hex() == digest
        return isinstance(value, str) and digest in value

    assert any(carries_forged(a) or carries_forged(b) for a, b in constant_time_calls), (
        "the webhook refused a forged signature, but compared it with the expected one in a "
        "way that stops at the first differing character (like ==): how long a refusal takes "
        "tells an attacker how much of a guess was right, a timing leak; expected a "
        "constant-time comparison of the signatures"
    )


@pytest.mark.task(3)
def test_webhook_refuses_stale_and_replayed_timestamps(comments):
    assert_signed_call_hides(comments[0], int(time.time()))
    target = comments[1]
    body, now = event(target), int(time.time())
    tolerance = settings.MODERATION_WEBHOOK_TOLERANCE
    old, ahead = now - 2 * tolerance, now + 2 * tolerance
    cases = {
        f"a timestamp {2 * tolerance} s old (a captured call, replayed)": (old, sign(body, old)),
        f"a timestamp {2 * tolerance} s in the future": (ahead, sign(body, ahead)),
        "an old call's signature under a fresh timestamp": (now, sign(body, old)),
        "no timestamp header": (None, sign(body, "")),
        "a timestamp that is not a number": ("yesterday", sign(body, "yesterday")),
    }
    problems = {
        "an old call's signature under a fresh timestamp": (
            ": the timestamp is not part of what the signature covers, so a captured "
            "signature works again under any new timestamp"
        ),
        f"a timestamp {2 * tolerance} s in the future": (
            ": only timestamps in the past are checked against the tolerance"
        ),
    }
    for case, (timestamp, signature) in cases.items():
        response = call_webhook(body, timestamp, signature)
        assert_refused(target, case, response, problems.get(case, ""))
