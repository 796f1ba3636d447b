from django.urls import path

from shop import views

app_name = "shop"

urlpatterns = [
    path("books/<slug:slug>/", views.book_detail, name="book_detail"),
]
