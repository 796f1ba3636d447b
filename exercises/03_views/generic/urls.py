from django.urls import path

from generic import views

app_name = "generic"

urlpatterns = [
    path("events/", views.EventListView.as_view(), name="list"),
    # TODO: [generic] the event pages are addressed by slug: /generic/events/<slug>/,
    # <slug>/edit/ and <slug>/delete/, and the form for a new event is at events/new/.
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="detail"),
    path("events/<int:pk>/edit/", views.EventUpdateView.as_view(), name="update"),
    path("events/<int:pk>/delete/", views.EventDeleteView.as_view(), name="delete"),
]
