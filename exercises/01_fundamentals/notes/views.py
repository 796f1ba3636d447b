from django.shortcuts import render

from notes.models import Note


def note_list(request):
    """The active (not archived) notes, newest first."""
    # TODO: pass the active notes to the template under the name "notes".
    return render(request, "notes/note_list.html")
