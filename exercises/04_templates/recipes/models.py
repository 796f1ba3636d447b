"""The core of the site, shared by every challenge: recipes and their ingredients."""

from django.conf import settings
from django.db import models


class Recipe(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recipes"
    )
    description = models.TextField(blank=True)
    # A FileField, not an ImageField: ImageField needs Pillow, and checks only that
    # Pillow can open the file. Challenge 6 checks the bytes itself (gallery/validators.py).
    image = models.FileField(upload_to="recipes/%Y/%m/", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


class Ingredient(models.Model):
    recipe = models.ForeignKey(Recipe, on_delete=models.CASCADE, related_name="ingredients")
    name = models.CharField(max_length=100)
    quantity = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.quantity} {self.name}".strip()
