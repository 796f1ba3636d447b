"""Challenge 3, Throttling and pagination: how the lists of /limits/ are cut into pages."""

from rest_framework.pagination import CursorPagination, PageNumberPagination


class TaskPagination(PageNumberPagination):
    """Numbered pages for /limits/tasks/: ?page=2."""

    page_size = 10
    # The client picks its page size, but the server bounds it: without max_page_size,
    # ?page_size=1000000 is one huge query and response (a cheap denial of service).
    page_size_query_param = "page_size"
    max_page_size = 50


class FeedPagination(CursorPagination):
    """Pages of the feed, /limits/feed/, newest first."""

    # A cursor encodes a position ("older than this created time"), not an offset, so
    # rows inserted on top don't shift the next page. The price: no count, no jumping
    # to page 7, and the ordering must be on a fixed, (nearly) unique, indexed column.
    page_size = 10
    ordering = "-created"
