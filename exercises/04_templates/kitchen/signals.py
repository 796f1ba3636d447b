"""Signal receivers of the kitchen, connected when the app is ready (kitchen/apps.py).

Declare them with @receiver(post_save, sender=Recipe) and friends: importing this
module connects them, once.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from recipes.models import Ingredient, Recipe

# TODO: [caching] if you invalidate the dashboard's cached fragment with signals,
# this is the place (another way needs none: a cache key that changes with the data).
