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


# method_decorator turns a function decorator into a method decorator (it hands the
# wrapped function the request, not self). On "dispatch", it guards every HTTP method,
# those added later included.
@method_decorator(require_api_key, name="dispatch")
class StatsView(View):
    """GET /deco/api/stats/: how many events and RSVPs there are."""

    def get(self, request):
        return JsonResponse({"events": Event.objects.count(), "rsvps": RSVP.objects.count()})


# Decorators apply bottom-up and run top-down: login_required runs first, so an anonymous
# visitor is sent to the login page (with ?next=) whatever the method; then require_POST.
@login_required
@require_POST
def close_event(request, pk):
    """POST /deco/events/<pk>/close/: no more seats (capacity 0)."""
    event = get_object_or_404(Event, pk=pk)
    event.capacity = 0
    event.save(update_fields=["capacity"])
    return JsonResponse(event_json(event))


# cache_page stores the whole response in the default cache, keyed by the URL (and the
# headers the response Varies on), and sets Cache-Control: max-age=60 and Expires.
# Never on a page that differs per user unless it varies on the cookie.
@cache_page(60)
def summary(request):
    """GET /deco/events/summary/: the number of events, and when that was computed."""
    return JsonResponse(
        {"events": Event.objects.count(), "generated_at": timezone.now().isoformat()}
    )
