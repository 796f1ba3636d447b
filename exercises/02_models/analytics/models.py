"""Page views of the shop, kept in a database of their own ("analytics").

Nothing here changes for challenge 7: config/routers.py decides where these
rows go.
"""

from django.db import models
from django.utils import timezone


class PageView(models.Model):
    path = models.CharField(max_length=200)
    # The id of a catalog.Book, not a ForeignKey: the book lives in another
    # database, and no database enforces a foreign key into another one.
    book_id = models.PositiveBigIntegerField(null=True, blank=True)
    viewed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.path} at {self.viewed_at:%Y-%m-%d %H:%M}"
