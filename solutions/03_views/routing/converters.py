"""A path converter for days written yyyy-mm-dd: /events/on/2026-03-14/.

A converter has a regex (what the URL segment may look like), to_python() (segment ->
the value the view receives) and to_url() (value -> segment, used by reverse()).
"""

import datetime


class DateConverter:
    # Exactly one spelling per day: 2026-3-4 and 20260304 don't match at all, so every
    # day has a single canonical URL (and the regex already rules out "abc").
    regex = "[0-9]{4}-[0-9]{2}-[0-9]{2}"

    def to_python(self, value):
        # strptime raises ValueError for 2026-02-30 or 2026-13-01. The resolver takes a
        # ValueError from to_python() as "this pattern doesn't match" and tries the next
        # one, ending in a 404; any other exception would escape as a 500.
        return datetime.datetime.strptime(value, "%Y-%m-%d").date()

    def to_url(self, value):
        # isoformat() zero-pads month and day: date(2026, 3, 4) -> "2026-03-04", which the
        # regex above matches again, so reverse() and resolve() round-trip.
        return value.isoformat()
