"""Challenge 3, Project vs app: the reusable tags app, its config, signals, URLs and templates."""

import re

import pytest
from django.apps import apps
from django.db import IntegrityError, connection
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, resolve, reverse
from model_bakery import baker


def tag_names(note):
    return sorted(note.tags.values_list("name", flat=True))


def get_tag_index(client):
    response = client.get("/tags/")
    assert response.status_code == 200, (
        f'GET /tags/ answered {response.status_code}; expected 200: route "" to the tag '
        "index in tags/urls.py"
    )
    return response


def page_text(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def restore_post_save():
    """Put post_save's receivers back as they were, so a receiver the spec connected
    twice can't double the work of later specs."""
    saved = list(post_save.receivers)
    yield
    with post_save.lock:
        post_save.receivers = saved
        post_save.sender_receivers_cache.clear()


@pytest.mark.task(1)
def test_app_config_values():
    config = apps.get_app_config("tags")
    assert type(config).__module__ == "tags.apps", (
        f"the tags app is configured by {type(config).__module__}.{type(config).__name__}; "
        "expected the TagsConfig class of tags/apps.py"
    )
    assert (config.label, config.verbose_name) == ("tags", "Note tags"), (
        f"TagsConfig has label {config.label!r} and verbose_name {config.verbose_name!r}; "
        "expected 'tags' and 'Note tags'"
    )


@pytest.mark.task(2)
def test_saving_a_note_tags_it_with_its_hashtags(db):
    note = baker.make("notes.Note", title="Week 1", body="Learning #django and #Python.")
    assert tag_names(note) == ["django", "python"], (
        f"saving a note whose body has #django and #Python tagged it {tag_names(note)}; "
        "expected ['django', 'python'] (lower case): connect the receiver in "
        "TagsConfig.ready() and fill in tags/signals.py"
    )


@pytest.mark.task(2)
def test_notes_share_one_tag_per_name(db):
    from tags.models import Tag

    try:
        first = baker.make("notes.Note", body="#django")
        second = baker.make("notes.Note", body="More #django, #Django again")
        first.save()  # saving again must not duplicate anything either
        error = None
    except IntegrityError as raised:
        error = raised
    assert error is None, (
        f"saving a second note tagged #django raised IntegrityError ({error}): the receiver "
        "creates a tag that already exists; use get_or_create"
    )
    names = list(Tag.objects.values_list("name", flat=True))
    assert names == ["django"], (
        f"saving two notes tagged #django (and #Django) left the tags {names}; expected "
        "one tag 'django' shared by both notes"
    )
    assert (tag_names(first), tag_names(second)) == (["django"], ["django"]), (
        f"the notes are tagged {tag_names(first)} and {tag_names(second)}; expected "
        "['django'] for both"
    )


@pytest.mark.task(3)
def test_receiver_is_connected_once_even_if_ready_runs_again(db, restore_post_save):
    """ready() can run more than once (some test runners and reloaders call it again).
    Connecting a function created inside ready() (a nested def, a lambda, a partial)
    adds one more receiver each time; a module-level function or a dispatch_uid doesn't."""
    from tags.models import Tag

    Tag.objects.create(name="django")
    with CaptureQueriesContext(connection) as before:
        first = baker.make("notes.Note", body="#django")
    assert tag_names(first) == ["django"], (
        "saving a note whose body has #django didn't tag it; connect the receiver in "
        "TagsConfig.ready() and fill in tags/signals.py"
    )
    apps.get_app_config("tags").ready()
    with CaptureQueriesContext(connection) as after:
        baker.make("notes.Note", body="#django")
    assert len(after) == len(before), (
        f"after ready() ran a second time, saving a note ran {len(after)} queries instead "
        f"of {len(before)}: the receiver is connected twice and tags every note twice; "
        "connect a module-level function, or pass dispatch_uid to connect()"
    )


@pytest.mark.task(4)
def test_tags_urls_are_namespaced_under_tags(client, db):
    try:
        url = reverse("tags:index")
    except NoReverseMatch:
        url = None
    assert url, (
        'reverse("tags:index") found no URL; in tags/urls.py set app_name = "tags" and '
        'name the index route "index"'
    )
    assert url == "/tags/", f'reverse("tags:index") is {url!r}; expected "/tags/"'
    match = resolve(url)
    assert match.app_name == "tags", (
        f"/tags/ resolves in the application namespace {match.app_name!r}; expected 'tags', "
        "set by app_name in tags/urls.py"
    )
    get_tag_index(client)


@pytest.mark.task(5)
def test_tag_index_uses_namespaced_template(client, db):
    names = [template.name for template in get_tag_index(client).templates]
    assert "tags/tag_list.html" in names, (
        f"GET /tags/ rendered {names or 'no template'}; expected tags/tag_list.html "
        "(tags/templates/tags/tag_list.html)"
    )


@pytest.mark.task(5)
def test_tag_index_lists_tags_with_note_counts(client, db):
    from tags.models import Tag

    notes = baker.make("notes.Note", _quantity=3)
    Tag.objects.create(name="django").notes.set(notes[:2])
    Tag.objects.create(name="python").notes.set(notes[2:])
    text = page_text(get_tag_index(client))
    for expected in ("#django (2)", "#python (1)"):
        assert expected in text, (
            f"the tag index doesn't show {expected!r}; expected each tag as '#name (number "
            "of notes)'"
        )


@pytest.mark.task(5)
def test_tag_index_runs_one_query(client, db, django_assert_num_queries):
    from tags.models import Tag

    notes = baker.make("notes.Note", _quantity=3)
    for name in ("django", "python", "sql"):
        Tag.objects.create(name=name).notes.set(notes)
    with django_assert_num_queries(
        1,
        info="the tag index should read the tags and their note counts in one query, "
        "with annotate(Count('notes')); {{ tag.notes.count }} in the template runs one "
        "more query per tag (N+1)",
    ):
        response = get_tag_index(client)
    assert "#sql (3)" in page_text(response), (
        "the tag index doesn't show '#sql (3)'; expected each tag with its note count"
    )
