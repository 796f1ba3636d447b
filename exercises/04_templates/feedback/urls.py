from django.urls import path

from feedback import views, webhooks

app_name = "feedback"

urlpatterns = [
    path("hooks/moderation/", webhooks.moderation_webhook, name="moderation_webhook"),
    path("<slug:slug>/", views.recipe_detail, name="recipe"),
    path("<slug:slug>/like/", views.toggle_like, name="like"),
]
