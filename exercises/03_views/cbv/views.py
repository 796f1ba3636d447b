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
        # TODO: [cbv] upcoming: the events from today on, soonest first; past (upcoming
        # is False): the events before today, most recent first.
        events = Event.objects.all()
        return JsonResponse({"events": [event_json(event) for event in events]})


class EventDetailView(View):
    """GET /cbv/events/<pk>/: the event's page, with the RSVP form (404 for an unknown pk)."""

    # TODO: [cbv] answer GET with the page: the template events/event_detail.html, with
    # the event as "event" and an empty RSVPForm as "form".


class RSVPView(View):
    """POST /cbv/events/<pk>/rsvp/: reserve a seat; any other method is a 405."""

    # TODO: [cbv] a valid POST saves the RSVP and redirects to the event's page; an
    # invalid one answers 400 with the page and the form's errors; an unknown pk, 404.


class RSVPApiView(View):
    """/cbv/api/events/<pk>/rsvps/: GET lists the RSVPs, POST adds one from a JSON body.

    Every answer is JSON, errors included: an unknown pk is a 404 {"detail": "..."}.
    """

    # TODO: [cbv] get() and post() as in challenge 1 (201, 400 {"errors": ...}), and a
    # dispatch() that turns the Http404 they raise into a JSON 404 {"detail": "Not found."}.
