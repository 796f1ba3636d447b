"""Challenge 4, QuerySets: the reports of catalog/reports.py, queries counted."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_routing(settings):
    """Every query of these specs goes to "default", whatever the router of
    challenge 7 (config/routers.py) says: a half-done router can't fail them."""
    settings.DATABASE_ROUTERS = []


@pytest.fixture
def catalog():
    """Five books by three authors (and one author without books), with reviews
    and tags. Returns the authors by name."""
    from catalog.models import Author, Book, Review, Tag

    authors = {
        name: Author.objects.create(name=name)
        for name in ("Frank Herbert", "William Gibson", "Mary Shelley", "Zadie Smith")
    }
    tags = {name: Tag.objects.create(name=name) for name in ("sf", "classic", "cyberpunk")}
    rows = [
        # title, author, price, stock, year, tags
        ("Dune", "Frank Herbert", "9.99", 3, 1965, ["sf", "classic"]),
        ("Dune Messiah", "Frank Herbert", "14.00", 0, 1969, []),
        ("Frankenstein", "Mary Shelley", "12.00", 2, 1818, ["classic"]),
        ("Neuromancer", "William Gibson", "8.50", 5, 1984, ["sf", "cyberpunk"]),
        ("Count Zero", "William Gibson", "15.00", 1, 1986, ["cyberpunk"]),
    ]
    books = {}
    for number, (title, author, price, stock, year, tag_names) in enumerate(rows):
        books[title] = Book.objects.create(
            title=title,
            author=authors[author],
            isbn=f"97800000000{number:02d}",
            price=Decimal(price),
            stock=stock,
            published_on=date(year, 1, 1),
        )
        books[title].tags.set([tags[name] for name in tag_names])
    now = timezone.now()
    for title, rating, days_ago in (
        ("Dune", 5, 3),
        ("Dune", 3, 1),
        ("Dune", 4, 2),
        ("Neuromancer", 4, 5),
        ("Frankenstein", 5, 9),
    ):
        Review.objects.create(
            book=books[title],
            reviewer="reader",
            rating=rating,
            created_at=now - timedelta(days=days_ago),
        )
    return authors


def call(function, *args):
    """Call a report and evaluate what it returns (a QuerySet runs here).
    Return (the result, list-ified if it is a QuerySet or a list; the SQL run)."""
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


def one_query(function, sql, hint):
    assert len(sql) == 1, f"{function}() ran {len(sql)} queries; expected 1: {hint}"


@pytest.mark.task(1)
def test_books_per_author_counts_in_one_query(catalog):
    from catalog import reports

    authors, sql = call(reports.books_per_author)
    found = [(author.name, getattr(author, "book_count", None)) for author in authors]
    assert found == [
        ("Frank Herbert", 2),
        ("William Gibson", 2),
        ("Mary Shelley", 1),
        ("Zadie Smith", 0),
    ], (
        f"books_per_author() gave {found}; expected most books first, ties by name, and Zadie Smith with 0"
    )
    one_query(
        "books_per_author",
        sql,
        "counting each author's books is one more query per author (N+1); "
        "annotate(book_count=Count('books')) counts them all in the database",
    )


@pytest.mark.task(2)
def test_rating_summary_aggregates_in_the_database(catalog):
    from catalog import reports
    from catalog.models import Review

    summary, sql = call(reports.rating_summary)
    assert summary == {"count": 5, "average": pytest.approx(4.2)}, (
        f"rating_summary() is {summary}; expected {{'count': 5, 'average': 4.2}}"
    )
    one_query("rating_summary", sql, "one aggregate() call computes both")
    assert "AVG(" in sql[0].upper(), (
        "rating_summary() fetched the ratings and averaged them in Python; let the "
        "database do it: aggregate(average=Avg('rating')) sends back one row"
    )
    Review.objects.all().delete()
    summary, _sql = call(reports.rating_summary)
    assert summary == {"count": 0, "average": None}, (
        f"with no reviews rating_summary() is {summary}; expected {{'count': 0, 'average': None}}"
    )


@pytest.mark.task(3)
def test_books_with_counts_are_not_multiplied_by_joins(catalog):
    from catalog import reports

    books, sql = call(reports.books_with_counts)
    found = [(book.title, book.review_count, book.tag_count) for book in books]
    expected = [
        ("Count Zero", 0, 1),
        ("Dune", 3, 2),
        ("Dune Messiah", 0, 0),
        ("Frankenstein", 1, 1),
        ("Neuromancer", 1, 2),
    ]
    assert found == expected, (
        f"books_with_counts() gave (title, reviews, tags) {found}; expected {expected}. "
        "Dune has 3 reviews and 2 tags: joining both relations gives 3 x 2 = 6 rows, and "
        "a plain Count counts 6 for each. Count(..., distinct=True) (or one Subquery per "
        "count) counts each review and tag once. Order by title: an aggregate query "
        "ignores Meta.ordering"
    )
    one_query("books_with_counts", sql, "annotate both counts in the same query")


@pytest.mark.task(4)
def test_cheap_or_classic_combines_conditions_with_or(catalog):
    from catalog import reports
    from catalog.models import Book

    # Out of stock: one cheap, one old. Neither may be listed, whichever branch of
    # the OR it matches.
    for number, (title, price, year) in enumerate(
        (("Pulp Paperback", "4.00", 2001), ("The Time Machine", "20.00", 1895))
    ):
        Book.objects.create(
            title=title,
            author=catalog["Zadie Smith"],
            isbn=f"97800000001{number:02d}",
            price=Decimal(price),
            stock=0,
            published_on=date(year, 1, 1),
        )
    books, _sql = call(reports.cheap_or_classic, Decimal("10.00"), 1950)
    titles = [book.title for book in books]
    assert titles == ["Dune", "Frankenstein", "Neuromancer"], (
        f"cheap_or_classic(10, 1950) found {titles}; expected ['Dune', 'Frankenstein', "
        "'Neuromancer']: in stock AND (under 10.00 OR published before 1950). Keyword "
        "arguments and chained filter() calls are ANDed: OR needs Q(...) | Q(...). The "
        "stock condition applies to both branches: & binds tighter than |, so "
        "Q(cheap) | Q(old) & Q(in stock) lets a cheap book out of stock through; put it "
        "outside the OR, filter(Q(...) | Q(...), stock__gt=0)"
    )


@pytest.mark.task(5)
def test_with_latest_rating_uses_a_subquery(catalog):
    from catalog import reports

    books, sql = call(reports.with_latest_rating)
    found = {book.title: getattr(book, "latest_rating", "missing") for book in books}
    expected = {
        "Count Zero": None,
        "Dune": 3,
        "Dune Messiah": None,
        "Frankenstein": 5,
        "Neuromancer": 4,
    }
    assert found == expected, (
        f"with_latest_rating() gave {found}; expected {expected} (the newest review's "
        "rating: Dune's newest review, a day old, rated it 3)"
    )
    assert [book.title for book in books] == sorted(expected), (
        "with_latest_rating() isn't ordered by title"
    )
    one_query(
        "with_latest_rating",
        sql,
        "fetching each book's newest review is one query per book (N+1); annotate with "
        "Subquery(Review.objects.filter(book=OuterRef('pk')).order_by('-created_at')"
        ".values('rating')[:1])",
    )


@pytest.mark.task(6)
def test_title_prices_reads_only_two_columns(catalog):
    from catalog import reports

    rows, sql = call(reports.title_prices)
    assert [tuple(row) for row in rows][:2] == [
        ("Count Zero", Decimal("15.00")),
        ("Dune", Decimal("9.99")),
    ] and len(rows) == 5, (
        f"title_prices() began {rows[:2]}; expected [('Count Zero', Decimal('15.00')), ('Dune', Decimal('9.99')), ...]"
    )
    one_query("title_prices", sql, "one values_list() query")
    assert "isbn" not in sql[0].lower(), (
        f"title_prices() ran {sql[0]!r}: it loads every column of every book (isbn, "
        "stock, ...) to use two; values_list('title', 'price') selects just those"
    )
    selected = sql[0].partition(" FROM ")[0]
    assert '"id"' not in selected, (
        f"title_prices() ran {sql[0]!r}: it reads the primary key too and builds a Book "
        "per row (only('title', 'price') does); values_list('title', 'price') reads the "
        "two columns and returns tuples"
    )


@pytest.mark.task(7)
def test_author_has_books_stops_at_the_first_row(catalog):
    from catalog import reports

    for name, expected in (("Frank Herbert", True), ("Zadie Smith", False)):
        answer, sql = call(reports.author_has_books, catalog[name])
        assert answer is expected, f"author_has_books({name!r}) is {answer!r}; expected {expected}"
        one_query("author_has_books", sql, "one exists() query")
        statement = sql[0].upper()
        assert "LIMIT 1" in statement and "COUNT(" not in statement, (
            f"author_has_books() ran {sql[0]!r}. len(qs) fetches every row and "
            "qs.count() counts them all; qs.exists() stops at the first (LIMIT 1)"
        )
        assert "ORDER BY" not in statement, (
            f"author_has_books() ran {sql[0]!r}: first() (or [:1]) sorts the author's "
            "books and builds a Book just to answer yes or no. qs.exists() asks for "
            "SELECT 1 ... LIMIT 1, unordered"
        )


@pytest.mark.task(8)
def test_books_tagged_runs_no_query_until_iterated(catalog):
    from catalog import reports

    with CaptureQueriesContext(connection) as calling:
        books = reports.books_tagged("sf")
        refined = books.filter(price__lt=9) if isinstance(books, QuerySet) else None
    assert isinstance(books, QuerySet) and len(calling) == 0, (
        f"books_tagged('sf') ran {len(calling)} queries and returned a "
        f"{type(books).__name__}; expected no query and a QuerySet: list(), len(), "
        "bool() (if qs:) and iterating run the query; return the QuerySet itself so the "
        "caller can refine it (filter, paginate) before it runs once"
    )
    with CaptureQueriesContext(connection) as iterating:
        titles = [book.title for book in books]
    assert titles == ["Dune", "Neuromancer"] and len(iterating) == 1, (
        f"iterating books_tagged('sf') gave {titles} in {len(iterating)} queries; "
        "expected ['Dune', 'Neuromancer'] in 1"
    )
    assert [book.title for book in refined] == ["Neuromancer"]
