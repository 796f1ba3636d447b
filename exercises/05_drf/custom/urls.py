"""Challenge 6, Customizing the API: mounted under /custom/ by config/urls.py."""

from rest_framework.routers import SimpleRouter

from custom import views

router = SimpleRouter()
router.register("tasks", views.TaskViewSet, basename="custom-task")

urlpatterns = router.urls
