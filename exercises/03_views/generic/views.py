"""Challenge 6, Generic CBVs: the events' list, detail and edit pages.

The templates are ready in events/templates/events/: a generic view of the Event model
finds events/event_list.html, events/event_detail.html, events/event_form.html and
events/event_confirm_delete.html by its own conventions.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse, reverse_lazy
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

from events.forms import EventForm
from events.models import Event


class EventListView(ListView):
    """GET /generic/events/?q=jazz&page=2: ten events a page, searched by title."""

    model = Event
    # TODO: [generic] ten events a page (a page that doesn't exist is a 404); ?q=
    # keeps the events whose title contains it, in any case; and the template needs the
    # search term in its context as "q" ("" without one) to fill the search box.


class EventDetailView(DetailView):
    """GET /generic/events/<slug>/."""

    model = Event


class EventCreateView(LoginRequiredMixin, CreateView):
    """/generic/events/new/: a signed-in user creates an event, which is theirs."""

    model = Event
    # TODO: [generic] edit the fields of events.forms.EventForm; the new event's owner is
    # the signed-in user; on success go to the list, /generic/events/.


class EventUpdateView(LoginRequiredMixin, UpdateView):
    """/generic/events/<slug>/edit/ (any signed-in user: ownership is challenge 7)."""

    model = Event
    form_class = EventForm
    # TODO: [generic] on success go to the event's page, at its new slug if it changed.


class EventDeleteView(LoginRequiredMixin, DeleteView):
    """/generic/events/<slug>/delete/: GET asks to confirm, POST deletes."""

    model = Event
    # TODO: [generic] after the delete go to the list, /generic/events/.
