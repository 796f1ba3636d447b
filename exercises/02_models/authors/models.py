"""Challenge 3, Migrations and schema evolution: the author directory.

The catalogue's Author (catalog.Author) is a name as printed on a cover; the
directory keeps the people behind it. It used to store one `full_name`; this
release splits it into `first_name` and `last_name`, and
migrations/0002_split_full_name.py is the migration that does it.
"""

from django.db import models


class Author(models.Model):
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)

    # TODO: [migrations] 3. List authors by last name, then first name, by default,
    # with an index on (last_name, first_name) to serve that order; record both in a
    # new migration: python manage.py makemigrations authors --name author_name_index

    def __str__(self):
        return f"{self.first_name} {self.last_name}".strip()
