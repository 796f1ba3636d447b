from django.apps import AppConfig


class TagsConfig(AppConfig):
    name = "tags"
    # TODO: set the app's label explicitly to "tags" and its verbose_name (the admin's
    # heading for the app) to "Note tags".

    def ready(self):
        # TODO: connect tags.signals.tag_note_from_hashtags to post_save of notes.Note.
        # ready() may run more than once: make sure the receiver is connected once.
        pass
