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
    # raw() maps each row to a Book by column name: the primary key must be there,
    # the book's columns fill its fields, and any other column (average_rating,
    # review_count) becomes an attribute.
    return Book.objects.raw(
        """
        SELECT b.*, AVG(r.rating) AS average_rating, COUNT(r.id) AS review_count
        FROM catalog_book b
        JOIN catalog_review r ON r.book_id = b.id
        GROUP BY b.id
        HAVING AVG(r.rating) >= %s
        ORDER BY average_rating DESC, b.title
        """,
        # %s is a placeholder, not Python formatting: the driver sends the value
        # apart from the SQL text, so it can never change the query's meaning.
        [min_rating],
    )


def stock_by_author(name):
    """The stock report of the author named exactly `name`: a list of (title, stock)
    tuples, by title, read with connection.cursor()."""
    with connection.cursor() as cursor:
        # The parameter list, not an f-string: "Flann O'Brien" works and
        # "' OR 1=1 --" is just a name nobody has. (Only identifiers we control,
        # never user input, may be formatted into SQL.)
        cursor.execute(
            "SELECT b.title, b.stock FROM catalog_book b "
            "JOIN catalog_author a ON a.id = b.author_id "
            "WHERE a.name = %s ORDER BY b.title",
            [name],
        )
        return cursor.fetchall()
