from django.urls import path

from cbv import views

app_name = "cbv"

urlpatterns = [
    path("events/upcoming/", views.EventListView.as_view(), name="upcoming"),
    # TODO: [cbv] route "events/past/" (named "past") to the same EventListView class,
    # configured for past events with as_view(**initkwargs): no subclass, no second view.
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="detail"),
    path("events/<int:pk>/rsvp/", views.RSVPView.as_view(), name="rsvp"),
    path("api/events/<int:pk>/rsvps/", views.RSVPApiView.as_view(), name="rsvp-api"),
]
