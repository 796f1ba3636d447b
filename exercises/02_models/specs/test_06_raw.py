"""Challenge 6, Raw SQL: the reports of catalog/raw.py, correct and attacked."""

from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.models.query import RawQuerySet
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

INJECTIONS = [
    "' OR 1=1 --",
    "' OR '1'='1",
    "x' UNION SELECT username, id FROM auth_user --",
    "'; DELETE FROM catalog_book; --",
]


@pytest.fixture(autouse=True)
def no_routing(settings):
    """Every query of these specs goes to "default", whatever the router of
    challenge 7 (config/routers.py) says: a half-done router can't fail them."""
    settings.DATABASE_ROUTERS = []


@pytest.fixture
def catalog(django_user_model):
    """Books of three authors, reviews for three of them, and a user whose name an
    attacker would like to read."""
    from catalog.models import Author, Book, Review

    django_user_model.objects.create(username="admin")
    authors = {
        name: Author.objects.create(name=name)
        for name in ("Frank Herbert", "Flann O'Brien", "William Gibson", "Jane Austen")
    }
    rows = [
        ("Dune", "Frank Herbert", 3, [5, 5, 4]),
        ("Dune Messiah", "Frank Herbert", 0, []),
        ("The Third Policeman", "Flann O'Brien", 2, [4, 4]),
        ("Neuromancer", "William Gibson", 5, [4]),
        # Averages 3: one great review doesn't make it top rated.
        ("Emma", "Jane Austen", 1, [5, 1]),
    ]
    for number, (title, author, stock, ratings) in enumerate(rows):
        book = Book.objects.create(
            title=title,
            author=authors[author],
            isbn=f"97810000000{number:02d}",
            price=Decimal("10.00"),
            stock=stock,
        )
        for rating in ratings:
            Review.objects.create(book=book, reviewer="reader", rating=rating)


def pasted_into(statements, args):
    """The arguments whose text appears in the SQL text the driver received (a value
    sent as a parameter never does)."""
    return [
        arg for arg in args if isinstance(arg, str) and any(arg in sql for sql in statements)
    ]


def run(function, *args):
    """Call a report in a savepoint and list its rows; an error fails the spec with
    what happened (an injection named only when the value was in the SQL text)."""
    statements, parameters = [], []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        parameters.append(params)
        return execute(sql, params, many, context)

    call = f"{function.__name__}({', '.join(map(repr, args))})"
    with CaptureQueriesContext(connection) as queries:
        try:
            with connection.execute_wrapper(record), transaction.atomic():
                result = function(*args)
                try:
                    rows = list(result)
                except TypeError:
                    pytest.fail(f"{call} returned {result!r}; expected rows")
        except pytest.fail.Exception:
            raise
        except Exception as error:
            pasted = pasted_into(statements, args)
            if pasted:
                why = (
                    f". The value {pasted[0]!r} was written into the SQL text, where its "
                    "quote ends the string literal and the rest is read as SQL"
                )
            elif any(isinstance(params, str) for params in parameters):
                why = (
                    f". The parameters were the string {next(p for p in parameters if isinstance(p, str))!r} "
                    "itself, where the driver expects a list (or tuple) of values"
                )
            elif any(quoted in sql for sql in statements for quoted in ("'%s'", '"%s"')):
                why = (
                    ". The placeholder is inside quotes ('%s'): that is a string literal "
                    "holding the text %s, not a placeholder"
                )
            else:
                why = ""
            pytest.fail(f"{call} raised {type(error).__name__}: {str(error).rstrip('.')}{why}")
    return rows, [
        q["sql"]
        for q in queries.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))
    ]


def sent_sql(function, *args):
    """The SQL text of every statement a call sends to the database, as the driver
    receives it: placeholders (%s) still in it, the values apart."""
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record), transaction.atomic():
        list(function(*args))
    return statements


def book_count():
    from catalog.models import Book

    return Book.objects.count()


@pytest.mark.task(1)
def test_top_rated_maps_rows_to_books_with_extra_attributes(catalog):
    from catalog import raw
    from catalog.models import Book

    result = raw.top_rated(4)
    assert isinstance(result, RawQuerySet), (
        f"top_rated() returned a {type(result).__name__}; expected the RawQuerySet of "
        "Book.objects.raw(...), which maps each row to a Book"
    )
    books, sql = run(raw.top_rated, 4)
    strangers = [book for book in books if not isinstance(book, Book)]
    assert not strangers, (
        f"top_rated(4) gave rows like {strangers[0]!r}; expected Book instances"
    )
    found = [
        (book.title, getattr(book, "average_rating", None), getattr(book, "review_count", None))
        for book in books
    ]
    expected = [
        ("Dune", pytest.approx(14 / 3), 3),
        ("Neuromancer", 4, 1),
        ("The Third Policeman", 4, 2),
    ]
    emma = [row for row in found if row[0] == "Emma"]
    assert found == expected, (
        f"top_rated(4) gave (title, average_rating, review_count) {found}; expected "
        "[('Dune', 4.67, 3), ('Neuromancer', 4.0, 1), ('The Third Policeman', 4.0, 2)]: "
        "an average of at least 4, best first, ties by title"
        + (
            f". Emma's two reviews (5 and 1) average 3, yet it is listed as {emma[0]}: the "
            "condition kept only the good reviews before averaging, where it must hold "
            "for each book's average"
            if emma
            else ""
        )
        + (
            "; average_rating and review_count are missing: any column the SELECT names "
            "beyond the model's fields becomes an attribute of the Book"
            if any(row[1] is None or row[2] is None for row in found)
            else ""
        )
    )
    with CaptureQueriesContext(connection) as later:
        for book in books:
            (book.isbn, book.price, book.stock, book.author_id, book.published_on)
    assert len(sql) == 1 and len(later) == 0, (
        f"top_rated() ran {len(sql)} queries, and reading the books' fields ran "
        f"{len(later)} more: a column of the book missing from the SELECT is loaded "
        "later, one query per book (a deferred field)"
    )
    titles = [getattr(book, "title", book) for book in run(raw.top_rated, 0)[0]]
    assert titles == ["Dune", "Neuromancer", "The Third Policeman", "Emma"], (
        f"top_rated(0) found {titles}; expected every reviewed book, and no book "
        "without reviews (Dune Messiah)"
    )


@pytest.mark.task(2)
def test_stock_by_author_reads_rows_with_a_cursor(catalog):
    from catalog import raw

    for name, expected in (
        ("Frank Herbert", [("Dune", 3), ("Dune Messiah", 0)]),
        ("Flann O'Brien", [("The Third Policeman", 2)]),
        ("Nobody", []),
    ):
        rows, _sql = run(raw.stock_by_author, name)
        rows = [tuple(row) if isinstance(row, (list, tuple)) else row for row in rows]
        assert rows == expected, f"stock_by_author({name!r}) returned {rows}; expected {expected}"
    for name, why in (
        ("frank herbert", "the name matches exactly, case included"),
        ("Frank%", "a % in the name is a character, not a wildcard"),
        ("%", "a % in the name is a character, not a wildcard"),
        ("Frank_Herbert", "an _ in the name is a character, not a wildcard"),
    ):
        rows, _sql = run(raw.stock_by_author, name)
        assert rows == [], (
            f"stock_by_author({name!r}) returned {len(rows)} rows {rows[:3]}; expected "
            f"nothing: no author is named {name!r}, and {why} (a pattern match, LIKE, "
            "treats % and _ as wildcards and, on SQLite, ignores case)"
        )


@pytest.mark.task(3)
def test_stock_by_author_is_not_injectable(catalog):
    from catalog import raw

    for payload in INJECTIONS:
        rows, sql = run(raw.stock_by_author, payload)
        assert rows == [] and book_count() == 5, (
            f"stock_by_author({payload!r}) returned {len(rows)} rows {rows[:3]} and left "
            f"{book_count()} of 5 books; expected nothing: the name was pasted into the "
            f"SQL ({sql[-1] if sql else ''!r}) and an attacker's SQL ran"
        )
    pasted = [sql for sql in sent_sql(raw.stock_by_author, "Flann O'Brien") if "Brien" in sql]
    assert not pasted, (
        f'stock_by_author("Flann O\'Brien") sent the name inside the SQL text: {pasted[0]!r}. '
        "Escaping quotes by hand depends on each database's quoting rules and is one "
        "mistake away from an injection; the driver must receive the value apart from "
        "the SQL"
    )


@pytest.mark.task(3)
def test_top_rated_is_not_injectable(catalog):
    from catalog import raw

    for payload in ("6 OR 1=1", "6) OR (1=1", "0; DELETE FROM catalog_book"):
        statements = []

        def record(execute, sql, params, many, context, statements=statements):
            statements.append(sql)
            return execute(sql, params, many, context)

        try:
            with connection.execute_wrapper(record), transaction.atomic():
                books = list(raw.top_rated(payload))
        except (TypeError, ValueError):
            books = []  # refusing a rating that isn't a number is fine too
        except Exception as error:
            pasted = pasted_into(statements, [payload])
            pytest.fail(
                f"top_rated({payload!r}) raised {type(error).__name__} ({error})"
                + (": the value was written into the SQL text and read as SQL" if pasted else "")
            )
        assert books == [] and book_count() == 5, (
            f"top_rated({payload!r}) returned {len(books)} books and left {book_count()} "
            "of 5; expected none: the rating was written into the SQL text, and the "
            "attacker's condition ran as SQL"
        )
    pasted = [sql for sql in sent_sql(raw.top_rated, 3.75) if "3.75" in sql]
    assert not pasted, (
        f"top_rated(3.75) sent the rating inside the SQL text: {pasted[0]!r}. Converting "
        "it with float() or int() first happens to be safe here, but values never go into "
        "the SQL string: the driver must receive them apart"
    )
