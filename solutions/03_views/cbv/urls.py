from django.urls import path

from cbv import views

app_name = "cbv"

urlpatterns = [
    path("events/upcoming/", views.EventListView.as_view(), name="upcoming"),
    # as_view(upcoming=False) sets the attribute on each instance the view creates: one
    # class, two configurations. as_view() refuses a keyword the class doesn't define.
    path("events/past/", views.EventListView.as_view(upcoming=False), name="past"),
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="detail"),
    path("events/<int:pk>/rsvp/", views.RSVPView.as_view(), name="rsvp"),
    path("api/events/<int:pk>/rsvps/", views.RSVPApiView.as_view(), name="rsvp-api"),
]
