"""Project-wide middleware. Both classes are listed in settings.MIDDLEWARE."""

import re
import uuid

from django.conf import settings
from django.http import HttpResponse

# Strict on purpose: the id is echoed into a response header and written to logs,
# so it must not carry spaces, newlines, or anything a log parser would trip on.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9-]{1,64}")


class RequestIDMiddleware:
    """Tag every request and response with an id, to follow one request through the logs.

    A valid incoming X-Request-ID (1 to 64 characters, each a letter, digit or "-")
    is kept, so an id set by a proxy or a calling service carries through; any other
    value is replaced with a new one. The id is set as request.request_id and sent
    back in the X-Request-ID response header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # fullmatch: the whole value must be valid. match() accepts "abc\nSet-Cookie: x"
        # (a valid start), and a "$" anchor still lets a final newline through.
        incoming = request.headers.get("X-Request-ID", "")
        if VALID_REQUEST_ID.fullmatch(incoming):
            request.request_id = incoming
        else:
            request.request_id = str(uuid.uuid4())
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response


class MaintenanceModeMiddleware:
    """While settings.MAINTENANCE_MODE is True, answer 503 with a Retry-After header.

    The admin (/admin/...) and the health check (/health/) stay reachable, so staff
    can work and the load balancer doesn't take the site out of rotation.
    """

    # Whole path segments: "/admin/" exempts the admin, not "/admin-tools/".
    EXEMPT_PREFIXES = ("/admin/", "/health/")
    RETRY_AFTER_SECONDS = 300

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Read per request, not once in __init__: override_settings and the settings
        # fixture then apply to a middleware chain that is already built.
        if settings.MAINTENANCE_MODE and not request.path.startswith(self.EXEMPT_PREFIXES):
            # 503 + Retry-After tells browsers, crawlers and clients "temporary, come back
            # later"; search engines don't drop pages that answer it.
            response = HttpResponse(
                "Down for maintenance, back soon.", status=503, content_type="text/plain"
            )
            response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
            return response
        return self.get_response(request)
