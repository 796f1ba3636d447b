from django.db.models import Count
from django.shortcuts import render

from tags.models import Tag


def tag_index(request):
    """Every tag, alphabetically, with how many notes carry it."""
    # annotate() counts in the same query; {{ tag.notes.count }} in the template
    # would run one more query per tag (N+1). The order_by() is not redundant:
    # since Django 3.1, Meta.ordering is left out of a GROUP BY query like this one.
    tags = Tag.objects.annotate(note_count=Count("notes")).order_by("name")
    return render(request, "tags/tag_list.html", {"tags": tags})
