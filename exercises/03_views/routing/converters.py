"""A path converter for days written yyyy-mm-dd: /events/on/2026-03-14/.

A converter has a regex (what the URL segment may look like), to_python() (segment ->
the value the view receives) and to_url() (value -> segment, used by reverse()).
"""

import datetime


class DateConverter:
    # TODO: [routing] match exactly four digits, "-", two digits, "-", two digits.
    regex = "[^/]+"

    def to_python(self, value):
        # TODO: [routing] give the view a datetime.date; a segment that is no real date
        # (2026-02-30, 2026-13-01) must not match, so the URL answers 404: raise ValueError.
        return value

    def to_url(self, value):
        # TODO: [routing] a datetime.date -> "2026-03-04" (zero-padded), for reverse().
        return str(value)
