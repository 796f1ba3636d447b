from django.db import models


class Tag(models.Model):
    """A #hashtag. The relation lives here, not on Note: notes work without this app."""

    name = models.SlugField(max_length=50, unique=True)
    notes = models.ManyToManyField("notes.Note", related_name="tags", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"#{self.name}"
