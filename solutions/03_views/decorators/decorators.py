"""Challenge 5, View decorators: require_api_key."""

import functools
import hmac

from django.conf import settings
from django.http import JsonResponse


def require_api_key(view_func):
    """Let a request through only with an X-API-Key header holding one of the keys of
    settings.EVENTS_API_KEYS: without the header 401 Unauthorized, with a wrong key
    403 Forbidden, both with a JSON body {"detail": "..."}."""

    # wraps() copies __name__, __qualname__, __doc__, __module__ and __dict__ (so the
    # csrf_exempt flag of an inner decorator survives) and sets __wrapped__: URL
    # reversing by dotted path, debug pages, logs and introspection see the real view.
    @functools.wraps(view_func)
    def wrapper(request, *args, **kwargs):
        key = request.headers.get("X-API-Key", "")
        if not key:
            # 401: "who are you?" (no credentials); 403: "I know, and no".
            response = JsonResponse({"detail": "API key required."}, status=401)
            response["WWW-Authenticate"] = 'ApiKey header="X-API-Key"'
            return response
        # Read at request time (override_settings, a reloaded config), and compared in
        # constant time so the response time doesn't leak how much of a key was right.
        if not any(hmac.compare_digest(key.encode(), k.encode()) for k in settings.EVENTS_API_KEYS):
            return JsonResponse({"detail": "Invalid API key."}, status=403)
        return view_func(request, *args, **kwargs)

    return wrapper
