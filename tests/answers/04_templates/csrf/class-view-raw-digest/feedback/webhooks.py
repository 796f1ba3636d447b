"""The moderation service's webhook, as a class-based view: the raw digests compared
with compare_digest imported by name, the header parsed into its scheme and hex."""

import hashlib
import json
import time
from hmac import compare_digest
from hmac import new as new_hmac

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from feedback.models import Comment


@method_decorator(csrf_exempt, name="dispatch")
class ModerationWebhook(View):
    http_method_names = ["post"]

    def signature_ok(self, request, timestamp):
        scheme, _, hex_digest = request.headers.get("X-Moderation-Signature", "").partition("=")
        try:
            received = bytes.fromhex(hex_digest)
        except ValueError:
            return False
        key = settings.MODERATION_WEBHOOK_SECRET.encode()
        expected = new_hmac(key, f"{timestamp}.".encode() + request.body, hashlib.sha256).digest()
        return scheme == "sha256" and compare_digest(received, expected)

    def post(self, request):
        timestamp = request.headers.get("X-Moderation-Timestamp", "")
        if not self.signature_ok(request, timestamp):
            return HttpResponseForbidden("bad signature")
        if not timestamp.isdigit():
            return HttpResponseBadRequest("bad timestamp")
        if abs(time.time() - int(timestamp)) > settings.MODERATION_WEBHOOK_TOLERANCE:
            return HttpResponseBadRequest("stale timestamp")
        try:
            event = json.loads(request.body)
            comment_id = int(event["comment"])
        except (ValueError, KeyError, TypeError):
            return HttpResponseBadRequest("bad event")
        if event.get("action") != "hide":
            return HttpResponseBadRequest("unknown action")
        hidden = Comment.objects.filter(pk=comment_id).update(is_hidden=True)
        return HttpResponse(status=204 if hidden else 404)


moderation_webhook = ModerationWebhook.as_view()
