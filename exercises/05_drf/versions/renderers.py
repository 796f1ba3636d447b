"""Challenge 4, Versioning and content negotiation: the tasks API as CSV."""

from rest_framework.renderers import BaseRenderer


class TaskCSVRenderer(BaseRenderer):
    """Renders the tasks API as CSV: a header row, then one row per task."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # TODO: [versioning] this first draft breaks on real data (task 3): a title with a
        # comma, a quote or a line break, an empty due date (it writes "None"), a single
        # task (a detail is one dict, not a list of them). Write real CSV.
        header = ",".join(data[0].keys())
        lines = [",".join(str(value) for value in row.values()) for row in data]
        return "\n".join([header, *lines]).encode()
