"""Challenge 2, Authentication and permissions: mounted under /access/ by config/urls.py."""

from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import SimpleRouter

from access import views

router = SimpleRouter()
router.register("tasks", views.TaskViewSet, basename="access-task")

urlpatterns = [
    # DRF's view: POST username + password, get (or create) the user's one token.
    path("token/", obtain_auth_token, name="access-token"),
    *router.urls,
]
