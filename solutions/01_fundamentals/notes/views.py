from django.shortcuts import render

from notes.models import Note


def note_list(request):
    """The active (not archived) notes, newest first."""
    # No order_by(): Note.Meta.ordering already puts the newest first.
    notes = Note.objects.filter(is_archived=False)
    return render(request, "notes/note_list.html", {"notes": notes})
