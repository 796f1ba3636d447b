"""Challenge 1, ORM fundamentals: everyday queries on the catalogue.

Each function asks the database for exactly what it needs, in as few queries
as the task allows. The docstrings are the contract the specs check.
"""

from decimal import Decimal

from django.db.models import F

from catalog.models import Author, Book, Tag


class AmbiguousName(ValueError):
    """More than one author has the name asked for."""


def author_by_name(name):
    """The author whose name is `name`, ignoring case.

    None when no author has that name; AmbiguousName when several do.
    """
    # get() is the right call for "exactly one": one query (LIMIT 21), and its two
    # exceptions are the two cases the caller must hear about, each in its own way.
    try:
        return Author.objects.get(name__iexact=name)
    except Author.DoesNotExist:
        return None
    except Author.MultipleObjectsReturned:
        raise AmbiguousName(f"several authors are named {name!r}") from None


def search_titles(text):
    """The books whose title contains `text`, ignoring case, as a QuerySet ordered
    by title. Spaces around `text` don't count; a blank search finds nothing."""
    text = text.strip()
    if not text:
        # icontains "" matches every row: an empty box must not dump the catalogue.
        return Book.objects.none()
    # icontains, not contains: only SQLite's LIKE happens to ignore case (and only
    # for ASCII); PostgreSQL's LIKE and a binary MySQL collation do not.
    return Book.objects.filter(title__icontains=text).order_by("title")


def books_by(author_name):
    """The books of the author named exactly `author_name`, ordered by title:
    one query, whatever the number of books."""
    # The double underscore follows the foreign key in SQL: one JOIN, one query.
    return Book.objects.filter(author__name=author_name).order_by("title")


def cheapest_in_stock(n):
    """The `n` cheapest books that are in stock (stock above 0), cheapest first,
    ties by title. The database returns only those `n` rows."""
    # Slicing an unevaluated QuerySet adds LIMIT: the database sorts and returns n rows.
    return Book.objects.filter(stock__gt=0).order_by("price", "title")[:n]


def authors_without_books():
    """The authors who have no book in the catalogue, by name: one query."""
    # A LEFT OUTER JOIN on the reverse relation, keeping the authors with no match.
    return Author.objects.filter(books__isnull=True).order_by("name")


def raise_prices(percent):
    """Raise every book's price by `percent` per cent (10 means +10 %), in one
    UPDATE query. Return the number of books updated."""
    factor = 1 + Decimal(percent) / 100
    # F("price") is computed by the database row by row: one UPDATE, no rows loaded,
    # and no lost update when another request changes a price at the same time.
    # A Decimal factor keeps the expression a DecimalField (a float would mix types).
    return Book.objects.update(price=F("price") * factor)


def tag_book(book, name):
    """Tag `book` with the tag named `name` (stripped, lower case), creating the
    tag the first time and reusing it after. Tagging twice changes nothing.
    Return the tag."""
    # Normalise before the lookup, so " Sci-Fi " and "sci-fi" are one tag.
    # get_or_create reads first and creates only when missing (the unique constraint
    # settles a race between two requests); add() skips a link that already exists.
    tag, _created = Tag.objects.get_or_create(name=name.strip().lower())
    book.tags.add(tag)
    return tag
