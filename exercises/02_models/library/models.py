"""Challenge 2, Fields and relationships: the publishing side of the bookstore.

Turn the written spec (README, section 2) into models: each numbered task has
a `TODO: [fields] N.` below. The app has no migrations on purpose: the specs
build its tables straight from these models, so reshape them freely (locally,
`python manage.py migrate --run-syncdb` creates its tables).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

BARGAIN_PRICE = 10  # a bargain costs less than this


# TODO: [fields] 6. Timestamped must give each model that inherits it these two
# columns, in the model's own table. As a plain Python class it gives none:
# Django only collects the fields of models.
class Timestamped:
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)


class Publisher(Timestamped, models.Model):
    name = models.CharField(max_length=200, unique=True)

    def __str__(self):
        return self.name


class Contributor(Timestamped, models.Model):
    name = models.CharField(max_length=200)

    def __str__(self):
        return self.name


class Book(Timestamped, models.Model):
    title = models.CharField(max_length=200)
    # TODO: [fields] 5. subtitle, isbn and published_on are optional: decide null
    # and blank for each. A missing ISBN must not collide with another missing ISBN.
    subtitle = models.CharField(max_length=200, null=True)
    isbn = models.CharField(max_length=13, unique=True)
    published_on = models.DateField()
    # TODO: [fields] 1. A publisher with books can't be deleted, and
    # publisher.books lists its books.
    publisher = models.ForeignKey(Publisher, on_delete=models.CASCADE)
    # TODO: [fields] 4. cover is "HC" (Hardcover) or "PB" (Paperback), nothing else.
    cover = models.CharField(max_length=2, default="PB")
    price = models.DecimalField(max_digits=8, decimal_places=2)
    # TODO: [fields] 2. contributors: a many-to-many to Contributor that goes
    # through Contribution (contributor.books lists a contributor's books).

    def __str__(self):
        return self.title


class Contribution(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="contributions")
    contributor = models.ForeignKey(
        Contributor, on_delete=models.CASCADE, related_name="contributions"
    )
    # TODO: [fields] 2. role: author, editor, translator or illustrator; one
    # contributor holds a role on a book once (a UniqueConstraint).


# TODO: [fields] 3. BookDetail: one detail per book (book.detail), with a
# page_count (a positive whole number) and a synopsis that may be left empty;
# deleting the book deletes its detail.


class Review(Timestamped, models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="reviews")
    # TODO: [fields] 4. A rating is 1 to 5: validators for forms and full_clean(),
    # and a CheckConstraint so the database refuses anything else too.
    rating = models.PositiveSmallIntegerField()
    text = models.TextField(blank=True)


# TODO: [fields] 7. EBook: a Book with a file_size_kb (positive whole number) and
# a drm_free flag (True by default), its extra columns in a table of its own.


# TODO: [fields] 8. BargainBook: the same rows as Book (no table of its own),
# whose manager `objects` lists only the books under BARGAIN_PRICE, cheapest first.
