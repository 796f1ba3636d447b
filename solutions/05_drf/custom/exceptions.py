"""Challenge 6, Customizing the API: one error envelope for every error of /custom/."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import exception_handler


def api_exception_handler(exc, context):
    """Turn an exception raised in a /custom/ view into the API's error response.

    custom.views.TaskViewSet already routes its errors here (get_exception_handler).
    Return None for an exception that is not an API error: Django then answers 500.
    """
    # Django's own Http404 and PermissionDenied (get_object_or_404, a view raising them)
    # have no default_code: translate them first, as DRF's handler does internally.
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    # DRF's handler builds the response AND its headers (WWW-Authenticate on a 401,
    # Retry-After on a 429) and rolls back the atomic request: reuse it, reshape the body.
    response = exception_handler(exc, context)
    if response is None:
        return None  # a bug, not an API error: a 500 that gets logged, not a tidy 4xx

    if isinstance(exc, exceptions.ValidationError):
        message = str(exceptions.ValidationError.default_detail)
        details = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
    else:
        message = str(exc.detail)
        details = {}
    response.data = {
        "error": {
            "status": response.status_code,
            "code": exc.default_code,
            "message": message,
            "details": details,
        }
    }
    return response
