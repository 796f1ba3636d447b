"""The events' own URLs, included under /events/ by config/urls.py."""

from django.urls import path, re_path, register_converter
from django.views.generic import RedirectView

from routing import converters, views

register_converter(converters.DateConverter, "date")

# TODO: [routing] give this URLconf the application namespace "events", so that
# reverse("events:by-id", kwargs={"pk": 5}) is "/events/5/".

urlpatterns = [
    # TODO: [routing] Django tries the patterns in order and the first match wins: as
    # listed, /events/5/ and /events/<a uuid>/ both reach by_slug (a number and a uuid are
    # valid slugs too). Order them so each reaches its own view.
    path("<slug:slug>/", views.by_slug, name="by-slug"),
    path("<int:pk>/", views.by_id, name="by-id"),
    path("<uuid:uuid>/", views.by_uuid, name="by-uuid"),
    path("on/<date:day>/", views.on_day, name="on-day"),
    # TODO: [routing] the old site's /events/5.html: a re_path, named "legacy", that
    # redirects permanently (301) to the event's new URL, /events/5/.
]
