"""The project's URLs: each app brings its own URLconf, included under a prefix."""

from django.apps import apps
from django.contrib import admin
from django.urls import include, path

from config import views
from config.health import health

urlpatterns = [
    # TODO: [tour] route the site root "" to views.home, named "home".
    path("notes/", include("notes.urls")),
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
]

# tags is a pluggable app: take it out of INSTALLED_APPS and its pages go with it,
# while the rest of the site keeps working (notes doesn't depend on tags).
if apps.is_installed("tags"):
    urlpatterns.append(path("tags/", include("tags.urls")))
