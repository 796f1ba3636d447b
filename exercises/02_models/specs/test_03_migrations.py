"""Challenge 3, Migrations and schema evolution: the authors migrations, run for
real with Django's MigrationExecutor.

The test database is built from the models, not the migrations (see
config/settings.py), so each spec here first rebuilds the authors table from
its migrations: back at 0001_initial, with rows inserted through the
historical model, then forward and back as the spec needs. Each spec needs
transaction=True: SQLite can't change a schema inside the transaction a normal
spec runs in.
"""

import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, migrations
from django.db.migrations.exceptions import IrreversibleError
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import CaptureQueriesContext

APP = "authors"
INITIAL = (APP, "0001_initial")

NAMES = [
    "Mary Shelley",
    "Ursula K. Le Guin",
    "Homer",
    "  Octavia   Butler ",
    "Gabriel García Márquez",
]
SPLIT = [
    ("Mary", "Shelley"),
    ("Ursula", "K. Le Guin"),
    ("Homer", ""),
    ("Octavia", "Butler"),
    ("Gabriel", "García Márquez"),
]


@pytest.fixture(autouse=True)
def no_routing(settings):
    """Every query of these specs goes to "default", whatever the router of
    challenge 7 (config/routers.py) says: a half-done router can't fail them."""
    settings.DATABASE_ROUTERS = []


def executor():
    return MigrationExecutor(connection)


def final_migration():
    leaves = executor().loader.graph.leaf_nodes(APP)
    if len(leaves) != 1:
        pytest.fail(
            f"authors has {len(leaves)} latest migrations {leaves}: two migrations depend "
            "on the same parent. Merge them (makemigrations --merge) or fix a dependency"
        )
    return leaves[0]


def historical_author(target):
    """The Author model as the migration `target` leaves it (not authors.models)."""
    return executor().loader.project_state(target).apps.get_model(APP, "Author")


def data_step_after_removal():
    """Whether a RunPython step of the authors migrations runs at a point of history
    where Author no longer has full_name."""
    loader = executor().loader
    try:
        plan = [node for node in loader.graph.forwards_plan(final_migration()) if node[0] == APP]
    except Exception:
        return False
    for node in plan:
        if node == INITIAL:
            continue
        state = loader.project_state(node, at_end=False)
        for operation in loader.get_migration(*node).operations:
            if isinstance(operation, migrations.RunPython):
                model = state.models.get((APP, "author"))
                if model is not None and "full_name" not in model.fields:
                    return True
            operation.state_forwards(APP, state)
    return False


def why(error):
    text = str(error)
    if isinstance(error, IrreversibleError):
        return (
            " The data step has no reverse, so Django can't unapply it, and migrating "
            "back is impossible"
        )
    if "full_name" in text and "NOT NULL" in text:
        return (
            " Migrating back re-adds full_name, NOT NULL and without a default, to a table "
            "that has rows: the database has no value to give them before the names are "
            "joined again"
        )
    if "full_name" in text and data_step_after_removal():
        return (
            " The RunPython step runs after full_name is removed: at that point of "
            "history the column and the field are gone, so there is nothing to split"
        )
    if "full_name" in text:
        return (
            " The data step reads full_name through a model that doesn't have it: the "
            "Author imported from authors.models is today's model, not the model as it "
            "is at that point of the migration history"
        )
    return ""


def migrate(target, direction):
    try:
        executor().migrate([target])
    except Exception as error:
        pytest.fail(
            f"migrating authors {direction} to {target[1]} raised "
            f"{type(error).__name__}: {error}.{why(error)}"
        )


def drop_authors_table():
    with connection.schema_editor() as editor:
        editor.execute("DROP TABLE IF EXISTS authors_author")
    recorder = MigrationRecorder(connection)
    recorder.ensure_schema()
    recorder.migration_qs.filter(app=APP).delete()


@pytest.fixture
def authors_at_initial(transactional_db):
    """The authors table as migration 0001_initial made it (with full_name), empty.
    Afterwards, the table is put back in its final state for the other specs."""
    drop_authors_table()
    executor().migrate([INITIAL])
    yield
    try:
        executor().migrate([final_migration()])
    except Exception:
        # The learner's migrations don't run: rebuild the table from the model.
        drop_authors_table()
        try:
            model = apps.get_model(APP, "Author")
        except LookupError:
            return
        with connection.schema_editor() as editor:
            editor.create_model(model)


def insert_full_names(names):
    Author = historical_author(INITIAL)
    for name in names:
        Author.objects.create(full_name=name)


def split_names(target):
    Author = historical_author(target)
    fields = {field.name for field in Author._meta.get_fields()}
    if not {"first_name", "last_name"} <= fields:
        pytest.fail(
            f"after the last migration ({target[1]}) Author has the fields {sorted(fields)}; "
            "expected first_name and last_name"
        )
    return list(Author.objects.order_by("pk").values_list("first_name", "last_name"))


@pytest.mark.task(1)
@pytest.mark.django_db(transaction=True)
def test_migrating_forward_splits_every_full_name(authors_at_initial):
    insert_full_names(NAMES)
    final = final_migration()
    migrate(final, "forward")
    rows = split_names(final)
    assert rows == SPLIT, (
        f"after migrating forward, the authors {NAMES} became (first_name, last_name) "
        f"{rows}; expected {SPLIT}"
        + (
            ": every name was lost (full_name was dropped and nothing copied it)"
            if all(row == ("", "") for row in rows)
            else ": the names were split in the wrong place (at the first space, "
            "surrounding spaces ignored)"
        )
    )


@pytest.mark.task(2)
@pytest.mark.django_db(transaction=True)
def test_migrating_back_restores_every_full_name(authors_at_initial):
    insert_full_names(NAMES)
    final = final_migration()
    migrate(final, "forward")
    historical_author(final).objects.create(first_name="Zadie", last_name="Smith")
    migrate(INITIAL, "back")
    Author = historical_author(INITIAL)
    names = list(Author.objects.order_by("pk").values_list("full_name", flat=True))
    expected = [
        "Mary Shelley",
        "Ursula K. Le Guin",
        "Homer",
        "Octavia Butler",
        "Gabriel García Márquez",
        "Zadie Smith",
    ]
    assert names == expected, (
        f"after migrating forward and back to 0001, full_name is {names}; expected "
        f"{expected} (first and last name joined with one space, for the author created "
        "after the split too)"
        + (": the names were lost on the way back" if not any(names) else "")
    )


@pytest.mark.task(3)
@pytest.mark.django_db(transaction=True)
def test_models_and_migrations_agree(authors_at_initial):
    from authors.models import Author

    final = final_migration()
    migrate(final, "forward")
    for first, last in (
        ("Zadie", "Smith"),
        ("Percy", "Shelley"),
        ("Ursula", "K. Le Guin"),
        ("Mary", "Shelley"),
    ):
        Author.objects.create(first_name=first, last_name=last)
    with CaptureQueriesContext(connection) as queries:
        order = [str(author) for author in Author.objects.all()]
    assert order == ["Ursula K. Le Guin", "Mary Shelley", "Percy Shelley", "Zadie Smith"], (
        f"Author.objects.all() lists {order}; expected last name, then first name, "
        "by default"
    )
    # SQLite may walk the (last_name, first_name) index and return ties on the last
    # name in first-name order by chance: read the ORDER BY the query asked for.
    order_by = queries.captured_queries[-1]["sql"].partition(" ORDER BY ")[2]
    sort_keys = re.findall(r'"(\w+)" (?:ASC|DESC)', order_by)
    assert sort_keys[:2] == ["last_name", "first_name"], (
        f"Author.objects.all() sorts by {sort_keys or 'nothing'}; expected last_name, then "
        "first_name (two authors with one last name must be ordered by first name, not "
        "left to chance)"
    )
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "authors_author")
    indexed = [spec["columns"] for spec in constraints.values() if spec["index"]]
    assert ["last_name", "first_name"] in indexed, (
        f"after migrating forward, the authors table has indexes on {indexed}; expected one "
        "on (last_name, first_name), declared on the model and created by a migration"
    )
    out = io.StringIO()
    try:
        call_command(
            "makemigrations",
            APP,
            check=True,
            dry_run=True,
            interactive=False,
            stdout=out,
            stderr=out,
        )
    except SystemExit:
        pytest.fail(
            "makemigrations --check finds changes to authors/models.py that no migration "
            f"records:\n{out.getvalue().strip()}"
        )
