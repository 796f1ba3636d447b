"""Challenge 5, Model methods and properties: the books the shop sells.

The fields are done (and migrated). The behaviour that belongs with the data is
not: each gap is a `TODO: [methods] N.`, numbered as the tasks in the README.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

CHEAP_PRICE = Decimal("10.00")  # cheap means a current price below this


class BookQuerySet(models.QuerySet):
    # TODO: [methods] 6. published(): status "published" and a published_at that is
    # not in the future. cheap(): a current price (the sale price when there is
    # one, else the price) below CHEAP_PRICE. Each returns a QuerySet, so they chain.
    pass


class Book(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    author = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True, blank=True)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    sale_price = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)

    # TODO: [methods] 6. make BookQuerySet the manager, so that
    # Book.objects.published().cheap() works.
    objects = models.Manager()

    class Meta:
        ordering = ["title"]

    # TODO: [methods] 1. "Dune by Frank Herbert"
    def __str__(self):
        return super().__str__()

    def get_absolute_url(self):
        # TODO: [methods] 2. the URL of the book's page, shop:book_detail, by slug.
        return "/"

    # TODO: [methods] 3. current_price, read as an attribute (book.current_price):
    # the sale price when there is one, else the price.

    def clean(self):
        # TODO: [methods] 4. a sale price must be below the price; report it on
        # the sale_price field.
        super().clean()

    def save(self, *args, **kwargs):
        # TODO: [methods] 5. a book saved without a slug gets one from its title,
        # unique among all books ("dune", then "dune-2", "dune-3" ...); a slug,
        # once set, never changes.
        super().save(*args, **kwargs)
