"""Signal receivers of the kitchen, connected when the app is ready (kitchen/apps.py).

Declare them with @receiver(post_save, sender=Recipe) and friends: importing this
module connects them, once.
"""

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from recipes.models import Ingredient, Recipe

# The name and vary-on of the {% cache %} tag in kitchen/templates/kitchen/dashboard.html:
# {% cache 600 kitchen_recipes request.user.pk %}. Change both together.
FRAGMENT = "kitchen_recipes"


def forget_dashboard(author_id):
    cache.delete(make_template_fragment_key(FRAGMENT, [author_id]))


# Deleting the cook's fragment when one of their recipes changes: the next render builds
# it again, and no request pays for a version lookup. Only that cook's copy goes.
# Signals miss queryset.update() and bulk_create(): code using those must forget the
# fragment itself (a version key in the cache tag would have the same blind spot).
@receiver([post_save, post_delete], sender=Recipe)
def recipe_changed(sender, instance, **kwargs):
    forget_dashboard(instance.author_id)


@receiver([post_save, post_delete], sender=Ingredient)
def ingredient_changed(sender, instance, **kwargs):
    # The dashboard lists ingredients too. instance.recipe is usually loaded already
    # (a formset sets it); otherwise it costs one query on a write, never on a read.
    forget_dashboard(instance.recipe.author_id)
