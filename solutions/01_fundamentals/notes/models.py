from django.db import models


class Note(models.Model):
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    is_archived = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Newest first for every query that doesn't order_by() itself: the list page,
        # the admin, the shell. The index below serves this order.
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["-created_at"], name="note_created_desc_idx")]

    def __str__(self):
        return self.title
