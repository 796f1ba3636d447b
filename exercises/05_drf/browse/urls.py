"""Challenge 5, Browsable API: mounted under /browse/ by config/urls.py."""

from rest_framework.routers import SimpleRouter

from browse import views

router = SimpleRouter()
router.register("tasks", views.TaskViewSet, basename="browse-task")

urlpatterns = router.urls
