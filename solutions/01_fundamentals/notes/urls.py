from django.urls import path

from notes import views

app_name = "notes"

urlpatterns = [
    # Named, so other pages link with {% url "notes:list" %} and the prefix can change.
    path("", views.note_list, name="list"),
]
