from django.urls import path

from notes import views

app_name = "notes"

urlpatterns = [
    # TODO: route "" (that is /notes/, where config/urls.py includes this file) to
    # views.note_list, named "list".
]
