from django.urls import path

from gallery import views

app_name = "gallery"

urlpatterns = [
    path("<slug:slug>/image/", views.recipe_image, name="image"),
]
