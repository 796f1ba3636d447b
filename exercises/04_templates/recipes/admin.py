from django.contrib import admin

from recipes.models import Ingredient, Recipe


class IngredientInline(admin.TabularInline):
    model = Ingredient
    extra = 1


@admin.register(Recipe)
class RecipeAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "updated_at"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title"]
    inlines = [IngredientInline]
