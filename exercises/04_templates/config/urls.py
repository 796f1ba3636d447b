"""The project's URLs: each challenge's app brings its own URLconf."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("layout.urls")),  # 2. home and about
    path("recipes/", include("browse.urls")),  # 1. the recipe list
    path("editor/", include("editor.urls")),  # 4. create and edit recipes
    path("feedback/", include("feedback.urls")),  # 5. comments, likes, the webhook
    path("gallery/", include("gallery.urls")),  # 6. recipe images
    path("kitchen/", include("kitchen.urls")),  # 7. the cook's dashboard
    path("admin/", admin.site.urls),
]

# runserver serves uploads in development (static() returns [] when DEBUG is off);
# in production the web server serves MEDIA_ROOT itself. static() refuses an empty
# prefix, hence the `if` while MEDIA_URL is unset.
if settings.MEDIA_URL:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
