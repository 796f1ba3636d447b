"""Signal receivers of the tags app. TagsConfig.ready() connects them."""

import re

from tags.models import Tag

# A hashtag is "#" followed by ASCII letters, digits or underscores: "#django", "#db_1".
HASHTAG = re.compile(r"#(\w+)", re.ASCII)


def tag_note_from_hashtags(sender, instance, **kwargs):
    """post_save receiver for notes.Note: tag the saved note with every #hashtag in its body."""
    # A set: "#django ... #Django" is one tag. get_or_create reuses an existing tag and
    # add() skips a link that already exists, so saving the note again changes nothing.
    for name in {match.lower() for match in HASHTAG.findall(instance.body)}:
        tag, _ = Tag.objects.get_or_create(name=name)
        tag.notes.add(instance)
