"""Challenge 5, Management commands: `manage.py import_notes CSV [--dry-run]`."""

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db

GOOD_CSV = """\
title,body
Django tips,Use select_related for foreign keys.
Groceries,"milk, eggs"
Reading list,Two Scoops of Django
"""

BAD_ROW_3_CSV = """\
title,body
Django tips,Use select_related for foreign keys.
Groceries,"milk, eggs"
,a row without a title
"""


def write_csv(tmp_path, text):
    path = tmp_path / "notes.csv"
    path.write_text(text, encoding="utf-8")
    return path


def run_import(*args):
    """call_command("import_notes", ...), returning what it wrote to self.stdout."""
    out = io.StringIO()
    call_command("import_notes", *map(str, args), stdout=out)
    return out.getvalue()


def counts(output):
    """(created, skipped) from a summary like "2 created, 1 skipped"."""
    created = re.search(r"(\d+) created", output)
    skipped = re.search(r"(\d+) skipped", output)
    assert created and skipped, (
        f"import_notes wrote {output!r} to its stdout; expected a summary like "
        "'2 created, 1 skipped' there (text printed straight to the terminal doesn't reach "
        "the command's stdout, which call_command() and callers capture)"
    )
    return int(created.group(1)), int(skipped.group(1))


def note_titles():
    from notes.models import Note

    return sorted(Note.objects.values_list("title", flat=True))


def import_error(path, problem, *options):
    """The CommandError message of importing path, or a failure saying what happened."""
    try:
        run_import(path, *options)
        outcome = "ran without error"
    except CommandError as error:
        return str(error)
    except Exception as error:
        outcome = f"raised {type(error).__name__} ({error})"
    command = " ".join(["import_notes", *options])
    pytest.fail(
        f"{command} {outcome} although {problem}; expected CommandError with a message "
        "for the user"
    )


@pytest.mark.task(1)
def test_bad_row_raises_command_error_naming_the_row(tmp_path):
    message = import_error(write_csv(tmp_path, BAD_ROW_3_CSV), "row 3 has no title")
    assert re.search(r"\b(row 3|line 4)\b", message, re.IGNORECASE), (
        f"the error says {message!r}; expected it to name row 3 (line 4 of the file, "
        "counting the header), the row without a title"
    )
    too_long = "title,body\n" + "x" * 201 + ",a title over 200 characters\n"
    message = import_error(write_csv(tmp_path, too_long), "row 1's title is too long")
    assert re.search(r"\b(row 1|line 2)\b", message, re.IGNORECASE), (
        f"the error for a 201-character title says {message!r}; expected it to name row 1"
    )


@pytest.mark.task(2)
def test_bad_row_imports_nothing(tmp_path):
    import_error(write_csv(tmp_path, BAD_ROW_3_CSV), "row 3 has no title")
    assert note_titles() == [], (
        f"the import failed on row 3 but kept {note_titles()}; expected no notes: one bad "
        "row imports nothing, not even the rows before it"
    )


@pytest.mark.task(3)
def test_rerun_creates_no_duplicates(tmp_path):
    path = write_csv(tmp_path, GOOD_CSV)
    run_import(path)
    output = run_import(path)
    assert note_titles() == ["Django tips", "Groceries", "Reading list"], (
        f"after importing the same file twice the notes are {note_titles()}; expected each "
        "title once: the second run duplicated notes"
    )
    assert counts(output) == (0, 3), (
        f"the second run reported {output.strip()!r}; expected 0 created, 3 skipped"
    )


@pytest.mark.task(4)
def test_import_creates_notes_and_reports_counts(tmp_path):
    from notes.models import Note

    Note.objects.create(title="Groceries", body="already here")
    output = run_import(write_csv(tmp_path, GOOD_CSV))
    assert note_titles() == ["Django tips", "Groceries", "Reading list"], (
        f"after the import the notes are {note_titles()}; expected Django tips, Groceries "
        "(already there) and Reading list"
    )
    assert Note.objects.get(title="Groceries").body == "already here", (
        "the import changed the note that was already there; expected it skipped"
    )
    assert counts(output) == (2, 1), (
        f"import_notes reported {output.strip()!r}; expected 2 created, 1 skipped"
    )


@pytest.mark.task(4)
def test_dry_run_saves_nothing_but_reports_counts(tmp_path):
    from notes.models import Note

    Note.objects.create(title="Groceries", body="already here")
    output = run_import(write_csv(tmp_path, GOOD_CSV), "--dry-run")
    assert note_titles() == ["Groceries"], (
        f"--dry-run left the notes {note_titles()}; expected nothing saved (only "
        "'Groceries', which was there before)"
    )
    assert counts(output) == (2, 1), (
        f"--dry-run reported {output.strip()!r}; expected what a real run would do: "
        "2 created, 1 skipped ('Groceries' is already a note)"
    )


@pytest.mark.task(4)
def test_dry_run_validates_the_rows(tmp_path):
    message = import_error(
        write_csv(tmp_path, BAD_ROW_3_CSV), "row 3 has no title", "--dry-run"
    )
    assert re.search(r"\b(row 3|line 4)\b", message, re.IGNORECASE), (
        f"import_notes --dry-run on a file whose row 3 has no title says {message!r}; "
        "expected the error a real run gives, naming row 3"
    )
    assert note_titles() == [], f"--dry-run saved {note_titles()}; expected nothing saved"


@pytest.mark.task(5)
def test_missing_file_raises_command_error_naming_it(tmp_path):
    path = tmp_path / "missing.csv"
    message = import_error(path, "the file does not exist")
    assert "missing.csv" in message, f"the error says {message!r}; expected it to name {path}"
