"""The project's error pages. config/urls.py registers them as handler404 and handler500.

Under /api/ the clients are programs: they get JSON. Everywhere else, people: HTML.
"""

from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader


def wants_json(request):
    # request.path, not request.path_info: the public URL, script prefix included.
    return request.path.startswith("/api/")


def page_not_found(request, exception):
    """handler404: called with the Http404 (or Resolver404) that nothing else handled."""
    # The same status code for both audiences; only the body's format differs.
    if wants_json(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return render(request, "404.html", {"request_path": request.path}, status=404)


def server_error(request):
    """handler500: called after an unhandled exception. Keep it simple: whatever broke the
    view may be broken here too (no database, no context processors)."""
    # No exception details in the body: the traceback goes to the logs (django.request),
    # never to the client.
    if wants_json(request):
        return JsonResponse({"detail": "Server error."}, status=500)
    return HttpResponseServerError(loader.get_template("500.html").render())
