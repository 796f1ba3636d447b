from django.urls import path

from reqres import views

app_name = "reqres"

# Included under /api/ by config/urls.py.
urlpatterns = [
    path("events/", views.event_search, name="search"),
    path("events/export.csv", views.export_csv, name="export"),
    path("events/<int:pk>/", views.event_resource, name="event"),
    path("events/<int:pk>/calendar.ics", views.calendar, name="calendar"),
    path("prefs/", views.preferences, name="prefs"),
]
