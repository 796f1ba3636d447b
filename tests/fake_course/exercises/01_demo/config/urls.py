from django.urls import include, path

from hello import views

urlpatterns = [
    path("hello/", views.hello),
    path("panel/", include("panel.urls")),
]
