"""Challenge 4, Versioning and content negotiation: mounted under /api/ by config/urls.py."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from versions import views

router = SimpleRouter()
router.register("tasks", views.TaskViewSet, basename="versions-task")

urlpatterns = [
    # TODO: [versioning] serve the same routes for every version, with the version in
    # the path as the URL keyword argument "version": /api/v1/tasks/, /api/v2/tasks/
    # (task 1).
    path("v1/", include(router.urls)),
]
