"""Challenge 5, Model methods and properties: shop.Book's methods and its QuerySet."""

import itertools
import sys
import types
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import NoReverseMatch, include, path, reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

_slugs = itertools.count(1)


@pytest.fixture(autouse=True)
def no_routing(settings):
    """Every query of these specs goes to "default", whatever the router of
    challenge 7 (config/routers.py) says: a half-done router can't fail them."""
    settings.DATABASE_ROUTERS = []


def make_book(title="Dune", price="12.00", sale_price=None, **fields):
    """A saved shop.Book. It gets a slug of its own unless the spec passes one
    (slug="" asks save() to make it), so only the slug specs depend on save()."""
    from shop.models import Book

    fields.setdefault("author", "Frank Herbert")
    fields.setdefault("slug", f"book-{next(_slugs)}")
    try:
        with transaction.atomic():
            return Book.objects.create(
                title=title,
                price=Decimal(price),
                sale_price=Decimal(sale_price) if sale_price else None,
                **fields,
            )
    except IntegrityError as error:
        pytest.fail(
            f"saving the book {title!r} raised IntegrityError ({error}): slugs are unique, "
            "and save() must give each book one of its own"
        )


def published(title, price="12.00", sale_price=None, days_ago=1):
    return make_book(
        title,
        price,
        sale_price,
        status="published",
        published_at=timezone.now() - timedelta(days=days_ago),
    )


def clean_errors(book):
    try:
        book.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


@pytest.mark.task(1)
def test_str_reads_title_by_author():
    book = make_book("Dune", author="Frank Herbert")
    assert str(book) == "Dune by Frank Herbert", (
        f"str(book) is {str(book)!r}; expected 'Dune by Frank Herbert' (define __str__)"
    )


@pytest.mark.task(2)
def test_absolute_url_opens_the_book_page(client, settings, monkeypatch):
    book = make_book("Dune", slug="dune")
    try:
        expected = reverse("shop:book_detail", kwargs={"slug": "dune"})
    except NoReverseMatch:  # pragma: no cover - shop/urls.py is given
        pytest.fail("the route shop:book_detail is missing from shop/urls.py")
    url = book.get_absolute_url()
    assert url == expected, (
        f"book.get_absolute_url() is {url!r}; expected {expected!r}: "
        "reverse('shop:book_detail', kwargs={'slug': self.slug})"
    )
    response = client.get(url)
    assert response.status_code == 200 and b"Dune" in response.content
    # The same shop mounted under /store/: a URL built by hand can't follow the move.
    moved = types.ModuleType("moved_shop_urls")
    moved.urlpatterns = [path("store/", include("shop.urls"))]
    monkeypatch.setitem(sys.modules, moved.__name__, moved)
    settings.ROOT_URLCONF = moved.__name__
    url = book.get_absolute_url()
    assert url == "/store/books/dune/", (
        f"with the shop's URLs mounted under /store/, book.get_absolute_url() is {url!r}; "
        "expected '/store/books/dune/': a URL written out by hand breaks when the "
        "URLconf changes. Build it by the route's name: reverse('shop:book_detail', ...)"
    )


@pytest.mark.task(3)
def test_current_price_is_a_property():
    book = make_book("On Sale", price="12.00", sale_price="8.00")
    assert hasattr(book, "current_price"), "Book has no current_price"
    assert not callable(book.current_price), (
        "book.current_price is a method: decorate it with @property, so templates and "
        "code read book.current_price like a field"
    )
    assert book.current_price == Decimal("8.00"), (
        f"current_price of a book at 12.00 on sale at 8.00 is {book.current_price!r}; "
        "expected Decimal('8.00')"
    )
    book.sale_price = None
    assert book.current_price == Decimal("12.00"), (
        f"after the sale ended (sale_price = None) current_price is {book.current_price!r}; "
        "expected the price, 12.00: a property is computed on every read (a "
        "cached_property keeps the first value)"
    )


@pytest.mark.task(4)
def test_clean_requires_a_sale_price_below_the_price():
    from shop.models import Book

    for sale in ("12.00", "15.00"):
        errors = clean_errors(
            Book(title="Dune", author="F. H.", price=Decimal("12.00"), sale_price=Decimal(sale))
        )
        assert "sale_price" in errors, (
            f"full_clean() accepted a sale price of {sale} for a price of 12.00 (errors: "
            f"{errors}); expected an error on sale_price: in clean(), raise "
            "ValidationError({'sale_price': ...})"
        )
    for sale in ("11.99", None):
        book = Book(
            title="Dune", author="F. H.", price=Decimal("12.00"), sale_price=sale and Decimal(sale)
        )
        assert clean_errors(book) == {}, (
            f"full_clean() refused a sale price of {sale}: {clean_errors(book)}"
        )


@pytest.mark.task(5)
def test_save_gives_each_book_a_unique_slug():
    from shop.models import Book

    slugs = [make_book(title, slug="").slug for title in ("Dune", "Dune", "Dune", "Café Society")]
    assert slugs == ["dune", "dune-2", "dune-3", "cafe-society"], (
        f"saving books titled Dune, Dune, Dune and Café Society gave the slugs {slugs}; "
        "expected ['dune', 'dune-2', 'dune-3', 'cafe-society'] (slugify(title), then "
        "-2, -3 ... while the slug is taken)"
    )
    assert make_book("Dune", slug="my-dune").slug == "my-dune", (
        "save() replaced a slug that was given"
    )
    # With "dune-2" deleted, counting the books whose slug starts with "dune" (3)
    # would pick "dune-3" again: look for a free slug, don't count.
    Book.objects.filter(slug="dune-2").delete()
    again = make_book("Dune", slug="")
    assert again.slug.startswith("dune-"), (
        f"with dune and dune-3 taken, a new Dune got the slug {again.slug!r}; expected a "
        "free 'dune-N'"
    )


@pytest.mark.task(5)
def test_slug_stays_when_the_title_changes():
    book = make_book("Dune", slug="")
    assert book.slug == "dune", f"a book titled Dune got the slug {book.slug!r}; expected 'dune'"
    book.title = "Dune (40th anniversary edition)"
    book.save()
    book.refresh_from_db()
    assert book.slug == "dune", (
        f"editing the title changed the slug to {book.slug!r}: links to the book's page "
        "would break. Assign a slug only when there is none"
    )
    again = make_book("Dune", slug="")
    assert again.slug == "dune-2", f"a second Dune got the slug {again.slug!r}; expected 'dune-2'"


@pytest.mark.task(6)
def test_published_and_cheap_chain_in_any_order():
    from shop.models import Book

    published("Cheap", price="8.00")
    published("On Sale", price="15.00", sale_price="9.00")
    published("Dear", price="20.00", sale_price="12.00")
    make_book("Draft", price="5.00")
    published("Coming Soon", price="5.00", days_ago=-3)
    try:
        both_ways = [
            [book.title for book in Book.objects.published().cheap()],
            [book.title for book in Book.objects.cheap().published()],
        ]
    except AttributeError as error:
        pytest.fail(
            f"Book.objects.published().cheap() raised AttributeError ({error}): the methods "
            "must live on a QuerySet subclass, used as the manager with "
            "BookQuerySet.as_manager(), so each returns a QuerySet that has the other"
        )
    assert both_ways == [["Cheap", "On Sale"], ["Cheap", "On Sale"]], (
        f"published().cheap() and cheap().published() gave {both_ways}; expected "
        "['Cheap', 'On Sale'] both ways: published means status 'published' and "
        "published_at not in the future; cheap means a current price (sale price, else "
        "price) below 10.00"
    )


@pytest.mark.task(6)
def test_queryset_methods_return_querysets():
    from shop.models import Book

    published("Cheap", price="8.00")
    published("Dear", price="20.00")
    for name in ("published", "cheap"):
        method = getattr(Book.objects, name, None)
        assert method is not None, f"Book.objects has no {name}() method"
        result = method()
        assert isinstance(result, QuerySet), (
            f"Book.objects.{name}() returned a {type(result).__name__}; expected a "
            "QuerySet (filter(), not a list), so callers can chain and paginate it"
        )
    refined = Book.objects.published().filter(title__startswith="D").order_by("-price")
    assert [book.title for book in refined] == ["Dear"]
