"""Challenge 3, Throttling and pagination: how the lists of /limits/ are cut into pages."""

from rest_framework.pagination import PageNumberPagination


class TaskPagination(PageNumberPagination):
    """Numbered pages for /limits/tasks/: ?page=2."""

    page_size = 10
    # TODO: [throttling] let a client ask for another page size with ?page_size=, but
    # never more than 50 a page, whatever it asks (task 4).


class FeedPagination(PageNumberPagination):
    """Pages of the feed, /limits/feed/, newest first."""

    # TODO: [throttling] new tasks arrive on top of the feed while a client scrolls it, so
    # page 2 repeats what page 1 already showed. Paginate the feed with a cursor instead,
    # newest first, 10 a page (task 5).
    page_size = 10
