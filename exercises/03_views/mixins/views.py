"""Challenge 7, Mixins: an owner-only edit and delete, and JSON views of events."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse_lazy
from django.views.generic import DeleteView, DetailView, ListView, UpdateView

from events.forms import EventForm
from events.models import Event
from events.serializers import event_json
from mixins.mixins import JSONResponseMixin, OwnerRequiredMixin


# TODO: [mixins] the order of the bases is the order their dispatch() runs: as written,
# an anonymous visitor would get the 403 meant for strangers instead of the login page.
class EventUpdateView(OwnerRequiredMixin, LoginRequiredMixin, UpdateView):
    """/mixins/events/<slug>/edit/: only the owner may edit an event."""

    model = Event
    form_class = EventForm
    success_url = reverse_lazy("mixins:events")


# TODO: [mixins] the same protection as EventUpdateView: sign in, then owner only.
class EventDeleteView(DeleteView):
    """/mixins/events/<slug>/delete/: only the owner may delete an event."""

    model = Event
    success_url = reverse_lazy("mixins:events")


# TODO: [mixins] answer JSON through JSONResponseMixin: {"event": {...}} (event_json).
class EventJSONView(DetailView):
    """GET /mixins/api/events/<slug>/: {"event": {...}}; an unknown slug is a 404."""

    model = Event


# TODO: [mixins] answer JSON through JSONResponseMixin: {"events": [{...}, ...]}.
class EventListJSONView(ListView):
    """GET /mixins/api/events/: {"events": [...]}, every event."""

    model = Event
