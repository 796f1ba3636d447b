"""Challenge 2, Fields and relationships: the models of library/models.py."""

import itertools
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

pytestmark = pytest.mark.django_db

_isbns = itertools.count(9781000000001)


@pytest.fixture(autouse=True)
def no_routing(settings):
    """Every query of these specs goes to "default", whatever the router of
    challenge 7 (config/routers.py) says: a half-done router can't fail them."""
    settings.DATABASE_ROUTERS = []


def model(name):
    """The model library.<name>, or a failure naming the task that adds it."""
    try:
        return apps.get_model("library", name)
    except LookupError:
        pytest.fail(f"library/models.py has no model {name} yet")


def make_publisher(name="Tor"):
    return model("Publisher").objects.create(name=name)


def make_book(publisher, title="Dune", price="9.99", **fields):
    """A book with every field the spec allows to be optional filled in, so each
    spec fails for its own reason only."""
    values = {"isbn": str(next(_isbns)), "published_on": date(1965, 8, 1), "subtitle": "A novel"}
    values.update(fields)
    return model("Book").objects.create(
        title=title, publisher=publisher, price=Decimal(price), **values
    )


def create_error(model_class, **fields):
    """The IntegrityError of creating a row, or None when the database took it."""
    try:
        with transaction.atomic():
            model_class.objects.create(**fields)
    except IntegrityError as error:
        return error
    return None


def clean_errors(instance):
    """full_clean()'s errors by field name ({} when the instance is valid)."""
    try:
        instance.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def tables():
    return connection.introspection.table_names()


def columns(table):
    with connection.cursor() as cursor:
        return [
            column.name for column in connection.introspection.get_table_description(cursor, table)
        ]


@pytest.mark.task(1)
def test_publisher_with_books_is_protected_from_deletion():
    publisher = make_publisher()
    book = make_book(publisher)
    books = getattr(publisher, "books", None)
    assert books is not None, (
        "publisher.books doesn't exist: a publisher lists its books as publisher.books (the "
        "default reverse name would be book_set)"
    )
    assert list(books.all()) == [book], (
        f"publisher.books lists {list(books.all())}; expected [Dune]"
    )
    try:
        with transaction.atomic():
            publisher.delete()
        deleted = True
    except ProtectedError:
        deleted = False
    assert not deleted, (
        "deleting a publisher that has books worked (CASCADE deletes its books with it, "
        "SET_NULL leaves them without a publisher); expected ProtectedError: a publisher "
        "that still has books can't be deleted"
    )
    assert model("Book").objects.filter(pk=book.pk).exists()
    make_publisher("No books yet").delete()  # a publisher without books can go


@pytest.mark.task(2)
def test_contributors_go_through_contribution_with_a_role():
    Contribution = model("Contribution")
    Contributor = model("Contributor")
    assert "role" in {field.name for field in Contribution._meta.get_fields()}, (
        "Contribution has no field 'role'"
    )
    book = make_book(make_publisher())
    le_guin = Contributor.objects.create(name="Ursula K. Le Guin")
    editor = Contributor.objects.create(name="Some Editor")
    Contribution.objects.create(book=book, contributor=le_guin, role="author")
    error = create_error(Contribution, book=book, contributor=le_guin, role="illustrator")
    assert error is None, (
        f"the database refused Le Guin as the illustrator of a book she wrote ({error}): "
        "one person may hold several roles on a book; only the same role twice is a "
        "duplicate"
    )
    contributors = getattr(book, "contributors", None)
    assert contributors is not None, (
        "book.contributors doesn't exist: a book lists its contributors (through "
        "Contribution) as book.contributors"
    )
    contributors.add(editor, through_defaults={"role": "editor"})
    links = sorted(Contribution.objects.filter(book=book).values_list("contributor__name", "role"))
    assert links == [
        ("Some Editor", "editor"),
        ("Ursula K. Le Guin", "author"),
        ("Ursula K. Le Guin", "illustrator"),
    ], (
        f"after book.contributors.add(editor, through_defaults={{'role': 'editor'}}) the "
        f"Contribution rows are {links}; expected the editor's row too: the many-to-many "
        "link was stored in a table of Django's own, not in Contribution"
    )
    names = sorted({contributor.name for contributor in contributors.all()})
    assert names == ["Some Editor", "Ursula K. Le Guin"], (
        f"book.contributors lists {names}; expected both contributors"
    )
    assert list(le_guin.books.distinct()) == [book], "contributor.books doesn't list the book"
    errors = clean_errors(Contribution(book=book, contributor=editor, role="cook"))
    assert "role" in errors, (
        "full_clean() accepted the role 'cook'; expected only author, editor, "
        "translator or illustrator"
    )


@pytest.mark.task(2)
def test_a_contributor_holds_a_role_on_a_book_once():
    Contribution = model("Contribution")
    assert "role" in {field.name for field in Contribution._meta.get_fields()}, (
        "Contribution has no field 'role'"
    )
    book = make_book(make_publisher())
    le_guin = model("Contributor").objects.create(name="Ursula K. Le Guin")
    Contribution.objects.create(book=book, contributor=le_guin, role="author")
    error = create_error(Contribution, book=book, contributor=le_guin, role="author")
    assert error is not None, (
        "the database took a second 'author' row for the same contributor and book; "
        "expected IntegrityError: a contributor holds each role on a book once"
    )
    assert create_error(Contribution, book=book, contributor=le_guin, role="translator") is None, (
        "the database refused the same contributor as 'translator' of the book they "
        "wrote: one person may hold several roles, only the same role twice is a duplicate"
    )


@pytest.mark.task(3)
def test_book_detail_is_one_to_one():
    BookDetail = model("BookDetail")
    Book = model("Book")
    book = make_book(make_publisher())
    detail = BookDetail.objects.create(book=book, page_count=412)
    fetched = Book.objects.get(pk=book.pk)
    assert getattr(fetched, "detail", None) == detail, (
        f"book.detail is {getattr(fetched, 'detail', None)!r}; expected the book's one "
        "BookDetail itself (an object, not a manager of several)"
    )
    assert create_error(BookDetail, book=book, page_count=1) is not None, (
        "the database took a second BookDetail for the same book; expected IntegrityError: "
        "a book has one detail, and the link allows many"
    )
    book.delete()
    assert not BookDetail.objects.exists(), (
        "deleting the book left its BookDetail behind; expected the detail deleted with "
        "its book"
    )


@pytest.mark.task(4)
def test_cover_accepts_only_its_choices():
    book = make_book(make_publisher(), cover="HC")
    assert clean_errors(book) == {}, f"full_clean() refused a hardcover book: {clean_errors(book)}"
    display = getattr(book, "get_cover_display", lambda: None)()
    assert display == "Hardcover", (
        f"book.get_cover_display() is {display!r} for 'HC'; expected 'Hardcover': "
        "each code has its label"
    )
    book.cover = "XX"
    assert "cover" in clean_errors(book), (
        "full_clean() accepted the cover 'XX'; expected only 'HC' and 'PB'"
    )


@pytest.mark.task(4)
def test_rating_validators_reject_out_of_range_ratings():
    Review = model("Review")
    book = make_book(make_publisher())
    for rating in (1, 5):
        errors = clean_errors(Review(book=book, rating=rating))
        assert errors == {}, f"full_clean() refused a rating of {rating}: {errors}"
    for rating in (0, 6):
        errors = clean_errors(Review(book=book, rating=rating))
        assert errors, f"full_clean() accepted a rating of {rating}; expected 1 to 5 only"
        assert "rating" in errors, (
            f"full_clean() refused a rating of {rating}, but not on the rating field "
            f"({errors}): a form shows a field's own error next to it, and the rule "
            "belongs to the rating"
        )


@pytest.mark.task(4)
def test_database_refuses_out_of_range_ratings():
    Review = model("Review")
    book = make_book(make_publisher())
    for rating in (0, 6):
        assert create_error(Review, book=book, rating=rating) is not None, (
            f"Review.objects.create(rating={rating}) was saved: the database itself must "
            "refuse a rating out of 1 to 5, because create(), save(), update() and "
            "bulk_create() never run field validators"
        )
    review = Review.objects.create(book=book, rating=4)
    try:
        with transaction.atomic():
            Review.objects.filter(pk=review.pk).update(rating=9)
        refused = False
    except IntegrityError:
        refused = True
    assert refused, "Review.objects.update(rating=9) was saved; expected IntegrityError"


@pytest.mark.task(5)
def test_optional_fields_use_null_and_blank_where_each_is_right():
    Book = model("Book")
    publisher = make_publisher()
    minimal = {"publisher": publisher, "price": Decimal("5.00")}
    for title in ("First", "Second"):
        error = create_error(Book, title=title, **minimal)
        if error is None:
            continue
        which = "a second" if title == "Second" else "a"
        if "isbn" in str(error).lower():
            why = (
                "the missing ISBNs collide: to a unique index two empty strings '' are "
                "the same value, while two NULLs never are"
            )
        elif "published_on" in str(error):
            why = "a missing publication date can't be stored: a date has no empty value but NULL"
        else:
            why = "expected subtitle, ISBN and publication date all optional"
        pytest.fail(
            f"creating {which} book without subtitle, ISBN or publication date raised "
            f"IntegrityError ({error}): {why}"
        )
    first = Book.objects.get(title="First")
    # A missing ISBN may be NULL (a plain unique column) or '' (with a unique constraint
    # that leaves '' out): both keep missing ISBNs apart, which is the requirement.
    assert first.isbn in (None, "") and first.published_on is None, (
        f"a book without ISBN or date stored isbn={first.isbn!r}, "
        f"published_on={first.published_on!r}; expected no ISBN and a NULL date (None)"
    )
    assert first.subtitle == "", (
        f"a book without subtitle stored subtitle={first.subtitle!r}; expected '': a text "
        "field's empty value is '', and a field that also allows NULL has two empty "
        "values (None and '') for every query to check"
    )
    errors = clean_errors(Book(title="Third", **minimal))
    assert errors == {}, (
        f"full_clean() refused a book without subtitle, ISBN or date: {errors}; expected "
        "them optional in forms too"
    )
    assert "title" in clean_errors(Book(title="", **minimal)), (
        "a book without a title passed full_clean()"
    )
    make_book(publisher, isbn="9780441013593")
    assert create_error(Book, title="Copy", isbn="9780441013593", **minimal) is not None, (
        "two books with the ISBN 9780441013593 were saved; a given ISBN stays unique"
    )


@pytest.mark.task(6)
def test_timestamped_is_an_abstract_base():
    assert "library_timestamped" not in tables(), (
        "Timestamped has a table of its own (library_timestamped) that every model "
        "joins; expected only its columns, in each model's own table"
    )
    for table in ("library_publisher", "library_book", "library_review"):
        missing = {"created_at", "updated_at"} - set(columns(table))
        assert not missing, (
            f"{table} has no column {sorted(missing)}: fields declared on a class that is "
            "not a Django model are ignored"
        )
    publisher = make_publisher()
    assert publisher.created_at is not None and publisher.updated_at is not None


@pytest.mark.task(7)
def test_ebook_is_a_book_with_a_table_of_its_own():
    EBook = model("EBook")
    Book = model("Book")
    assert "library_ebook" in tables(), (
        "EBook has no table library_ebook; expected its own table for its own columns, "
        "next to the Book it is (not a proxy of Book, not a copy of its fields)"
    )
    own = set(columns("library_ebook"))
    assert {"book_ptr_id", "file_size_kb", "drm_free"} <= own and "title" not in own, (
        f"library_ebook has the columns {sorted(own)}; expected book_ptr_id, file_size_kb "
        "and drm_free, and the Book columns (title, ...) left in library_book"
    )
    ebook = EBook.objects.create(
        title="Dune",
        publisher=make_publisher(),
        price=Decimal("4.99"),
        isbn=str(next(_isbns)),
        published_on=date(1965, 8, 1),
        subtitle="A novel",
        file_size_kb=2048,
    )
    assert ebook.drm_free is True, "a new EBook isn't drm_free by default"
    book = Book.objects.filter(pk=ebook.pk).first()
    assert book is not None and book.title == "Dune" and getattr(book, "ebook", None) == ebook, (
        "an EBook is also a Book: Book.objects lists it and book.ebook gives the EBook"
    )


@pytest.mark.task(8)
def test_bargain_book_is_a_proxy_with_its_own_manager():
    BargainBook = model("BargainBook")
    Book = model("Book")
    assert BargainBook._meta.db_table == "library_book" and "library_bargainbook" not in tables(), (
        f"BargainBook lives in {BargainBook._meta.db_table}; expected the same table as Book "
        "(library_book), with no table of its own"
    )
    publisher = make_publisher()
    make_book(publisher, "Expensive", price="25.00")
    make_book(publisher, "Cheaper", price="8.50")
    make_book(publisher, "Cheapest", price="3.00")
    make_book(publisher, "Just Not", price="10.00")
    bargains = [book.title for book in BargainBook.objects.all()]
    assert bargains == ["Cheapest", "Cheaper"], (
        f"BargainBook.objects lists {bargains}; expected ['Cheapest', 'Cheaper']: the books "
        "under BARGAIN_PRICE, cheapest first"
    )
    assert Book.objects.count() == 4, "Book.objects must still list every book"
    assert isinstance(BargainBook.objects.first(), Book)
