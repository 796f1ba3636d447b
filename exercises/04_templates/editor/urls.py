from django.urls import path

from editor import views

app_name = "editor"

urlpatterns = [
    path("new/", views.recipe_create, name="create"),
    path("<slug:slug>/", views.recipe_edit, name="edit"),
]
