from django.apps import AppConfig


class PanelConfig(AppConfig):
    name = "panel"
    label = "panel"

    def ready(self):
        from panel import signals  # noqa: F401
