from django.urls import path

from browse import views

app_name = "browse"

urlpatterns = [
    path("", views.recipe_list, name="list"),
]
