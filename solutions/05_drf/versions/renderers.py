"""Challenge 4, Versioning and content negotiation: the tasks API as CSV."""

import csv
import io

from rest_framework.renderers import BaseRenderer


class TaskCSVRenderer(BaseRenderer):
    """Renders the tasks API as CSV: a header row, then one row per task."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # A list view renders a list of dicts; a detail (or an error body) one dict: one
        # row. The csv module does the quoting (commas, quotes, line breaks) and writes
        # None as an empty cell; the header comes from the representation, so v1 and v2
        # each get their own columns for free.
        if data is None:
            return b""
        rows = data if isinstance(data, list) else [data]
        if not rows:
            return b""
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0].keys()), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue().encode(self.charset)
