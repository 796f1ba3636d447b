"""Project-level pages that belong to no app."""

from django.shortcuts import render


def home(request):
    """The landing page: a greeting and how many notes are active (not archived)."""
    # TODO: count the active notes in the database and pass the count to the template.
    return render(request, "home.html")
