from django.urls import path

from tags import views

# The app names its own namespace, so the project includes it with a plain
# include("tags.urls") and every link is {% url "tags:index" %}, whatever the prefix.
app_name = "tags"

urlpatterns = [
    path("", views.tag_index, name="index"),
]
