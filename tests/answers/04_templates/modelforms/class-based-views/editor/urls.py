from django.urls import path

from editor import views

app_name = "editor"

urlpatterns = [
    path("new/", views.RecipeCreateView.as_view(), name="create"),
    path("<slug:slug>/", views.RecipeUpdateView.as_view(), name="edit"),
]
