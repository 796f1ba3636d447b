from django.urls import path

from fbv import views

app_name = "fbv"

urlpatterns = [
    path("events/<int:pk>/", views.event_detail, name="detail"),
    path("events/<int:pk>/rsvp/", views.rsvp, name="rsvp"),
    path("api/events/<int:pk>/rsvps/", views.rsvp_api, name="rsvp-api"),
]
