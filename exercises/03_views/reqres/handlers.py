"""The project's error pages. config/urls.py registers them as handler404 and handler500.

Under /api/ the clients are programs: they get JSON. Everywhere else, people: HTML.
"""

from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception):
    """handler404: called with the Http404 (or Resolver404) that nothing else handled."""
    # TODO: [reqres] under /api/, answer JSON {"detail": "Not found."} with status 404.
    return render(request, "404.html", {"request_path": request.path}, status=404)


def server_error(request):
    """handler500: called after an unhandled exception. Keep it simple: whatever broke the
    view may be broken here too (no database, no context processors)."""
    # TODO: [reqres] under /api/, answer JSON {"detail": "Server error."} with status 500.
    return HttpResponseServerError(loader.get_template("500.html").render())
