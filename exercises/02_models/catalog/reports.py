"""Challenge 4, QuerySets: the reports of the bookstore's back office.

A first draft that computes in Python what the database should. Each
docstring is the contract the specs check, queries counted.
"""

from django.db.models import Avg, Count, Exists, OuterRef, Q, Subquery

from catalog.models import Author, Book, Review


def books_per_author():
    """Every author (those without books too), each with a `book_count`
    attribute; most books first, ties by name. One query."""
    # TODO: [querysets] 1. annotate() in the database, not a count per author.
    authors = list(Author.objects.all())
    for author in authors:
        author.book_count = author.books.count()
    return sorted(authors, key=lambda author: (-author.book_count, author.name))


def rating_summary():
    """{"count": number of reviews, "average": their average rating, or None when
    there is none}, computed by the database in one query."""
    # TODO: [querysets] 2. aggregate(): one row back, whatever the number of reviews.
    ratings = [review.rating for review in Review.objects.all()]
    return {"count": len(ratings), "average": sum(ratings) / len(ratings)}


def books_with_counts():
    """Every book with two attributes, `review_count` and `tag_count`, by title.
    One query."""
    # TODO: [querysets] 3. the counts come out wrong for a book with several reviews
    # AND several tags: find out why.
    return Book.objects.annotate(review_count=Count("reviews"), tag_count=Count("tags"))


def cheap_or_classic(max_price, before_year):
    """The books in stock that cost less than `max_price` OR were published before
    `before_year`, by title."""
    # TODO: [querysets] 4. chained filter() calls AND their conditions: use Q objects.
    return Book.objects.filter(stock__gt=0).filter(
        price__lt=max_price, published_on__year__lt=before_year
    )


def with_latest_rating():
    """Every book with a `latest_rating` attribute: the rating of its most recent
    review (None without reviews), by title. One query."""
    # TODO: [querysets] 5. one query: a Subquery of the newest review per book (OuterRef).
    books = list(Book.objects.all())
    for book in books:
        latest = book.reviews.order_by("-created_at").first()
        book.latest_rating = latest.rating if latest else None
    return books


def title_prices():
    """A list of (title, price) tuples, by title, reading only those two columns."""
    # TODO: [querysets] 6. this loads whole Book objects to use two columns.
    return [(book.title, book.price) for book in Book.objects.order_by("title")]


def author_has_books(author):
    """True when `author` has at least one book: the database stops at the first."""
    # TODO: [querysets] 7. this fetches every book of the author to count them.
    return len(author.books.all()) > 0


def books_tagged(name):
    """The books tagged `name`, by title, as a QuerySet the caller refines further
    (filter, order, paginate): calling this function runs no query at all."""
    # TODO: [querysets] 8. return the QuerySet itself: list() runs it right here.
    return list(Book.objects.filter(tags__name=name))
