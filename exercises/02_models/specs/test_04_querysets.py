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

    # Created in reverse name order: an order left to the database (ids) is never
    # the order by name by chance.
    authors = {
        name: Author.objects.create(name=name)
        for name in ("Zadie Smith", "William Gibson", "Mary Shelley", "Frank Herbert")
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


def shape(value):
    text = repr(value)
    return f"a {type(value).__name__} ({text[:80]}{'...' if len(text) > 80 else ''})"


def rows_of(function, result, model_name, expected):
    """The rows of a report that returns model instances, or a failure that says
    what shape came back instead (never an AttributeError from the spec)."""
    if not isinstance(result, (list, tuple)):
        pytest.fail(f"{function}() returned {shape(result)}; expected {expected}")
    for row in result:
        if type(row).__name__ != model_name:
            pytest.fail(f"{function}() returned rows like {shape(row)}; expected {expected}")
    return result


@pytest.mark.task(1)
def test_books_per_author_counts_in_one_query(catalog):
    from catalog import reports

    authors, sql = call(reports.books_per_author)
    rows_of("books_per_author", authors, "Author", "Author objects, each with a book_count")
    found = [(author.name, getattr(author, "book_count", None)) for author in authors]
    assert found == [
        ("Frank Herbert", 2),
        ("William Gibson", 2),
        ("Mary Shelley", 1),
        ("Zadie Smith", 0),
    ], (
        f"books_per_author() gave {found}; expected most books first, ties by name (an "
        "aggregate query ignores Meta.ordering), and Zadie Smith with 0"
    )
    one_query(
        "books_per_author",
        sql,
        "counting each author's books is one more query per author (N+1); the database "
        "can count them all in the query that lists the authors",
    )


@pytest.mark.task(2)
def test_rating_summary_aggregates_in_the_database(catalog):
    from catalog import reports
    from catalog.models import Review

    summary, sql = call(reports.rating_summary)
    if not isinstance(summary, dict):
        pytest.fail(
            f"rating_summary() returned {shape(summary)}; expected a dict "
            "{'count': ..., 'average': ...}"
        )
    assert summary == {"count": 5, "average": pytest.approx(4.2)}, (
        f"rating_summary() is {summary}; expected {{'count': 5, 'average': 4.2}}"
    )
    one_query("rating_summary", sql, "the database can compute both in one query")
    assert "AVG(" in sql[0].upper(), (
        f"rating_summary() ran {sql[0]!r}: it fetched the ratings and averaged them in "
        "Python; expected the database to compute the average and send back one row"
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
    rows_of("books_with_counts", books, "Book", "Book objects with review_count and tag_count")
    found = [
        (book.title, getattr(book, "review_count", "missing"), getattr(book, "tag_count", "missing"))
        for book in books
    ]
    expected = [
        ("Count Zero", 0, 1),
        ("Dune", 3, 2),
        ("Dune Messiah", 0, 0),
        ("Frankenstein", 1, 1),
        ("Neuromancer", 1, 2),
    ]
    multiplied = ("Dune", 6, 6) in found
    assert found == expected, (
        f"books_with_counts() gave (title, reviews, tags) {found}; expected {expected}"
        + (
            ". Dune has 3 reviews and 2 tags: joining both relations gives 3 x 2 = 6 "
            "rows, and each count counted all 6: every review once per tag and every tag "
            "once per review"
            if multiplied
            else " (by title: an aggregate query ignores Meta.ordering)"
        )
    )
    one_query("books_with_counts", sql, "both counts come with the books, in the same query")


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
    rows_of("cheap_or_classic", books, "Book", "Book objects")
    titles = [book.title for book in books]
    expected = ["Dune", "Frankenstein", "Neuromancer"]
    sold_out = [title for title in titles if title in ("Pulp Paperback", "The Time Machine")]
    if sold_out:
        why = (
            f": {sold_out} are out of stock. The stock condition must hold for both "
            "branches of the OR, and & binds tighter than |: cheap | old & in stock "
            "lets a cheap book out of stock through"
        )
    elif set(titles) < set(expected):
        why = (
            ": a book that is cheap but not old, or old but not cheap, is missing, as "
            "if both conditions had to hold (AND) where either is enough (OR)"
        )
    else:
        why = ""
    assert titles == expected, (
        f"cheap_or_classic(10, 1950) found {titles}; expected {expected}: in stock AND "
        f"(under 10.00 OR published before 1950), by title{why}"
    )


@pytest.mark.task(5)
def test_with_latest_rating_uses_a_subquery(catalog):
    from catalog import reports

    books, sql = call(reports.with_latest_rating)
    rows_of("with_latest_rating", books, "Book", "Book objects with latest_rating")
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
        "fetching each book's newest review is one query per book (N+1); the database "
        "can pick each book's newest review inside the query that lists the books",
    )


@pytest.mark.task(6)
def test_title_prices_reads_only_two_columns(catalog):
    from catalog import reports

    rows, sql = call(reports.title_prices)
    if not isinstance(rows, (list, tuple)) or not all(
        isinstance(row, (list, tuple)) and len(row) == 2 for row in rows
    ):
        sample = rows[0] if isinstance(rows, (list, tuple)) and rows else rows
        pytest.fail(
            f"title_prices() returned {shape(rows)}, with rows like {shape(sample)}; "
            "expected a list of (title, price) tuples"
        )
    assert [tuple(row) for row in rows][:2] == [
        ("Count Zero", Decimal("15.00")),
        ("Dune", Decimal("9.99")),
    ] and len(rows) == 5, (
        f"title_prices() began {rows[:2]}; expected [('Count Zero', Decimal('15.00')), ('Dune', Decimal('9.99')), ...]"
    )
    one_query("title_prices", sql, "one query reads the two columns")
    assert "isbn" not in sql[0].lower(), (
        f"title_prices() ran {sql[0]!r}: it loads every column of every book (isbn, "
        "stock, ...) to use two"
    )
    selected = sql[0].partition(" FROM ")[0]
    assert '"id"' not in selected, (
        f"title_prices() ran {sql[0]!r}: it reads the primary key too and builds a Book "
        "per row (as only() does), where the report needs two columns as tuples"
    )


@pytest.mark.task(7)
def test_author_has_books_stops_at_the_first_row(catalog):
    from catalog import reports

    for name, expected in (("Frank Herbert", True), ("Zadie Smith", False)):
        answer, sql = call(reports.author_has_books, catalog[name])
        assert answer is expected, f"author_has_books({name!r}) is {answer!r}; expected {expected}"
        one_query("author_has_books", sql, "one query answers yes or no")
        statement = sql[0].upper()
        assert "LIMIT 1" in statement and "COUNT(" not in statement, (
            f"author_has_books() ran {sql[0]!r}: it "
            + ("counts every book of the author" if "COUNT(" in statement else "fetches every book of the author")
            + " to answer yes or no; expected the database to stop at the first row (LIMIT 1)"
        )
        assert "ORDER BY" not in statement, (
            f"author_has_books() ran {sql[0]!r}: it sorts the author's books and builds a "
            "Book (as first() does) just to answer yes or no; expected an unordered "
            "question that stops at the first row"
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
        "bool() (if qs:) and iterating run the query, before the caller could refine it "
        "(filter, paginate)"
    )
    with CaptureQueriesContext(connection) as iterating:
        titles = [book.title for book in books]
    assert titles == ["Dune", "Neuromancer"] and len(iterating) == 1, (
        f"iterating books_tagged('sf') gave {titles} in {len(iterating)} queries; "
        "expected ['Dune', 'Neuromancer'] in 1"
    )
    assert [book.title for book in refined] == ["Neuromancer"]
