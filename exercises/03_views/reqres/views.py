"""Challenge 4, Request and response: what a view reads from the request (query string,
headers, body, cookies) and the responses it can build (JSON, streamed, files)."""

import csv
import io
import json

from django.http import FileResponse, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_http_methods

from events.models import Event
from events.serializers import event_json

CSV_HEADER = ["title", "date", "capacity"]
THEME_COOKIE = "theme"
THEMES = {"auto", "light", "dark", "high-contrast"}
DEFAULT_THEME = "auto"


def event_search(request):
    """GET /api/events/?slug=a&slug=b: {"events": [...]}, the events with any of those slugs
    (all events without ?slug=), and their number in the X-Total-Count header."""
    # TODO: [reqres] a query string can repeat a key: use every ?slug= value, not only
    # the last one; and send the number of events in the X-Total-Count header.
    events = Event.objects.all()
    slug = request.GET.get("slug")
    if slug:
        events = events.filter(slug=slug)
    return JsonResponse({"events": [event_json(event) for event in events]})


def event_resource(request, pk):
    """/api/events/<pk>/: GET the event as JSON; PATCH {"capacity": 80} changes it."""
    event = get_object_or_404(Event, pk=pk)
    # TODO: [reqres] PATCH: a Content-Type other than application/json is a 415; a body
    # that is not JSON, or not a JSON object, a 400 {"detail": "..."}; a capacity that is
    # not a whole number >= 1, a 400 {"errors": {"capacity": [...]}}. Otherwise save it
    # and answer the event. Other methods than GET and PATCH: 405.
    return JsonResponse(event_json(event))


def preferences(request):
    """/api/prefs/: POST theme=dark (a form field) remembers the visitor's colour theme in
    a cookie; GET answers {"theme": ...}, "auto" when there is none."""
    if request.method == "POST":
        theme = request.POST.get("theme", "")
        if theme not in THEMES:
            return JsonResponse({"errors": {"theme": ["Unknown theme."]}}, status=400)
        response = JsonResponse({"theme": theme})
        # TODO: [reqres] sign the cookie, so that a value the visitor edits is refused.
        response.set_cookie(THEME_COOKIE, theme)
        return response
    # TODO: [reqres] read the signed cookie: a tampered or unsigned one counts as none.
    return JsonResponse({"theme": request.COOKIES.get(THEME_COOKIE, DEFAULT_THEME)})


def export_csv(request):
    """GET /api/events/export.csv: every event as CSV, header row title,date,capacity,
    downloaded as events.csv."""
    # TODO: [reqres] stream it: a StreamingHttpResponse whose rows are produced while the
    # response is sent (the query runs then, not in the view); real CSV quoting (a title
    # may hold a comma or a quote); Content-Disposition: attachment; filename="events.csv".
    lines = [",".join(CSV_HEADER)]
    for event in Event.objects.all():
        lines.append(f"{event.title},{event.date.isoformat()},{event.capacity}")
    return HttpResponse("\r\n".join(lines) + "\r\n", content_type="text/csv")


def calendar(request, pk):
    """GET /api/events/<pk>/calendar.ics: the event as an iCalendar file to download."""
    event = get_object_or_404(Event, pk=pk)
    ics = "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//events//EN",
            "BEGIN:VEVENT",
            f"UID:{event.uuid}@events",
            f"DTSTART;VALUE=DATE:{event.date:%Y%m%d}",
            f"SUMMARY:{event.title}",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )
    # TODO: [reqres] a FileResponse (from io.BytesIO) that downloads as <slug>.ics: the
    # Content-Type text/calendar and Content-Disposition: attachment; filename="<slug>.ics".
    return HttpResponse(ics, content_type="text/plain")
