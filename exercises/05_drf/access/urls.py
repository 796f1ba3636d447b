"""Challenge 2, Authentication and permissions: mounted under /access/ by config/urls.py."""

from rest_framework.routers import SimpleRouter

from access import views

router = SimpleRouter()
router.register("tasks", views.TaskViewSet, basename="access-task")

urlpatterns = [
    # TODO: [auth] POST /access/token/ with a username and password answers
    # {"token": "<key>"}: DRF ships that view (task 2).
    *router.urls,
]
