from django.apps import AppConfig
from django.db.models.signals import post_save


class TagsConfig(AppConfig):
    name = "tags"
    # The label names the app in migrations, table names and "app_label.Model"
    # references; stating it keeps those stable if the package is ever moved or renamed.
    label = "tags"
    verbose_name = "Note tags"

    def ready(self):
        # Imported here, not at module level: models can't be imported before the app
        # registry is ready. dispatch_uid makes connect() a no-op when ready() runs again.
        from tags import signals

        post_save.connect(
            signals.tag_note_from_hashtags,
            sender="notes.Note",
            dispatch_uid="tags.tag_note_from_hashtags",
        )
