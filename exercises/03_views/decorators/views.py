"""Challenge 5, View decorators: the views to protect, cache and restrict."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_POST

from decorators.decorators import require_api_key
from events.models import RSVP, Event
from events.serializers import event_json


@require_api_key
def event_feed(request):
    """GET /deco/api/events/: every event, for partners holding an API key."""
    return JsonResponse({"events": [event_json(event) for event in Event.objects.all()]})


# TODO: [decorators] protect this class-based view with require_api_key too: a function
# decorator can't go on a method as it is (the method's first argument is self, not the
# request).
class StatsView(View):
    """GET /deco/api/stats/: how many events and RSVPs there are."""

    def get(self, request):
        return JsonResponse({"events": Event.objects.count(), "rsvps": RSVP.objects.count()})


# TODO: [decorators] closing an event changes it: signed-in users only (others go to the
# login page), and POST only (405 otherwise).
def close_event(request, pk):
    """POST /deco/events/<pk>/close/: no more seats (capacity 0)."""
    event = get_object_or_404(Event, pk=pk)
    event.capacity = 0
    event.save(update_fields=["capacity"])
    return JsonResponse(event_json(event))


# TODO: [decorators] cache this page for 60 seconds: its query is the expensive part.
def summary(request):
    """GET /deco/events/summary/: the number of events, and when that was computed."""
    return JsonResponse(
        {"events": Event.objects.count(), "generated_at": timezone.now().isoformat()}
    )
