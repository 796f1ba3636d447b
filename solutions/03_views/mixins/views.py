"""Challenge 7, Mixins: an owner-only edit and delete, and JSON views of events."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse_lazy
from django.views.generic import DeleteView, DetailView, ListView, UpdateView

from events.forms import EventForm
from events.models import Event
from events.serializers import event_json
from mixins.mixins import JSONResponseMixin, OwnerRequiredMixin


# Bases read left to right, and so do their dispatch() methods: LoginRequiredMixin first
# (anonymous -> login page, with ?next=), then OwnerRequiredMixin (stranger -> 403), then
# UpdateView does the work. The view itself, rightmost, is the base of everything.
class EventUpdateView(LoginRequiredMixin, OwnerRequiredMixin, UpdateView):
    """/mixins/events/<slug>/edit/: only the owner may edit an event."""

    model = Event
    form_class = EventForm
    success_url = reverse_lazy("mixins:events")


class EventDeleteView(LoginRequiredMixin, OwnerRequiredMixin, DeleteView):
    """/mixins/events/<slug>/delete/: only the owner may delete an event."""

    model = Event
    success_url = reverse_lazy("mixins:events")


class EventJSONView(JSONResponseMixin, DetailView):
    """GET /mixins/api/events/<slug>/: {"event": {...}}; an unknown slug is a 404."""

    model = Event

    def get_data(self, context):
        return {"event": event_json(context["object"])}


class EventListJSONView(JSONResponseMixin, ListView):
    """GET /mixins/api/events/: {"events": [...]}, every event."""

    model = Event

    def get_data(self, context):
        # A dict at the top, not a bare list: JsonResponse refuses a list unless safe=False,
        # and a dict leaves room for "count" or "next" later.
        return {"events": [event_json(event) for event in context["object_list"]]}
