"""The views the URL patterns of challenge 3 lead to (finished: the task is routing/urls.py
and routing/converters.py). Each answers JSON saying which route matched."""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from events.models import Event
from events.serializers import event_json


def found(event, matched_by):
    return JsonResponse({"matched_by": matched_by, "event": event_json(event)})


def by_id(request, pk):
    return found(get_object_or_404(Event, pk=pk), "id")


def by_slug(request, slug):
    return found(get_object_or_404(Event, slug=slug), "slug")


def by_uuid(request, uuid):
    return found(get_object_or_404(Event, uuid=uuid), "uuid")


def on_day(request, day):
    """The events of one day: `day` is the datetime.date the converter made of the URL."""
    events = Event.objects.filter(date=day)
    return JsonResponse(
        {
            "date": day.isoformat(),
            "weekday": day.strftime("%A"),
            "events": [event_json(event) for event in events],
        }
    )
