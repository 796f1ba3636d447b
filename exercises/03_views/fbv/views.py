"""Challenge 1, Function-based views: one event's page, its RSVP form and a JSON endpoint."""

import json

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from events.forms import RSVPForm
from events.models import Event
from events.serializers import form_errors, rsvp_json


def event_detail(request, pk):
    """GET /fbv/events/<pk>/: the event's page, with the RSVP form."""
    # TODO: [fbv] an unknown pk must answer 404 Not Found: filter()[0] raises IndexError,
    # which is a 500 Server Error in production.
    event = Event.objects.filter(pk=pk)[0]
    return render(request, "events/event_detail.html", {"event": event, "form": RSVPForm()})


def rsvp(request, pk):
    """POST /fbv/events/<pk>/rsvp/: reserve a seat with the form of the event's page."""
    # TODO: [fbv] accept POST only (anything else: 405, and nothing saved); validate the
    # POSTed form; when valid save the RSVP and redirect to the event's page, otherwise
    # answer 400 with the page and the form's errors. An unknown pk is a 404.
    event = Event.objects.filter(pk=pk)[0]
    form = RSVPForm(request.GET)
    if form.is_valid():
        form.instance.event = event
        form.save()
    return render(request, "events/event_detail.html", {"event": event, "form": form})


def rsvp_api(request, pk):
    """/fbv/api/events/<pk>/rsvps/: GET lists the event's RSVPs, POST adds one from JSON."""
    event = Event.objects.filter(pk=pk)[0]
    if request.method == "POST":
        # TODO: [fbv] answer 201 with the new RSVP; a body that isn't a JSON object, or
        # fields RSVPForm rejects, answer 400 {"errors": {field: [messages]}} and save nothing.
        data = json.loads(request.body)
        created = event.rsvps.create(**data)
        return JsonResponse(rsvp_json(created))
    # TODO: [fbv] methods other than GET and POST answer 405 with an Allow header.
    return JsonResponse({"rsvps": [rsvp_json(r) for r in event.rsvps.all()]})
