from django.urls import path
from django.views.generic import TemplateView

from layout import views

app_name = "layout"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", TemplateView.as_view(template_name="layout/about.html"), name="about"),
]
