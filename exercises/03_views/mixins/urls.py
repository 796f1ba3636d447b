from django.urls import path

from mixins import views

app_name = "mixins"

urlpatterns = [
    path("api/events/", views.EventListJSONView.as_view(), name="events"),
    path("api/events/<slug:slug>/", views.EventJSONView.as_view(), name="event"),
    path("events/<slug:slug>/edit/", views.EventUpdateView.as_view(), name="update"),
    path("events/<slug:slug>/delete/", views.EventDeleteView.as_view(), name="delete"),
]
