"""The project's URLs: each challenge's app brings its own URLconf, included under a prefix.

One include per app, so a challenge whose urls.py or views.py is broken loses only its
own pages: the rest of the site (and the other challenges' specs) keep working.
"""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("fbv/", include("fbv.urls")),  # 1. Function-based views
    path("cbv/", include("cbv.urls")),  # 2. Class-based views
    path("events/", include("routing.urls")),  # 3. URL patterns
    path("api/", include("reqres.urls")),  # 4. Request and response
    path("deco/", include("decorators.urls")),  # 5. View decorators
    path("generic/", include("generic.urls")),  # 6. Generic CBVs
    path("mixins/", include("mixins.urls")),  # 7. Mixins
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]

# TODO: [reqres] register the error handlers of reqres/handlers.py: Django reads
# handler404 and handler500 from the root URLconf only (this file), never from an
# included one.
