"""Challenge 2, MVT end to end: model ordering, the list view, its URL and template."""

from datetime import timedelta

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from model_bakery import baker

EMPTY_STATE = "No notes yet."


def make_note(title, *, days_old, **fields):
    """A note created `days_old` days ago (auto_now_add ignores a created_at passed in)."""
    from notes.models import Note

    note = baker.make("notes.Note", title=title, **fields)
    Note.objects.filter(pk=note.pk).update(created_at=timezone.now() - timedelta(days=days_old))
    return note


def get_list_page(client):
    response = client.get("/notes/")
    assert response.status_code == 200, (
        f"GET /notes/ answered {response.status_code}; expected 200: the notes list page"
    )
    return response


@pytest.mark.task(1)
def test_notes_are_newest_first_by_default(db):
    from notes.models import Note

    make_note("Middle", days_old=2)
    make_note("Newest", days_old=1)
    make_note("Oldest", days_old=3)
    titles = [note.title for note in Note.objects.all()]
    assert titles == ["Newest", "Middle", "Oldest"], (
        f"Note.objects.all() returned {titles}; expected newest first: the default order "
        "of every Note query (the admin's and the shell's too), not only the list page's"
    )


@pytest.mark.task(2)
def test_list_page_is_served_at_notes(client, db):
    try:
        url = reverse("notes:list")
    except NoReverseMatch:
        url = None
    assert url, 'reverse("notes:list") found no URL; expected "/notes/"'
    assert url == "/notes/", f'reverse("notes:list") is {url!r}; expected "/notes/"'
    get_list_page(client)


@pytest.mark.task(2)
def test_list_page_uses_note_list_template(client, db):
    names = [template.name for template in get_list_page(client).templates]
    assert "notes/note_list.html" in names, (
        f"GET /notes/ rendered {names}; expected notes/note_list.html"
    )


@pytest.mark.task(3)
def test_list_page_passes_active_notes_as_notes(client, db):
    active = make_note("Active", days_old=1)
    make_note("Archived", days_old=2, is_archived=True)
    context = get_list_page(client).context
    assert context is not None, "GET /notes/ rendered no template; expected notes/note_list.html"
    instead = [name for name in ("object_list", "note_list", "notes_list") if name in context]
    assert "notes" in context, (
        "the template's context has no 'notes'"
        + (f" (the notes are there as {' and '.join(map(repr, instead))})" if instead else "")
        + "; expected the active notes under the name 'notes'"
    )
    notes = list(context["notes"])
    assert notes == [active], (
        f"context['notes'] holds {[note.title for note in notes]}; expected only the active "
        "note ['Active']: leave archived notes out"
    )


@pytest.mark.task(4)
def test_list_page_shows_titles_newest_first(client, db):
    make_note("Second note", days_old=2)
    make_note("First note", days_old=3)
    make_note("Third note", days_old=1)
    html = get_list_page(client).content.decode()
    positions = {title: html.find(title) for title in ("Third note", "Second note", "First note")}
    missing = [title for title, position in positions.items() if position == -1]
    assert not missing, f"the page doesn't show the titles {missing}"
    shown = sorted(positions, key=positions.get)
    assert shown == ["Third note", "Second note", "First note"], (
        f"the page shows the titles in the order {shown}; expected newest first"
    )
    assert EMPTY_STATE not in html, f"the page shows {EMPTY_STATE!r} although there are notes"


@pytest.mark.task(4)
def test_list_page_shows_empty_state(client, db):
    make_note("Archived", days_old=1, is_archived=True)
    html = get_list_page(client).content.decode()
    assert EMPTY_STATE in html, (
        f"with no active notes the page doesn't say {EMPTY_STATE!r}; expected that empty "
        "state instead of an empty list"
    )


@pytest.mark.task(4)
def test_list_page_escapes_titles(client, db):
    make_note("<script>alert('pwned')</script>", days_old=1)
    html = get_list_page(client).content.decode()
    assert "<script>alert(" not in html, (
        "the page contains the title's <script> tag as real HTML, so it would run in the "
        "browser (XSS); expected the title shown as text"
    )
    assert "&lt;script&gt;alert(" in html, (
        "the page doesn't show the title <script>alert('pwned')</script> as text; "
        "expected it escaped as &lt;script&gt;..."
    )
