"""Challenge 1, Serializers and viewsets: mounted under /crud/ by config/urls.py."""

from rest_framework.routers import DefaultRouter

from crud import views

router = DefaultRouter()
# The router writes the six routes a ModelViewSet serves; a basename is required because
# the viewset has get_queryset() and no queryset attribute to guess it from.
router.register("tasks", views.TaskViewSet, basename="crud-task")

urlpatterns = router.urls
