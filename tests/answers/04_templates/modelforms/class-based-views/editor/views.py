"""Create and edit a recipe and its ingredients: CreateView and UpdateView, the formset
wired into get_context_data() and form_valid()."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.urls import reverse
from django.views.generic import CreateView, UpdateView

from editor.forms import IngredientFormSet, RecipeForm
from recipes.models import Recipe


class RecipeFormsetMixin(LoginRequiredMixin):
    model = Recipe
    form_class = RecipeForm
    template_name = "editor/recipe_form.html"

    def get_formset(self):
        instance = self.object or Recipe()
        if self.request.method == "POST":
            return IngredientFormSet(self.request.POST, instance=instance)
        return IngredientFormSet(instance=instance)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.get_formset())
        kwargs["recipe"] = self.object
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object() if "slug" in kwargs else None
        form = self.get_form()
        formset = self.get_formset()
        form_ok = form.is_valid()
        formset_ok = formset.is_valid()
        if not (form_ok and formset_ok):
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        with transaction.atomic():
            recipe = form.save(commit=False)
            recipe.author = request.user
            recipe.save()
            formset.instance = recipe
            formset.save()
        self.object = recipe
        return self.form_valid_redirect()

    def form_valid_redirect(self):
        from django.http import HttpResponseRedirect

        return HttpResponseRedirect(reverse("editor:edit", kwargs={"slug": self.object.slug}))


class RecipeCreateView(RecipeFormsetMixin, CreateView):
    pass


class RecipeUpdateView(RecipeFormsetMixin, UpdateView):
    def get_queryset(self):
        return Recipe.objects.filter(author=self.request.user)
