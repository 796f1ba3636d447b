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
    # The paginator takes ?page=: a number past the end, 0, or not a number raise Http404
    # ("last" is the last page). The page's events are page_obj.object_list.
    paginate_by = 10

    def get_queryset(self):
        # super() keeps the model's ordering (date, title): a paginated queryset must be
        # ordered, or pages overlap and Django warns (UnorderedObjectListWarning).
        events = super().get_queryset()
        q = self.request.GET.get("q", "").strip()
        if q:
            events = events.filter(title__icontains=q)
        return events

    def get_context_data(self, **kwargs):
        # Extra context: everything the template needs beyond the objects. extra_context
        # (a class attribute) suits constants; per-request values go here.
        context = super().get_context_data(**kwargs)
        context["q"] = self.request.GET.get("q", "").strip()
        return context


class EventDetailView(DetailView):
    """GET /generic/events/<slug>/."""

    # The URL's <slug:slug> is what DetailView looks up by default (slug_url_kwarg "slug",
    # slug_field "slug"); an unknown slug raises Http404.
    model = Event


class EventCreateView(LoginRequiredMixin, CreateView):
    """/generic/events/new/: a signed-in user creates an event, which is theirs."""

    model = Event
    form_class = EventForm
    # reverse_lazy: this line runs when the module is imported, which happens while the
    # URLconf itself is loading; reverse() there would look up URLs that don't exist yet.
    success_url = reverse_lazy("generic:list")

    def form_valid(self, form):
        # The owner comes from the session, never from the form (a user could send any id).
        form.instance.owner = self.request.user
        return super().form_valid(form)


class EventUpdateView(LoginRequiredMixin, UpdateView):
    """/generic/events/<slug>/edit/ (any signed-in user: ownership is challenge 7)."""

    model = Event
    form_class = EventForm

    def get_success_url(self):
        # A method, not success_url: the URL depends on the saved object (its new slug).
        return reverse("generic:detail", kwargs={"slug": self.object.slug})


class EventDeleteView(LoginRequiredMixin, DeleteView):
    """/generic/events/<slug>/delete/: GET asks to confirm, POST deletes."""

    model = Event
    success_url = reverse_lazy("generic:list")
