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
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from feedback.models import Comment


# TODO: [csrf] the moderation service has no CSRF cookie or token: this view needs another
# proof of origin. Exempt it from CSRF and verify the signature and the timestamp
# first (hmac.compare_digest, not ==). 403 for a bad or missing signature, 400 for a
# stale timestamp.
@require_POST
def moderation_webhook(request):
    try:
        event = json.loads(request.body)
        comment_id = int(event["comment"])
    except (ValueError, KeyError, TypeError):
        return HttpResponseBadRequest('expected JSON like {"comment": 42, "action": "hide"}')
    if event.get("action") != "hide":
        return HttpResponseBadRequest("unknown action")
    hidden = Comment.objects.filter(pk=comment_id).update(is_hidden=True)
    return HttpResponse(status=204 if hidden else 404)
