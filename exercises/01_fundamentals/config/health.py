"""A liveness probe for load balancers and uptime checks."""

from django.http import HttpResponse


def health(request):
    """Answer "ok" without touching the database, so a slow database can't fail the probe."""
    return HttpResponse("ok", content_type="text/plain")
