"""Challenge 1, Key features tour: the messages framework, the admin, the home page."""

import io
import re

import pytest
from django.contrib import messages
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import NoReverseMatch, reverse
from model_bakery import baker


@pytest.fixture
def admin_user(django_user_model):
    """pytest-django's superuser, minus the password: admin_client logs in with
    force_login, which needs none, and hashing one costs a third of a second."""
    return django_user_model.objects.create_superuser("admin", "admin@example.com", None)


def changelist_url():
    try:
        return reverse("admin:notes_note_changelist")
    except NoReverseMatch:
        pass
    pytest.fail(
        "the admin has no page for notes (no URL named admin:notes_note_changelist): Note "
        "is not registered in the admin"
    )


def get_changelist(admin_client, params=None):
    response = admin_client.get(changelist_url(), params or {})
    assert response.status_code == 200, (
        f"the notes changelist answered {response.status_code}; expected 200"
    )
    return response


def shown_titles(response):
    """The titles of the notes on a changelist page, whatever its columns."""
    return sorted(note.title for note in response.context["cl"].result_list)


def get_home(client):
    response = client.get("/")
    assert response.status_code == 200, (
        f"GET / answered {response.status_code}; expected 200: the site root has no home page"
    )
    return response


def archive_action(admin_client):
    """The value of the changelist's "archive" action, as the action dropdown offers it."""
    response = get_changelist(admin_client)
    choices = response.context["action_form"].fields["action"].choices
    archive = [value for value, label in choices if "archive" in str(label).lower()]
    assert archive, (
        f"the action dropdown offers {[str(label) for _, label in choices[1:]]}; "
        "expected an action labelled like 'Archive selected notes'"
    )
    return archive[0]


@pytest.mark.task(1)
def test_manage_py_check_reports_no_issues():
    """Only the admin's checks: they are what this challenge touches, and another
    challenge's unfinished work must not fail this spec."""
    out = io.StringIO()
    try:
        call_command("check", tags=["admin"], stdout=out, stderr=out)
    except SystemCheckError as error:
        out.write(str(error))
    assert "no issues" in out.getvalue(), (
        f"`manage.py check --tag admin` reported issues; expected none:\n{out.getvalue()}"
    )


@pytest.mark.task(2)
def test_changelist_shows_title_archived_and_created_columns(admin_client):
    baker.make("notes.Note", title="Django tips")
    response = get_changelist(admin_client)
    columns = list(response.context["cl"].list_display)
    missing = [name for name in ("title", "is_archived", "created_at") if name not in columns]
    assert not missing, (
        f"the changelist shows the columns {columns}; expected title, is_archived and "
        f"created_at (missing: {', '.join(missing)})"
    )


@pytest.mark.task(2)
def test_changelist_search_matches_title_and_body(admin_client):
    baker.make("notes.Note", title="Django tips", body="Use select_related.")
    baker.make("notes.Note", title="Reading list", body="Two Scoops of Django")
    baker.make("notes.Note", title="Groceries", body="milk, eggs")
    titles = shown_titles(get_changelist(admin_client, {"q": "django"}))
    assert titles == ["Django tips", "Reading list"], (
        f"searching for 'django' showed {titles}; expected the 2 notes that mention "
        "django in their title or body"
    )


@pytest.mark.task(2)
def test_changelist_filters_by_archived(admin_client):
    baker.make("notes.Note", title="Old idea", is_archived=True)
    baker.make("notes.Note", title="Done list", is_archived=True)
    baker.make("notes.Note", title="Today", is_archived=False)
    page = get_changelist(admin_client)
    assert "is_archived__exact=1" in page.content.decode(), (
        "the changelist's sidebar has no filter on is_archived; expected one (a filter typed "
        "into the URL works without it, but nobody can click it)"
    )
    titles = shown_titles(get_changelist(admin_client, {"is_archived__exact": "1"}))
    assert titles == ["Done list", "Old idea"], (
        f"filtering on archived showed {titles}; expected the 2 archived notes"
    )


@pytest.mark.task(3)
def test_archive_action_archives_only_the_selected_notes(admin_client):
    from notes.models import Note

    selected = baker.make("notes.Note", is_archived=False, _quantity=2)
    others = baker.make("notes.Note", is_archived=False, _quantity=2)
    action = archive_action(admin_client)
    admin_client.post(
        changelist_url(),
        {"action": action, "_selected_action": [note.pk for note in selected], "index": 0},
    )
    archived = set(Note.objects.filter(is_archived=True).values_list("pk", flat=True))
    expected = {note.pk for note in selected}
    assert not archived > expected, (
        f"the action archived {len(archived)} notes; expected only the 2 selected: it also "
        "archived notes nobody ticked"
    )
    assert archived == expected, (
        f"after the action, notes {sorted(archived)} are archived; expected the selected "
        f"notes {sorted(expected)} (and not {sorted(note.pk for note in others)})"
    )


def run_archive_action(admin_client, selected):
    """Tick `selected` in the changelist, run the archive action; the messages shown after."""
    action = archive_action(admin_client)
    response = admin_client.post(
        changelist_url(),
        {"action": action, "_selected_action": [note.pk for note in selected], "index": 0},
        follow=True,
    )
    context = response.context or {}
    return list(context.get("messages") or [])


@pytest.mark.task(3)
def test_archive_action_reports_how_many_it_archived(admin_client):
    selected = baker.make("notes.Note", is_archived=False, _quantity=2)
    baker.make("notes.Note", is_archived=False, _quantity=3)
    received = run_archive_action(admin_client, selected)
    shown = [f"{message.level_tag}: {message}" for message in received]
    successes = [str(message) for message in received if message.level == messages.SUCCESS]
    assert successes, (
        f"after the action the admin showed the messages {shown or 'none'}; expected a "
        "success message (level SUCCESS) saying how many notes were archived"
    )
    assert any(re.search(r"\b2\b", text) for text in successes), (
        f"the success message says {successes}; expected it to say how many notes were archived (2)"
    )


@pytest.mark.task(3)
def test_archive_action_reports_one_note_in_the_singular(admin_client):
    selected = baker.make("notes.Note", is_archived=False, _quantity=1)
    baker.make("notes.Note", is_archived=False, _quantity=2)
    received = run_archive_action(admin_client, selected)
    successes = [str(message) for message in received if message.level == messages.SUCCESS]
    counted = [text for text in successes if re.search(r"\b1\b", text)]
    assert counted, (
        f"after archiving 1 note the success messages say {successes or 'nothing'}; "
        "expected one that says how many were archived (1)"
    )
    plural = [text for text in counted if re.search(r"\b1 notes\b", text, re.IGNORECASE)]
    assert not plural, (
        f"after archiving 1 note the success message says {plural[0]!r}; expected the "
        "singular for one note, as in '1 note archived.'"
    )


def active_note_phrase(client):
    """The '<count> active note(s)' phrase of the home page, or a failure saying it is missing."""
    text = re.sub(r"\s+", " ", get_home(client).content.decode())
    found = re.search(r"(\d+) active (notes?)\b", text)
    assert found, (
        "the home page doesn't say how many notes are active; expected 'You have 2 active notes.'"
    )
    return found


@pytest.mark.task(4)
def test_home_page_counts_active_notes(client, db):
    baker.make("notes.Note", is_archived=False, _quantity=2)
    baker.make("notes.Note", is_archived=True)
    found = active_note_phrase(client)
    assert found.group(1) == "2", (
        f"the home page counts {found.group(1)} active notes; expected 2 "
        "(of 3 notes, 1 is archived and doesn't count)"
    )
    assert found.group(2) == "notes", (
        f"the home page says {found.group(0)!r}; expected '2 active notes', plural"
    )


@pytest.mark.task(4)
def test_home_page_says_one_active_note_in_the_singular(client, db):
    baker.make("notes.Note", is_archived=False)
    baker.make("notes.Note", is_archived=True, _quantity=2)
    found = active_note_phrase(client)
    assert found.group(1) == "1", (
        f"the home page counts {found.group(1)} active notes; expected 1 "
        "(of 3 notes, 2 are archived and don't count)"
    )
    assert found.group(2) == "note", (
        f"with 1 active note the home page says {found.group(0)!r}; expected the singular "
        "'1 active note'"
    )


@pytest.mark.task(5)
def test_home_page_renders(client, db):
    names = [template.name for template in get_home(client).templates]
    assert "home.html" in names, f"GET / rendered {names}; expected home.html"
