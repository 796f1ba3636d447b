"""Challenge 6, Customizing the API: one error envelope for every error of /custom/."""

from rest_framework.views import exception_handler


def api_exception_handler(exc, context):
    """Turn an exception raised in a /custom/ view into the API's error response.

    custom.views.TaskViewSet already routes its errors here (get_exception_handler).
    Return None for an exception that is not an API error: Django then answers 500.
    """
    # TODO: [customizing] every error answers the same envelope (task 1):
    #   {"error": {"status": 404, "code": "not_found", "message": "Not found.", "details": {}}}
    # "code" is the DRF exception's default_code (invalid, not_authenticated,
    # authentication_failed, permission_denied, not_found, method_not_allowed, throttled);
    # "details" holds the field errors of a validation error and is {} otherwise. Keep the
    # headers DRF puts on the response (WWW-Authenticate, Retry-After, Allow).
    return exception_handler(exc, context)
