"""The events' own URLs, included under /events/ by config/urls.py."""

from django.urls import path, re_path, register_converter
from django.views.generic import RedirectView

from routing import converters, views

register_converter(converters.DateConverter, "date")

# The application namespace: reverse("events:by-id", ...) and {% url "events:by-id" %}
# keep working wherever config/urls.py includes this file, and never collide with
# another app's "by-id".
app_name = "events"

urlpatterns = [
    # The first match wins: the narrow patterns (digits only, the uuid shape) before the
    # broad one (a slug matches "5" and a uuid too).
    path("<int:pk>/", views.by_id, name="by-id"),
    path("<uuid:uuid>/", views.by_uuid, name="by-uuid"),
    path("<slug:slug>/", views.by_slug, name="by-slug"),
    path("on/<date:day>/", views.on_day, name="on-day"),
    # 301 Moved Permanently (permanent=True): browsers and search engines update their
    # links. RedirectView's default is a 302, "look there this time only".
    re_path(
        r"^(?P<pk>[0-9]+)\.html$",
        RedirectView.as_view(pattern_name="events:by-id", permanent=True),
        name="legacy",
    ),
]
