"""Project-level pages that belong to no app."""

from django.shortcuts import render

from notes.models import Note


def home(request):
    """The landing page: a greeting and how many notes are active (not archived)."""
    # count() runs SELECT COUNT(*) in the database instead of loading every note.
    active_count = Note.objects.filter(is_archived=False).count()
    return render(request, "home.html", {"active_count": active_count})
