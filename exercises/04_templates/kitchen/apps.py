from django.apps import AppConfig


class KitchenConfig(AppConfig):
    name = "kitchen"

    def ready(self):
        # Connects the receivers that kitchen/signals.py declares with @receiver, if any.
        from kitchen import signals  # noqa: F401
