"""Challenge 3, Project vs app: the reusable tags app, its config, signals, URLs and templates."""

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.db import IntegrityError
from django.db.models.signals import post_save
from django.urls import NoReverseMatch, resolve, reverse
from model_bakery import baker


def tag_names(note):
    return sorted(note.tags.values_list("name", flat=True))


def get_tag_index(client):
    response = client.get("/tags/")
    assert response.status_code == 200, (
        f"GET /tags/ answered {response.status_code}; expected 200: the tag index page"
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
    # The same config, as if the package were moved to myproject/tagging/: a label
    # derived from the package name would follow it and rename every table.
    try:
        moved = type(config)("myproject.tagging", import_module("tags"))
    except Exception as error:  # reported, not a traceback
        pytest.fail(f"TagsConfig could not be created for another package path: {error!r}")
    assert moved.label == "tags", (
        f"installed from the package myproject.tagging, TagsConfig would be labelled "
        f"{moved.label!r}: its label comes from the package name, so moving the package "
        "would rename its tables and migrations; expected the label 'tags' whatever the "
        "package is called"
    )


@pytest.mark.task(2)
def test_saving_a_note_tags_it_with_its_hashtags(db):
    note = baker.make("notes.Note", title="Week 1", body="Learning #django and #Python.")
    assert tag_names(note) == ["django", "python"], (
        f"saving a note whose body has #django and #Python tagged it {tag_names(note)}; "
        "expected ['django', 'python'] (lower case)"
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
        "creates a tag that already exists instead of reusing it"
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


def receivers_that_tag(note):
    """The post_save receivers of Note that tag `note`, each called on its own: one
    receiver connected twice counts twice, whatever its name or shape."""
    from tags.models import Tag

    note.body = "#probe"
    tagging = []
    for receiver in post_save._live_receivers(type(note))[0]:
        receiver(signal=post_save, sender=type(note), instance=note, created=False,
                 update_fields=None, raw=False, using="default")
        if note.tags.filter(name="probe").exists():
            tagging.append(receiver)
        note.tags.clear()
        Tag.objects.filter(name="probe").delete()
    return tagging


def describe_receivers(found):
    return ", ".join(getattr(r, "__qualname__", None) or repr(r) for r in found)


@pytest.mark.task(3)
def test_receiver_is_connected_once(db, restore_post_save):
    """Two registrations of one receiver (say a @receiver decorator and a connect() with
    a dispatch_uid, which is another key) tag every note twice, with twice the queries."""
    note = baker.make("notes.Note", body="")
    found = receivers_that_tag(note)
    assert found, (
        "no post_save receiver of Note tags a saved note; expected the receiver of "
        "tags/signals.py, connected when the app is ready"
    )
    assert len(found) == 1, (
        f"{len(found)} post_save receivers of Note tag a saved note "
        f"({describe_receivers(found)}); expected 1: the receiver is connected "
        f"{len(found)} times, so every save tags the note {len(found)} times"
    )


@pytest.mark.task(3)
def test_receiver_is_connected_once_even_if_ready_runs_again(db, restore_post_save):
    """ready() can run more than once (some test runners and reloaders call it again).
    Connecting a function created inside ready() (a nested def, a lambda, a partial)
    adds one more receiver each time; a module-level function or a dispatch_uid doesn't."""
    first = baker.make("notes.Note", body="#django")
    assert tag_names(first) == ["django"], (
        "saving a note whose body has #django didn't tag it; expected the tag 'django'"
    )
    before = len(receivers_that_tag(first))
    apps.get_app_config("tags").ready()
    found = receivers_that_tag(first)
    assert len(found) <= before, (
        f"after ready() ran a second time, {len(found)} post_save receivers of Note tag a "
        f"saved note ({describe_receivers(found)}) instead of {before}: ready() connected "
        f"the receiver again, so every save now tags the note {len(found)} times"
    )


@pytest.mark.task(4)
def test_tags_urls_are_namespaced_under_tags(client, db):
    try:
        url = reverse("tags:index")
    except NoReverseMatch:
        url = None
    assert url, (
        'reverse("tags:index") found no URL; expected "/tags/", the index of the "tags" '
        "namespace"
    )
    assert url == "/tags/", f'reverse("tags:index") is {url!r}; expected "/tags/"'
    match = resolve(url)
    assert match.app_name == "tags", (
        f"/tags/ resolves in the application namespace {match.app_name!r}; expected 'tags', "
        "the app's own namespace wherever the project includes it"
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
def test_tag_index_lists_tags_alphabetically(client, db):
    from tags.models import Tag

    notes = baker.make("notes.Note", _quantity=3)
    # Created in neither alphabetical nor count order.
    Tag.objects.create(name="python").notes.set(notes)
    Tag.objects.create(name="sql").notes.set(notes[:2])
    Tag.objects.create(name="django").notes.set(notes[:1])
    text = page_text(get_tag_index(client))
    shown = [name for name in ("django", "python", "sql") if f"#{name} (" in text]
    assert len(shown) == 3, (
        f"the tag index shows {shown or 'none'} of the tags django, python and sql; "
        "expected all three, each as '#name (number of notes)'"
    )
    order = sorted(shown, key=lambda name: text.find(f"#{name} ("))
    assert order == ["django", "python", "sql"], (
        f"the tag index lists the tags in the order {order}; expected alphabetical order "
        "['django', 'python', 'sql']"
    )


@pytest.mark.task(5)
def test_tag_index_runs_one_query(client, db, django_assert_num_queries):
    from tags.models import Tag

    notes = baker.make("notes.Note", _quantity=3)
    for name in ("django", "python", "sql"):
        Tag.objects.create(name=name).notes.set(notes)
    with django_assert_num_queries(
        1,
        info="the tag index should read the tags and their note counts in one query; "
        "counting each tag's notes on its own runs one more query per tag (N+1)",
    ):
        response = get_tag_index(client)
    assert "#sql (3)" in page_text(response), (
        "the tag index doesn't show '#sql (3)'; expected each tag with its note count"
    )
