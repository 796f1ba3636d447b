"""Challenge 2, Fields and relationships: the publishing side of the bookstore.

The written spec (README, section 2) as models. The app has no migrations on
purpose: the specs build its tables straight from these models (locally,
`python manage.py migrate --run-syncdb` creates its tables).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

BARGAIN_PRICE = 10  # a bargain costs less than this


class Timestamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # Abstract: the two columns are copied into each subclass's own table. A
        # concrete base would be a table of its own, joined on every query.
        abstract = True


class Publisher(Timestamped):
    name = models.CharField(max_length=200, unique=True)

    def __str__(self):
        return self.name


class Contributor(Timestamped):
    name = models.CharField(max_length=200)

    def __str__(self):
        return self.name


class Book(Timestamped):
    class Cover(models.TextChoices):
        HARDCOVER = "HC", "Hardcover"
        PAPERBACK = "PB", "Paperback"

    title = models.CharField(max_length=200)
    # Text: blank=True only. The empty value of a string is "", and null=True would
    # give it two (None and ""), so every query would have to check both.
    subtitle = models.CharField(max_length=200, blank=True)
    # The exception to that rule: an optional *unique* string. "" is a value, so two
    # books without an ISBN would collide; NULLs never do. (A ModelForm saves an
    # empty input as None for a null=True CharField.)
    isbn = models.CharField(max_length=13, unique=True, null=True, blank=True)
    # A date has no "empty" value: null=True for the database, blank=True for forms.
    published_on = models.DateField(null=True, blank=True)
    # PROTECT: deleting a publisher that still has books raises ProtectedError
    # instead of silently deleting the catalogue with it (CASCADE).
    publisher = models.ForeignKey(Publisher, on_delete=models.PROTECT, related_name="books")
    # choices: full_clean() and forms accept only these; the database stores the code.
    cover = models.CharField(max_length=2, choices=Cover.choices, default=Cover.PAPERBACK)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    # through=: the link table is a model of ours, so each link carries a role.
    contributors = models.ManyToManyField(Contributor, through="Contribution", related_name="books")

    def __str__(self):
        return self.title


class Contribution(models.Model):
    class Role(models.TextChoices):
        AUTHOR = "author", "Author"
        EDITOR = "editor", "Editor"
        TRANSLATOR = "translator", "Translator"
        ILLUSTRATOR = "illustrator", "Illustrator"

    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="contributions")
    contributor = models.ForeignKey(
        Contributor, on_delete=models.CASCADE, related_name="contributions"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.AUTHOR)

    class Meta:
        # The same person may write and illustrate a book, but holds each role once.
        # UniqueConstraint is the modern form of unique_together (and can be partial).
        constraints = [
            models.UniqueConstraint(
                fields=["book", "contributor", "role"], name="library_contribution_unique_role"
            )
        ]


class BookDetail(models.Model):
    # OneToOneField: a ForeignKey with a unique constraint, and book.detail is one
    # object (not a manager). CASCADE: a detail means nothing without its book.
    book = models.OneToOneField(Book, on_delete=models.CASCADE, related_name="detail")
    page_count = models.PositiveIntegerField()
    synopsis = models.TextField(blank=True)


class Review(Timestamped):
    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="reviews")
    # Validators run in full_clean() and forms, with the error on the field; save(),
    # create(), update() and bulk_create() skip them. The CheckConstraint is the
    # database's own guarantee, whatever writes the row.
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="library_review_rating_1_to_5"
            )
        ]


class EBook(Book):
    # Multi-table inheritance: library_ebook holds these columns and a book_ptr
    # one-to-one to library_book; an EBook is also a Book (Book.objects lists it),
    # at the price of a JOIN on every EBook query.
    file_size_kb = models.PositiveIntegerField()
    drm_free = models.BooleanField(default=True)


class BargainManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(price__lt=BARGAIN_PRICE).order_by("price", "title")


class BargainBook(Book):
    # A proxy: the same table and rows as Book, with its own manager (and room for
    # its own methods); no migration adds a table for it.
    objects = BargainManager()

    class Meta:
        proxy = True
