from django.urls import path

from tags import views

# TODO: give this URLconf its namespace (app_name = "tags") and route "" to
# views.tag_index, named "index", so that reverse("tags:index") works.
urlpatterns = []
