from django.urls import path

from decorators import views

app_name = "decorators"

urlpatterns = [
    path("api/events/", views.event_feed, name="feed"),
    path("api/stats/", views.StatsView.as_view(), name="stats"),
    path("events/<int:pk>/close/", views.close_event, name="close"),
    path("events/summary/", views.summary, name="summary"),
]
