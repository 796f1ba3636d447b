"""Challenge 4, Request and response: what a view reads from the request (query string,
headers, body, cookies) and the responses it can build (JSON, streamed, files)."""

import csv
import io
import json

from django.http import FileResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_http_methods

from events.models import Event
from events.serializers import event_json

CSV_HEADER = ["title", "date", "capacity"]
THEME_COOKIE = "theme"
THEMES = {"auto", "light", "dark", "high-contrast"}
DEFAULT_THEME = "auto"
# A salt per purpose: a value signed for another cookie or feature can't be replayed here.
THEME_SALT = "prefs.theme"


def event_search(request):
    """GET /api/events/?slug=a&slug=b: {"events": [...]}, the events with any of those slugs
    (all events without ?slug=), and their number in the X-Total-Count header."""
    events = Event.objects.all()
    # request.GET is a QueryDict: ["slug"] and .get() return the LAST value of a repeated
    # key; getlist() returns them all.
    slugs = request.GET.getlist("slug")
    if slugs:
        events = events.filter(slug__in=slugs)
    data = [event_json(event) for event in events]
    response = JsonResponse({"events": data})
    # Response headers are set like dict items; the value is always a string.
    response["X-Total-Count"] = str(len(data))
    return response


@require_http_methods(["GET", "PATCH"])
def event_resource(request, pk):
    """/api/events/<pk>/: GET the event as JSON; PATCH {"capacity": 80} changes it."""
    event = get_object_or_404(Event, pk=pk)
    if request.method == "PATCH":
        # request.content_type is the media type without its parameters, so
        # "application/json; charset=utf-8" counts as JSON too.
        if request.content_type != "application/json":
            return JsonResponse({"detail": "Send application/json."}, status=415)
        # request.POST is only parsed for form-encoded POSTs: a JSON body, or any PATCH,
        # is read from request.body.
        try:
            data = json.loads(request.body)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            return JsonResponse({"detail": f"Malformed JSON: {error}"}, status=400)
        if not isinstance(data, dict):
            return JsonResponse({"detail": "Send a JSON object."}, status=400)
        capacity = data.get("capacity")
        # bool is an int subclass: true is not a capacity.
        if type(capacity) is not int or capacity < 1:
            errors = {"capacity": ["Send a whole number of seats, at least 1."]}
            return JsonResponse({"errors": errors}, status=400)
        event.capacity = capacity
        event.save(update_fields=["capacity"])
    return JsonResponse(event_json(event))


def preferences(request):
    """/api/prefs/: POST theme=dark (a form field) remembers the visitor's colour theme in
    a cookie; GET answers {"theme": ...}, "auto" when there is none."""
    if request.method == "POST":
        theme = request.POST.get("theme", "")
        if theme not in THEMES:
            return JsonResponse({"errors": {"theme": ["Unknown theme."]}}, status=400)
        response = JsonResponse({"theme": theme})
        # The value stays readable ("dark:<signature>"): signing proves it came from us
        # unchanged, it does not hide it. HttpOnly: no script needs to read it.
        response.set_signed_cookie(
            THEME_COOKIE, theme, salt=THEME_SALT, httponly=True, samesite="Lax"
        )
        return response
    # With a default, a missing cookie, a bad signature (an edited value) or an unsigned
    # one all give the default instead of raising BadSignature.
    theme = request.get_signed_cookie(THEME_COOKIE, default=None, salt=THEME_SALT)
    # Checked again: the signature proves the value is ours, not that it is still valid.
    return JsonResponse({"theme": theme if theme in THEMES else DEFAULT_THEME})


class Echo:
    """A file-like object whose write() returns what it was given: csv.writer formats a
    row (quoting included) and hands the line back instead of storing it."""

    def write(self, value):
        return value


def csv_rows():
    writer = csv.writer(Echo())
    yield writer.writerow(CSV_HEADER)
    # iterator(): the rows come from the database cursor in chunks, not all at once into
    # the queryset's cache. The query itself runs when the first row is sent.
    for event in Event.objects.order_by("date", "title").iterator(chunk_size=500):
        yield writer.writerow([event.title, event.date.isoformat(), event.capacity])


def export_csv(request):
    """GET /api/events/export.csv: every event as CSV, header row title,date,capacity,
    downloaded as events.csv."""
    # A generator: the response is sent row by row while it is consumed, memory stays flat
    # whatever the number of events. No Content-Length (the size isn't known in advance).
    response = StreamingHttpResponse(csv_rows(), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="events.csv"'
    return response


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
    # FileResponse streams any file-like object. as_attachment + filename build the
    # Content-Disposition (quoting and non-ASCII names included) and the Content-Type is
    # guessed from the filename's extension: .ics is text/calendar.
    return FileResponse(
        io.BytesIO(ics.encode()), as_attachment=True, filename=f"{event.slug}.ics"
    )
