"""Challenge 6, Raw SQL: two reports written in SQL by hand.

Raw SQL is the escape hatch for what the ORM expresses badly (a vendor
function, a tuned query from the DBA). The one rule that never bends: values
travel as query parameters, never inside the SQL string.
"""

from django.db import connection

from catalog.models import Book


def top_rated(min_rating):
    """Books whose average review rating is at least `min_rating`, best first
    (ties by title), from Book.objects.raw(): Book instances, each with two extra
    attributes, `average_rating` (a number) and `review_count`. Books without
    reviews are left out."""
    # TODO: [raw] 1. join the reviews, group by book, keep the averages of at least
    # min_rating, and select average_rating and review_count next to the book's
    # columns. 3. min_rating goes in as a parameter.
    return Book.objects.raw("SELECT id, title FROM catalog_book ORDER BY title")


def stock_by_author(name):
    """The stock report of the author named exactly `name`: a list of (title, stock)
    tuples, by title, read with connection.cursor()."""
    with connection.cursor() as cursor:
        # TODO: [raw] 2./3. this works for "Frank Herbert", breaks for "Flann O'Brien"
        # and obeys whatever SQL a visitor types: pass the name as a parameter.
        cursor.execute(
            "SELECT b.title, b.stock FROM catalog_book b "
            "JOIN catalog_author a ON a.id = b.author_id "
            f"WHERE a.name = '{name}' ORDER BY b.title"
        )
        return cursor.fetchall()
