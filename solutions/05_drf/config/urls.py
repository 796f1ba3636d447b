"""The project's URLs: each challenge mounts its own API under its own prefix, so a
broken challenge takes only its own URLs down."""

from django.urls import include, path

urlpatterns = [
    path("crud/", include("crud.urls")),  # 1. Serializers and viewsets
    path("access/", include("access.urls")),  # 2. Authentication and permissions
    path("limits/", include("limits.urls")),  # 3. Throttling and pagination
    path("api/", include("versions.urls")),  # 4. Versioning and content negotiation
    path("browse/", include("browse.urls")),  # 5. Browsable API
    # DRF's login/logout views: the browsable API shows a "Log in" link when the
    # "rest_framework:login" URL exists (a session, so a browser can try the API).
    path("api-auth/", include("rest_framework.urls")),
    path("custom/", include("custom.urls")),  # 6. Customizing the API
    path("apidocs/", include("apidocs.urls")),  # 7. API documentation
]
