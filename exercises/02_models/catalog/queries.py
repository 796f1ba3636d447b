"""Challenge 1, ORM fundamentals: everyday queries on the catalogue.

A first draft: every function returns the right thing for the happy path on a
small table, and each one is wrong in a way an interviewer will spot. The
docstrings are the contract the specs check.
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
    # TODO: [orm] get() raises DoesNotExist / MultipleObjectsReturned: turn them
    # into the documented results, and ignore case.
    return Author.objects.get(name=name)


def search_titles(text):
    """The books whose title contains `text`, ignoring case, as a QuerySet ordered
    by title. Spaces around `text` don't count; a blank search finds nothing."""
    # TODO: [orm] case-insensitive on every database, and a blank search finds nothing.
    return Book.objects.filter(title__contains=text)


def books_by(author_name):
    """The books of the author named exactly `author_name`, ordered by title:
    one query, whatever the number of books."""
    # TODO: [orm] one query: filter across the relation instead of looping in Python.
    return [book for book in Book.objects.all() if book.author.name == author_name]


def cheapest_in_stock(n):
    """The `n` cheapest books that are in stock (stock above 0), cheapest first,
    ties by title. The database returns only those `n` rows."""
    # TODO: [orm] filter and order in the database, and slice the QuerySet (LIMIT).
    return sorted(Book.objects.all(), key=lambda book: book.price)[:n]


def authors_without_books():
    """The authors who have no book in the catalogue, by name: one query."""
    # TODO: [orm] one query: a lookup across the reverse relation `books`.
    return [author for author in Author.objects.all() if not author.books.exists()]


def raise_prices(percent):
    """Raise every book's price by `percent` per cent (10 means +10 %), in one
    UPDATE query. Return the number of books updated."""
    factor = 1 + Decimal(percent) / 100
    # TODO: [orm] one UPDATE with F(): this loop runs a query per book, and a price
    # changed by someone else between the read and the save is overwritten.
    books = list(Book.objects.all())
    for book in books:
        book.price = book.price * factor
        book.save()
    return len(books)


def tag_book(book, name):
    """Tag `book` with the tag named `name` (stripped, lower case), creating the
    tag the first time and reusing it after. Tagging twice changes nothing.
    Return the tag."""
    # TODO: [orm] the second call fails: Tag.name is unique. Reuse the tag.
    tag = Tag.objects.create(name=name)
    book.tags.add(tag)
    return tag
