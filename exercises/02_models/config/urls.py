"""The bookstore's URLs: only the shop has pages."""

from django.urls import include, path

urlpatterns = [
    path("shop/", include("shop.urls")),
]
