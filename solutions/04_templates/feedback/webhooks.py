"""The moderation service's webhook: it tells the site to hide a comment.

    POST /feedback/hooks/moderation/
    X-Moderation-Timestamp: 1767225600                 (Unix time, seconds)
    X-Moderation-Signature: sha256=<64 hex digits>
    {"comment": 42, "action": "hide"}

The signature is HMAC-SHA256, keyed with settings.MODERATION_WEBHOOK_SECRET, of
the timestamp, a dot, and the raw request body, exactly as sent:
b"1767225600." + body. A timestamp more than settings.MODERATION_WEBHOOK_TOLERANCE
seconds away from now (in the past or the future) is refused, so a captured
request cannot be replayed later.

Answer 2xx when the comment is hidden; refuse anything else with a 4xx and
change nothing.
"""

import hashlib
import hmac
import json
import time

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from feedback.models import Comment


def expected_signature(timestamp: str, body: bytes) -> str:
    # The timestamp is inside the signed message: an attacker can't pair an old
    # (captured) signature with a fresh timestamp.
    message = timestamp.encode() + b"." + body
    key = settings.MODERATION_WEBHOOK_SECRET.encode()
    return "sha256=" + hmac.new(key, message, hashlib.sha256).hexdigest()


# Exempt: a server-to-server call has no CSRF cookie, and CSRF protects browsers'
# ambient credentials (cookies), which this view doesn't use. The signature replaces it.
@csrf_exempt
@require_POST
def moderation_webhook(request):
    timestamp = request.headers.get("X-Moderation-Timestamp", "")
    signature = request.headers.get("X-Moderation-Signature", "")
    # Verify over request.body, the raw bytes: parsing and re-encoding the JSON would
    # change the bytes that were signed.
    # compare_digest takes the same time wherever the strings differ; == stops at the
    # first wrong character, and that timing lets an attacker guess it byte by byte.
    if not hmac.compare_digest(
        signature.encode(), expected_signature(timestamp, request.body).encode()
    ):
        return HttpResponseForbidden("bad or missing signature")
    # Checked after the signature, so the timestamp is the one the service signed.
    try:
        age = time.time() - int(timestamp)
    except ValueError:
        return HttpResponseBadRequest("bad timestamp")
    if abs(age) > settings.MODERATION_WEBHOOK_TOLERANCE:
        return HttpResponseBadRequest("stale timestamp: replayed or clock skew")

    try:
        event = json.loads(request.body)
        comment_id = int(event["comment"])
    except (ValueError, KeyError, TypeError):
        return HttpResponseBadRequest('expected JSON like {"comment": 42, "action": "hide"}')
    if event.get("action") != "hide":
        return HttpResponseBadRequest("unknown action")
    hidden = Comment.objects.filter(pk=comment_id).update(is_hidden=True)
    return HttpResponse(status=204 if hidden else 404)
