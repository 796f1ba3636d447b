from django.http import HttpResponse

from tags.models import Tag


def tag_index(request):
    """Every tag, alphabetically, with how many notes carry it."""
    # TODO: render "tags/tag_list.html" with the tags and their note counts, in one query.
    return HttpResponse("Tags")
