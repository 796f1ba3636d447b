"""Project-wide middleware. Both classes are listed in settings.MIDDLEWARE."""


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
        # TODO: choose the id (keep a valid incoming X-Request-ID, else a new uuid4),
        # set request.request_id, and set the X-Request-ID header of the response.
        return self.get_response(request)


class MaintenanceModeMiddleware:
    """While settings.MAINTENANCE_MODE is True, answer 503 with a Retry-After header.

    The admin (/admin/...) and the health check (/health/) stay reachable, so staff
    can work and the load balancer doesn't take the site out of rotation.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # TODO: when settings.MAINTENANCE_MODE is on and the path is not exempt, return
        # a 503 response with a Retry-After header (in seconds) instead of the page.
        return self.get_response(request)
