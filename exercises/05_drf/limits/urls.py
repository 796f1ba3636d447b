"""Challenge 3, Throttling and pagination: mounted under /limits/ by config/urls.py."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from limits import views

router = SimpleRouter()
router.register("tasks", views.TaskViewSet, basename="limits-task")

urlpatterns = [
    path("feed/", views.FeedView.as_view(), name="limits-feed"),
    *router.urls,
]
