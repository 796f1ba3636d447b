from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from gallery.forms import RecipeImageForm
from recipes.models import Recipe


@login_required
def recipe_image(request, slug):
    """GET: the recipe's picture and an upload form. POST: replace the picture, then
    back to this page. Only the recipe's author may change it."""
    recipe = get_object_or_404(Recipe, slug=slug, author=request.user)
    if request.method == "POST":
        # A multipart POST's files are in request.FILES; request.POST has the other fields.
        form = RecipeImageForm(request.POST, request.FILES, instance=recipe)
        if form.is_valid():
            form.save()  # the storage writes MEDIA_ROOT/<upload_to>/<a free name>
            return redirect("gallery:image", slug=recipe.slug)
    else:
        form = RecipeImageForm(instance=recipe)
    return render(request, "gallery/recipe_image.html", {"recipe": recipe, "form": form})
