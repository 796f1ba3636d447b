"""Challenge 1, ORM fundamentals: the query functions of catalog/queries.py."""

import itertools
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

_isbns = itertools.count(9780000000001)


@pytest.fixture(autouse=True)
def no_routing(settings):
    """Every query of these specs goes to "default", whatever the router of
    challenge 7 (config/routers.py) says: a half-done router can't fail them."""
    settings.DATABASE_ROUTERS = []


def make_author(name):
    from catalog.models import Author

    return Author.objects.create(name=name)


def make_book(title, author, price="10.00", stock=1):
    from catalog.models import Book

    return Book.objects.create(
        title=title, author=author, isbn=str(next(_isbns)), price=Decimal(price), stock=stock
    )


def call(function, *args):
    """Call a function of catalog/queries.py and evaluate what it returns (a
    QuerySet runs here), inside a savepoint so a database error is reported
    cleanly. Return (result as a list, or the value itself; SQL of the queries run)."""
    with CaptureQueriesContext(connection) as queries:
        try:
            with transaction.atomic():
                result = function(*args)
                if isinstance(result, (QuerySet, list, tuple)):
                    result = list(result)
        except Exception as error:
            pytest.fail(
                f"{function.__name__}({', '.join(map(repr, args))}) raised {type(error).__name__}: {error}"
            )
    sql = [query["sql"] for query in queries.captured_queries]
    return result, [s for s in sql if not s.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]


def titles(books):
    return [book.title for book in books]


def lookups(node):
    """Every lookup (title__contains, ...) in a WHERE clause tree."""
    for child in getattr(node, "children", ()):
        if hasattr(child, "lookup_name"):
            yield child
        else:
            yield from lookups(child)


@pytest.mark.task(1)
def test_author_by_name_returns_one_author_none_or_ambiguous():
    from catalog import queries
    from catalog.models import Author

    le_guin = make_author("Ursula K. Le Guin")
    try:
        missing = queries.author_by_name("Nobody")
    except Author.DoesNotExist:
        pytest.fail(
            "author_by_name('Nobody') raised Author.DoesNotExist; expected None: no author "
            "has that name, which the caller expects as None, not as an exception"
        )
    assert missing is None, f"author_by_name('Nobody') returned {missing!r}; expected None"
    found = queries.author_by_name("ursula k. le guin")
    assert found == le_guin, (
        f"author_by_name('ursula k. le guin') returned {found!r}; expected the author "
        "'Ursula K. Le Guin': the name matches ignoring case"
    )
    make_author("John Smith")
    make_author("John Smith")
    try:
        with transaction.atomic():
            result = queries.author_by_name("John Smith")
        outcome = f"returned {result!r}"
    except queries.AmbiguousName:
        return
    except Author.MultipleObjectsReturned:
        outcome = "let Author.MultipleObjectsReturned through"
    pytest.fail(
        f"with two authors named 'John Smith', author_by_name('John Smith') {outcome}; "
        "expected it to raise AmbiguousName: returning one of the two hides that the "
        "name is ambiguous"
    )


@pytest.mark.task(2)
def test_search_titles_ignores_case_on_every_database():
    from catalog import queries

    herbert = make_author("Frank Herbert")
    for title in ("Dune", "Children of Dune", "Neuromancer", "Dune Messiah"):
        make_book(title, herbert)
    expected = ["Children of Dune", "Dune", "Dune Messiah"]
    for text in ("dune", "DUNE", "  Dune "):
        found, _sql = call(queries.search_titles, text)
        assert titles(found) == expected, (
            f"search_titles({text!r}) found {titles(found)}; expected {expected} "
            "(ignoring case and the spaces around, ordered by title)"
        )
    result = queries.search_titles("dune")
    assert isinstance(result, QuerySet), (
        f"search_titles() returned a {type(result).__name__}; expected a QuerySet the "
        "caller can refine (filter, paginate)"
    )
    case_sensitive = [
        lookup
        for lookup in lookups(result.query.where)
        if lookup.lookup_name == "contains"
        and getattr(getattr(lookup.lhs, "target", None), "name", None) == "title"
    ]
    assert not case_sensitive, (
        "search_titles() filters with title__contains, which is case-sensitive on "
        "PostgreSQL and most databases; it only seems to work here because SQLite's "
        "LIKE ignores ASCII case"
    )


@pytest.mark.task(2)
def test_blank_search_finds_nothing():
    from catalog import queries

    herbert = make_author("Frank Herbert")
    make_book("Dune", herbert)
    for text in ("", "   "):
        found, _sql = call(queries.search_titles, text)
        assert found == [], (
            f"search_titles({text!r}) found {titles(found)}; expected nothing: a blank "
            "search would match every title and dump the whole catalogue"
        )


@pytest.mark.task(3)
def test_books_by_runs_one_query():
    from catalog import queries

    herbert, gibson = make_author("Frank Herbert"), make_author("William Gibson")
    for title in ("Dune Messiah", "Dune", "The Dosadi Experiment"):
        make_book(title, herbert)
    make_book("Neuromancer", gibson)
    found, sql = call(queries.books_by, "Frank Herbert")
    assert titles(found) == ["Dune", "Dune Messiah", "The Dosadi Experiment"], (
        f"books_by('Frank Herbert') found {titles(found)}; expected his three books by title"
    )
    assert len(sql) == 1, (
        f"books_by() ran {len(sql)} queries for 3 books: a Python loop over every book "
        "reads each book's author with one more query (N+1): the database should pick "
        "the author's books"
    )


@pytest.mark.task(4)
def test_cheapest_in_stock_filters_orders_and_limits_in_the_database():
    from catalog import queries

    author = make_author("Various")
    make_book("Sold Out", author, price="3.00", stock=0)
    make_book("Beta", author, price="7.00")
    make_book("Alpha", author, price="7.00")
    make_book("Gamma", author, price="9.00")
    make_book("Delta", author, price="12.00")
    found, sql = call(queries.cheapest_in_stock, 3)
    assert titles(found) == ["Alpha", "Beta", "Gamma"], (
        f"cheapest_in_stock(3) returned {titles(found)}; expected ['Alpha', 'Beta', "
        "'Gamma']: in stock only (stock > 0), cheapest first, ties by title"
    )
    assert len(sql) == 1 and "LIMIT 3" in sql[0].upper(), (
        f"cheapest_in_stock(3) ran {sql}; expected one query with LIMIT 3: sorting and "
        "slicing a Python list loads every book in stock to keep 3"
    )


@pytest.mark.task(5)
def test_authors_without_books_runs_one_query():
    from catalog import queries

    herbert = make_author("Frank Herbert")
    make_book("Dune", herbert)
    for name in ("Mary Shelley", "Anonymous", "Zadie Smith"):
        make_author(name)
    found, sql = call(queries.authors_without_books)
    names = [author.name for author in found]
    assert names == ["Anonymous", "Mary Shelley", "Zadie Smith"], (
        f"authors_without_books() returned {names}; expected the three authors without "
        "a book, by name"
    )
    assert len(sql) == 1, (
        f"authors_without_books() ran {len(sql)} queries for 4 authors: asking each "
        "author for its books is one query per author (N+1)"
    )


@pytest.mark.task(6)
def test_raise_prices_is_one_update_with_f():
    from catalog import queries
    from catalog.models import Book

    author = make_author("Various")
    for title, price in (("A", "10.00"), ("B", "24.50"), ("C", "9.99")):
        make_book(title, author, price=price)
    updated, sql = call(queries.raise_prices, 10)
    prices = [
        str(price) for price in Book.objects.order_by("title").values_list("price", flat=True)
    ]
    assert prices == ["11.00", "26.95", "10.99"], (
        f"after raise_prices(10) the prices are {prices}; expected ['11.00', '26.95', "
        "'10.99'] (each price plus 10 %)"
    )
    assert updated == 3, f"raise_prices(10) returned {updated!r}; expected 3, the books updated"
    assert len(sql) == 1 and sql[0].upper().startswith("UPDATE"), (
        f"raise_prices() ran {len(sql)} queries ({', '.join(s.split()[0] for s in sql)}): "
        "expected one UPDATE computed by the database. A Python loop that reads each book "
        "and saves it is one query per book, and a price someone else changes in "
        "between is overwritten: a lost update"
    )


@pytest.mark.task(7)
def test_tag_book_creates_a_tag_once_and_reuses_it():
    from catalog import queries
    from catalog.models import Tag

    herbert = make_author("Frank Herbert")
    dune, messiah = make_book("Dune", herbert), make_book("Dune Messiah", herbert)
    for book, name in ((dune, "Sci-Fi"), (dune, "Sci-Fi"), (messiah, " sci-fi ")):
        try:
            with transaction.atomic():
                queries.tag_book(book, name)
        except Exception as error:
            pytest.fail(
                f"tag_book({book.title!r}, {name!r}) raised {type(error).__name__} ({error}) "
                "when the tag already existed: Tag.name is unique, and an existing tag must be "
                "reused, not created again"
            )
    tags = list(Tag.objects.values_list("name", flat=True))
    assert tags == ["sci-fi"], (
        f"after tagging two books 'Sci-Fi' and ' sci-fi ' the tags are {tags}; expected "
        "one tag 'sci-fi' (stripped, lower case)"
    )
    for book in (dune, messiah):
        names = list(book.tags.values_list("name", flat=True))
        assert names == ["sci-fi"], f"{book.title!r} is tagged {names}; expected ['sci-fi'], once"
