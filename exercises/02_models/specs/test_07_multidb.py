"""Challenge 7, Multi-database: the router of config/routers.py.

Two real SQLite databases, both created by the test runner: "default" and
"analytics". "replica" is a TEST MIRROR of default: its own connection to
default's test database, as a replica that replication keeps up to date. The
specs that read from the replica use transaction=True, so that what default
writes is committed and visible to the replica's connection.
"""

import itertools
from decimal import Decimal

import pytest
from django.db import connections, router, transaction
from django.test.utils import CaptureQueriesContext

ALL = ["default", "replica", "analytics"]

_isbns = itertools.count(9782000000001)


def tables(alias):
    return set(connections[alias].introspection.table_names())


def make_book(title="Dune", author_name="Frank Herbert"):
    from catalog.models import Author, Book

    author = Author.objects.create(name=author_name)
    return Book.objects.create(
        title=title, author=author, isbn=str(next(_isbns)), price=Decimal("9.99")
    )


@pytest.mark.task(1)
@pytest.mark.django_db(databases=ALL)
def test_analytics_rows_live_in_the_analytics_database():
    from analytics.models import PageView

    answers = (router.db_for_read(PageView), router.db_for_write(PageView))
    assert answers == ("analytics", "analytics"), (
        f"the router sends PageView reads to {answers[0]!r} and writes to {answers[1]!r}; "
        "expected 'analytics' for both: the analytics app's rows live in their own database"
    )
    view = PageView.objects.create(path="/shop/books/dune/", book_id=1)
    assert view._state.db == "analytics", f"the new PageView was saved to {view._state.db!r}"
    with connections["analytics"].cursor() as cursor:
        cursor.execute("SELECT path FROM analytics_pageview")
        rows = cursor.fetchall()
    assert rows == [("/shop/books/dune/",)], f"the analytics database holds the page views {rows}"
    assert PageView.objects.get(pk=view.pk)._state.db == "analytics"


@pytest.mark.task(2)
@pytest.mark.django_db(transaction=True, databases=ALL)
def test_catalog_reads_go_to_the_replica_and_writes_to_default():
    from catalog.models import Book

    book = make_book()
    assert book._state.db == "default", (
        f"a new book was written to {book._state.db!r}; expected 'default'"
    )
    fetched = Book.objects.get(pk=book.pk)
    assert fetched._state.db == "replica", (
        f"Book.objects.get() read from {fetched._state.db!r}; expected 'replica': outside a "
        "transaction, catalog reads go to the replica"
    )
    fetched.title = "Dune (revised)"
    # In the specs the replica is a mirror: a second connection to default's file, so
    # a write sent to it would land in default all the same. Watch where it goes.
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        fetched.save()
    writes = [q["sql"] for q in on_replica.captured_queries if not q["sql"].startswith("SELECT")]
    assert not writes and fetched._state.db == "default", (
        "saving a book read from the replica wrote to the replica "
        f"({writes or fetched._state.db!r}); expected 'default': without an answer for "
        "catalog writes, Django writes to the database the object came from, and a "
        "replica is read-only"
    )
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT title FROM catalog_book WHERE id = %s", [book.pk])
        title = cursor.fetchone()[0]
    assert title == "Dune (revised)", (
        "saving a book read from the replica didn't reach default: without an answer for "
        "catalog writes, Django writes to the database the object came from, the "
        "read-only replica"
    )


@pytest.mark.task(2)
@pytest.mark.django_db(transaction=True, databases=ALL)
def test_reads_inside_a_transaction_stay_on_default():
    from catalog.models import Author

    assert router.db_for_read(Author) == "replica", (
        f"outside a transaction the router reads authors from {router.db_for_read(Author)!r}; "
        "expected 'replica'"
    )
    with transaction.atomic():
        author = Author.objects.create(name="Mary Shelley")
        try:
            fetched = Author.objects.get(pk=author.pk)
        except Author.DoesNotExist:
            fetched = None
        assert fetched is not None and fetched._state.db == "default", (
            "inside transaction.atomic(), reading the author just created "
            f"{'found nothing' if fetched is None else 'went to ' + repr(fetched._state.db)}: "
            "the replica can't see a transaction's uncommitted rows, so a transaction on "
            "default must read from default"
        )


@pytest.mark.task(3)
@pytest.mark.django_db(databases=ALL)
def test_relations_allowed_within_the_primary_refused_across_databases():
    from analytics.models import PageView
    from catalog.models import Author, Book

    book = Book(title="Dune", price=Decimal("9.99"))
    book._state.db = "replica"  # as read from the replica
    author = Author(name="Frank Herbert")
    author._state.db = "default"  # as just written
    try:
        book.author = author
    except ValueError as error:
        pytest.fail(
            f"giving a book read from the replica an author from default raised ValueError "
            f"({error}); expected it allowed: default and replica hold the same data, one "
            "database as far as relations go (Django's default allows a relation within "
            "one alias only)"
        )
    view, other_view = PageView(path="/"), PageView(path="/shop/")
    view._state.db = other_view._state.db = "analytics"
    answers = {
        pair: router.allow_relation(*objects)
        for pair, objects in {
            "book-author": (book, author),
            "book-pageview": (book, view),
            "pageview-author": (view, author),
            "pageview-pageview": (view, other_view),
        }.items()
    }
    expected = {
        "book-author": True,
        "book-pageview": False,
        "pageview-author": False,
        "pageview-pageview": True,
    }
    assert answers == expected, (
        f"router.allow_relation() answered {answers}; expected {expected}: True within one "
        "database and between default and replica, False between analytics and the others "
        "(no foreign key crosses databases)"
    )


@pytest.mark.task(4)
@pytest.mark.django_db(databases=ALL)
def test_tables_exist_only_where_allow_migrate_says():
    default, analytics = tables("default"), tables("analytics")
    misplaced = sorted(
        {"catalog_book", "auth_user", "inventory_stockitem", "shop_book"} & analytics
    ) + sorted({"analytics_pageview"} & default)
    assert not misplaced, (
        f"the test runner created {misplaced} in the wrong database (catalog, auth, "
        "inventory and shop tables in analytics, or analytics_pageview in default): a router "
        "without allow_migrate, or whose allow_migrate answers None (no opinion: yes) for "
        "them, lets every table be created in every database"
    )
    assert "analytics_pageview" in analytics and "catalog_book" in default
    try:
        answers = {
            (db, app): router.allow_migrate(db, app)
            for db in ALL
            for app in ("catalog", "analytics")
        }
    except TypeError as error:
        pytest.fail(
            f"router.allow_migrate(db, app_label) raised TypeError ({error}): Django calls it "
            "without model_name for RunPython and RunSQL steps, so model_name is optional"
        )
    expected = {
        ("default", "catalog"): True,
        ("default", "analytics"): False,
        ("replica", "catalog"): False,
        ("replica", "analytics"): False,
        ("analytics", "catalog"): False,
        ("analytics", "analytics"): True,
    }
    assert answers == expected, (
        f"router.allow_migrate(db, app) answered {answers}; expected {expected}: nothing is "
        "migrated on the replica (replication copies the primary's tables)"
    )
