"""Challenge 2, Class-based views: the endpoints of challenge 1, as View subclasses.

View.dispatch() calls the method named after the request's HTTP method (get, post, ...)
and answers 405 Method Not Allowed, with an Allow header, when the class has none.
"""

import json

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from events.forms import RSVPForm
from events.models import Event
from events.serializers import event_json, form_errors, rsvp_json


class EventListView(View):
    """GET /cbv/events/upcoming/ and /cbv/events/past/: {"events": [...]} as JSON."""

    upcoming = True

    def get(self, request):
        # self.upcoming is the class default or the as_view(upcoming=...) of the URLconf.
        # localdate(): "today" in the site's time zone, not the server's UTC date.
        today = timezone.localdate()
        if self.upcoming:
            events = Event.objects.filter(date__gte=today).order_by("date", "title")
        else:
            events = Event.objects.filter(date__lt=today).order_by("-date", "title")
        return JsonResponse({"events": [event_json(event) for event in events]})


class EventDetailView(View):
    """GET /cbv/events/<pk>/: the event's page, with the RSVP form (404 for an unknown pk)."""

    # Only get(): View answers POST, PUT, ... with 405 by itself.
    def get(self, request, pk):
        event = get_object_or_404(Event, pk=pk)
        return render(request, "events/event_detail.html", {"event": event, "form": RSVPForm()})


class RSVPView(View):
    """POST /cbv/events/<pk>/rsvp/: reserve a seat; any other method is a 405."""

    # No get(): a GET can't change state, View answers it 405 with "Allow: POST, OPTIONS".
    def post(self, request, pk):
        event = get_object_or_404(Event, pk=pk)
        form = RSVPForm(request.POST)
        if not form.is_valid():
            context = {"event": event, "form": form}
            return render(request, "events/event_detail.html", context, status=400)
        form.instance.event = event
        form.save()
        return redirect("cbv:detail", pk=event.pk)


class RSVPApiView(View):
    """/cbv/api/events/<pk>/rsvps/: GET lists the RSVPs, POST adds one from a JSON body.

    Every answer is JSON, errors included: an unknown pk is a 404 {"detail": "..."}.
    """

    def dispatch(self, request, *args, **kwargs):
        # dispatch() wraps every method handler: the one place to translate exceptions,
        # as DRF's APIView.handle_exception does. super() still picks get/post or 405.
        try:
            return super().dispatch(request, *args, **kwargs)
        except Http404:
            return JsonResponse({"detail": "Not found."}, status=404)

    def get(self, request, pk):
        event = get_object_or_404(Event, pk=pk)
        return JsonResponse({"rsvps": [rsvp_json(r) for r in event.rsvps.all()]})

    def post(self, request, pk):
        event = get_object_or_404(Event, pk=pk)
        try:
            data = json.loads(request.body)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return JsonResponse({"errors": {"__all__": ["The body is not valid JSON."]}}, status=400)
        if not isinstance(data, dict):
            return JsonResponse({"errors": {"__all__": ["Send a JSON object."]}}, status=400)
        form = RSVPForm(data)
        if not form.is_valid():
            return JsonResponse({"errors": form_errors(form)}, status=400)
        form.instance.event = event
        return JsonResponse(rsvp_json(form.save()), status=201)
