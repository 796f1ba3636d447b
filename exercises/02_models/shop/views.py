from django.shortcuts import get_object_or_404, render

from shop.models import Book


def book_detail(request, slug):
    book = get_object_or_404(Book, slug=slug)
    return render(request, "shop/book_detail.html", {"book": book})
