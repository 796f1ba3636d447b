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
    # get_object_or_404 turns DoesNotExist into Http404, which Django answers with a 404;
    # filter()[0] would raise IndexError (a 500) and .get() DoesNotExist (also a 500).
    event = get_object_or_404(Event, pk=pk)
    return render(request, "events/event_detail.html", {"event": event, "form": RSVPForm()})


# A state change is a POST: require_POST answers any other method 405 with "Allow: POST",
# so a crawler or a prefetching browser following a link can't reserve a seat.
@require_POST
def rsvp(request, pk):
    """POST /fbv/events/<pk>/rsvp/: reserve a seat with the form of the event's page."""
    event = get_object_or_404(Event, pk=pk)
    form = RSVPForm(request.POST)
    if not form.is_valid():
        # 400, not 200: the client sent data the server refuses; the page shows why.
        context = {"event": event, "form": form}
        return render(request, "events/event_detail.html", context, status=400)
    form.instance.event = event
    form.save()
    # Post/Redirect/Get: a reload of the next page is a GET, not a second RSVP.
    return redirect("fbv:detail", pk=event.pk)


# The endpoint's own list of methods: anything else gets 405 and "Allow: GET, POST".
@require_http_methods(["GET", "POST"])
def rsvp_api(request, pk):
    """/fbv/api/events/<pk>/rsvps/: GET lists the event's RSVPs, POST adds one from JSON."""
    event = get_object_or_404(Event, pk=pk)
    if request.method == "GET":
        return JsonResponse({"rsvps": [rsvp_json(r) for r in event.rsvps.all()]})
    try:
        data = json.loads(request.body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return JsonResponse({"errors": {"__all__": ["The body is not valid JSON."]}}, status=400)
    if not isinstance(data, dict):
        return JsonResponse({"errors": {"__all__": ["Send a JSON object."]}}, status=400)
    # The form validates the fields (required, email syntax, max length) and ignores
    # unknown keys: never pass client data to create(**data).
    form = RSVPForm(data)
    if not form.is_valid():
        return JsonResponse({"errors": form_errors(form)}, status=400)
    form.instance.event = event
    # 201 Created: the POST made a new resource, and the body is that resource.
    return JsonResponse(rsvp_json(form.save()), status=201)
