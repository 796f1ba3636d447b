"""Challenge 7, API documentation: mounted under /apidocs/ by config/urls.py."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from apidocs import views

router = SimpleRouter()
router.register("tasks", views.TaskViewSet, basename="apidocs-task")

# The schema documents this API only, at its real paths (the other challenges' APIs are
# exercises of their own, whatever state they are in).
documented = [path("apidocs/", include(router.urls))]

urlpatterns = [
    # GET /apidocs/schema/: the OpenAPI 3 schema, YAML by default, JSON with ?format=json.
    path("schema/", SpectacularAPIView.as_view(patterns=documented), name="apidocs-schema"),
    # TODO: [apidocs] GET /apidocs/ is the Swagger UI page that renders that schema
    # (task 2).
    *router.urls,
]
