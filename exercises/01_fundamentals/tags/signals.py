"""Signal receivers of the tags app. TagsConfig.ready() connects them."""

import re

from tags.models import Tag

# A hashtag is "#" followed by ASCII letters, digits or underscores: "#django", "#db_1".
HASHTAG = re.compile(r"#(\w+)", re.ASCII)


def tag_note_from_hashtags(sender, instance, **kwargs):
    """post_save receiver for notes.Note: tag the saved note with every #hashtag in its body."""
    # TODO: find the hashtags in instance.body (lower-cased: "#Django" is the tag "django"),
    # get or create a Tag for each, and add the note to it.
