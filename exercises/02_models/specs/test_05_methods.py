"""Challenge 5, Model methods and properties: shop.Book's methods and its QuerySet."""

import itertools
import sys
import types
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, transaction
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
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


def clean_errors(book, case):
    """full_clean()'s errors by field ({} when valid); a failure naming `case` when it
    raises anything else."""
    try:
        book.full_clean()
    except ValidationError as error:
        return error.message_dict
    except Exception as error:
        pytest.fail(
            f"full_clean() of {case} raised {type(error).__name__} ({error}); expected "
            "field errors, never a crash: clean() runs for every book, one whose sale "
            "price or price is missing (None) too"
        )
    return {}


@pytest.mark.task(1)
def test_str_reads_title_by_author():
    book = make_book("Dune", author="Frank Herbert")
    assert str(book) == "Dune by Frank Herbert", (
        f"str(book) is {str(book)!r}; expected 'Dune by Frank Herbert'"
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
        f"book.get_absolute_url() is {url!r}; expected {expected!r}, the URL of the "
        "route shop:book_detail for the book's slug"
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
        "expected '/store/books/dune/': a URL written out by hand doesn't follow the "
        "URLconf when it changes"
    )


@pytest.mark.task(3)
def test_current_price_is_a_property():
    book = make_book("On Sale", price="12.00", sale_price="8.00")
    assert hasattr(book, "current_price"), "Book has no current_price"
    assert not callable(book.current_price), (
        "book.current_price is a method; expected a value read like a field "
        "(book.current_price, in code and templates)"
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
    giveaway = make_book("Giveaway", price="12.00", sale_price="0.00")
    assert giveaway.current_price == Decimal("0.00"), (
        f"current_price of a book at 12.00 on sale at 0.00 (free) is "
        f"{giveaway.current_price!r}; expected Decimal('0.00'): a sale price of 0.00 is a "
        "sale price, though it is falsy (`sale_price or price` takes it for none)"
    )


@pytest.mark.task(4)
def test_clean_requires_a_sale_price_below_the_price():
    from shop.models import Book

    for sale in ("12.00", "15.00"):
        case = f"a book at 12.00 on sale at {sale}"
        errors = clean_errors(
            Book(title="Dune", author="F. H.", price=Decimal("12.00"), sale_price=Decimal(sale)),
            case,
        )
        assert "sale_price" in errors, (
            f"full_clean() accepted {case} (errors: {errors}); expected an error on the "
            "sale_price field, where a form shows it"
            if not errors
            else f"full_clean() refused {case}, but not on the sale_price field "
            f"({errors}); expected the error on sale_price, where a form shows it"
        )
    for sale in ("11.99", "0.00", None):
        case = f"a book at 12.00 on sale at {sale}" if sale else "a book without a sale price"
        book = Book(
            title="Dune", author="F. H.", price=Decimal("12.00"), sale_price=sale and Decimal(sale)
        )
        errors = clean_errors(book, case)
        assert errors == {}, f"full_clean() refused {case}: {errors}"
    # A form left without a price: full_clean() reports the field, and still calls clean().
    errors = clean_errors(
        Book(title="Dune", author="F. H.", price=None, sale_price=Decimal("5.00")),
        "a book without a price, on sale at 5.00",
    )
    assert "price" in errors, (
        f"full_clean() of a book without a price gave {errors}; expected an error on price"
    )


@pytest.mark.task(5)
def test_save_gives_each_book_a_unique_slug():
    from shop.models import Book

    slugs = [make_book(title, slug="").slug for title in ("Dune", "Dune", "Dune", "Café Society")]
    assert slugs == ["dune", "dune-2", "dune-3", "cafe-society"], (
        f"saving books titled Dune, Dune, Dune and Café Society gave the slugs {slugs}; "
        "expected ['dune', 'dune-2', 'dune-3', 'cafe-society'] (the title as a slug, "
        "then -2, -3 ... while the slug is taken)"
    )
    assert make_book("Dune", slug="my-dune").slug == "my-dune", (
        "save() replaced a slug that was given"
    )
    # With "dune-2" deleted, counting the books whose slug starts with "dune" (3)
    # would pick "dune-3" again: look for a free slug, don't count.
    Book.objects.filter(slug="dune-2").delete()
    try:
        with transaction.atomic():
            again = Book.objects.create(
                title="Dune", author="Frank Herbert", price=Decimal("12.00"), slug=""
            )
    except IntegrityError as error:
        pytest.fail(
            f"with dune and dune-3 taken (dune-2 deleted), saving a new Dune raised "
            f"IntegrityError ({error}): save() picked a slug that is taken (counting the "
            "books named Dune gives a number that may be taken)"
        )
    assert again.slug.startswith("dune-") and again.slug != "dune-3", (
        f"with dune and dune-3 taken, a new Dune got the slug {again.slug!r}; expected a "
        "free 'dune-N' (counting the books named Dune gives a number that may be taken)"
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
        "would break; a slug that is set never changes"
    )
    again = make_book("Dune", slug="")
    assert again.slug == "dune-2", f"a second Dune got the slug {again.slug!r}; expected 'dune-2'"


@pytest.mark.task(5)
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_save_passes_its_arguments_on():
    """save() is called with arguments by Django and by callers (update_fields,
    using, force_insert): an override must pass them on. "replica" is a test mirror
    of default here: a second connection to the same database."""
    from shop.models import Book

    book = make_book("Dune", slug="")
    assert book.slug == "dune", f"a book titled Dune got the slug {book.slug!r}; expected 'dune'"
    stale = Book.objects.get(pk=book.pk)
    Book.objects.filter(pk=book.pk).update(price=Decimal("15.00"))  # someone else, meanwhile
    stale.title = "Dune (revised)"
    stale.save(update_fields=["title"])
    fresh = Book.objects.get(pk=book.pk)
    assert (fresh.title, fresh.price) == ("Dune (revised)", Decimal("15.00")), (
        f"book.save(update_fields=['title']) left the title {fresh.title!r} and the price "
        f"{fresh.price}; expected only the title written, and the price changed meanwhile "
        "(15.00) kept: save() dropped the update_fields it was called with and wrote "
        "every field, so the price went back to 12.00"
    )
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        stale.save(using="replica")
    writes = [q["sql"] for q in on_replica.captured_queries if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert writes and stale._state.db == "replica", (
        f"book.save(using='replica') wrote to {stale._state.db!r}; expected 'replica': "
        "save() dropped the database (using) it was called with"
    )


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
            f"Book.objects.published().cheap() raised AttributeError ({error}): what one "
            "method returns doesn't have the other (methods on a Manager are not on the "
            "QuerySets it returns), so they don't chain"
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
            "QuerySet, so callers can chain and paginate it"
        )
    refined = Book.objects.published().filter(title__startswith="D").order_by("-price")
    assert [book.title for book in refined] == ["Dear"]
