"""Challenge 5, Model methods and properties: the books the shop sells.

The behaviour that belongs with the data lives on the model ("fat models"):
the views, the admin, forms and scripts all get it for free.
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
    # Methods on a QuerySet (not on a Manager) return QuerySets, so they chain in
    # any order and combine with filter(), order_by() and slicing.
    def published(self):
        return self.filter(status=Book.Status.PUBLISHED, published_at__lte=timezone.now())

    def cheap(self, limit=CHEAP_PRICE):
        # The same rule as current_price, in SQL: the sale price if any, else the price.
        return self.filter(Q(sale_price__lt=limit) | Q(sale_price__isnull=True, price__lt=limit))


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

    # as_manager() builds a Manager whose methods are the QuerySet's: one place to
    # define published() and cheap(), available on Book.objects and on every QuerySet.
    objects = BookQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        # What the admin, the shell and error messages show: readable, no query.
        return f"{self.title} by {self.author}"

    def get_absolute_url(self):
        # reverse() by the route's name: the URL pattern can change in one place.
        return reverse("shop:book_detail", kwargs={"slug": self.slug})

    @property
    def current_price(self):
        # A property: derived from other fields, read like one, never stored twice.
        return self.sale_price if self.sale_price is not None else self.price

    def clean(self):
        # Cross-field rules go in clean(): full_clean() and ModelForms call it, and a
        # dict puts the message next to the field. save() does NOT call it.
        super().clean()
        if self.sale_price is not None and self.price is not None and self.sale_price >= self.price:
            raise ValidationError({"sale_price": "The sale price must be below the price."})

    def save(self, *args, **kwargs):
        # Only when there is no slug yet: a published URL must not change when the
        # title is edited.
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def _unique_slug(self):
        base = slugify(self.title)[:200] or "book"
        taken = set(
            Book.objects.filter(slug__startswith=base)
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        # Two saves at the same moment could still pick the same slug: unique=True
        # makes the database refuse the second (IntegrityError) rather than store it.
        return slug
