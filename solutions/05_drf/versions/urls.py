"""Challenge 4, Versioning and content negotiation: mounted under /api/ by config/urls.py."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from versions import views

router = SimpleRouter()
router.register("tasks", views.TaskViewSet, basename="versions-task")

urlpatterns = [
    # One set of routes; URLPathVersioning reads the "version" kwarg and checks it
    # against allowed_versions.
    path("<str:version>/", include(router.urls)),
]
