from django.db import models


class Note(models.Model):
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    is_archived = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # TODO: [mvt] make newest first the default order of every Note query.
        indexes = [models.Index(fields=["-created_at"], name="note_created_desc_idx")]

    def __str__(self):
        return self.title
