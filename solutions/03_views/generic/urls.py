from django.urls import path

from generic import views

app_name = "generic"

urlpatterns = [
    path("events/", views.EventListView.as_view(), name="list"),
    # Before <slug:slug>/: "new" is a valid slug, and the first pattern that matches wins.
    path("events/new/", views.EventCreateView.as_view(), name="create"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
    path("events/<slug:slug>/edit/", views.EventUpdateView.as_view(), name="update"),
    path("events/<slug:slug>/delete/", views.EventDeleteView.as_view(), name="delete"),
]
