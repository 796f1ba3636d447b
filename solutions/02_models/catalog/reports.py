"""Challenge 4, QuerySets: the reports of the bookstore's back office.

Each report asks the database to do the counting, grouping and picking, and
brings back only what it shows. Each docstring is the contract the specs check.
"""

from django.db.models import Avg, Count, OuterRef, Q, Subquery

from catalog.models import Author, Book, Review


def books_per_author():
    """Every author (those without books too), each with a `book_count`
    attribute; most books first, ties by name. One query."""
    # annotate(): a LEFT OUTER JOIN with GROUP BY, so authors without books count 0.
    return Author.objects.annotate(book_count=Count("books")).order_by("-book_count", "name")


def rating_summary():
    """{"count": number of reviews, "average": their average rating, or None when
    there is none}, computed by the database in one query."""
    # aggregate() returns a dict, not a QuerySet; AVG over no rows is NULL (None).
    return Review.objects.aggregate(count=Count("id"), average=Avg("rating"))


def books_with_counts():
    """Every book with two attributes, `review_count` and `tag_count`, by title.
    One query."""
    # Two multi-valued joins multiply: 3 reviews x 2 tags is 6 rows per book, and
    # both plain counts say 6. distinct=True counts each review and each tag once.
    # (On big tables, two Subquery counts avoid building the product at all.)
    return Book.objects.annotate(
        review_count=Count("reviews", distinct=True),
        tag_count=Count("tags", distinct=True),
    ).order_by("title")


def cheap_or_classic(max_price, before_year):
    """The books in stock that cost less than `max_price` OR were published before
    `before_year`, by title."""
    # Keyword arguments and chained filter()s are ANDed; | between Q objects is OR.
    return Book.objects.filter(
        Q(price__lt=max_price) | Q(published_on__year__lt=before_year),
        stock__gt=0,
    ).order_by("title")


def with_latest_rating():
    """Every book with a `latest_rating` attribute: the rating of its most recent
    review (None without reviews), by title. One query."""
    # A correlated subquery: OuterRef("pk") is the book of the outer row; [:1] keeps
    # the newest review's rating. Books without reviews get NULL.
    newest = Review.objects.filter(book=OuterRef("pk")).order_by("-created_at", "-pk")
    return Book.objects.annotate(latest_rating=Subquery(newest.values("rating")[:1])).order_by(
        "title"
    )


def title_prices():
    """A list of (title, price) tuples, by title, reading only those two columns."""
    # values_list() selects only these columns and skips building model instances.
    return list(Book.objects.order_by("title").values_list("title", "price"))


def author_has_books(author):
    """True when `author` has at least one book: the database stops at the first."""
    # exists() is SELECT 1 ... LIMIT 1; count() would count every row, len() fetch them.
    return author.books.exists()


def books_tagged(name):
    """The books tagged `name`, by title, as a QuerySet the caller refines further
    (filter, order, paginate): calling this function runs no query at all."""
    # QuerySets are lazy: building one runs nothing; iterating, len(), bool(),
    # list() or slicing with a step run it. The caller decides when, and what else
    # to add first (another filter, a LIMIT from the paginator).
    return Book.objects.filter(tags__name=name).order_by("title")
