"""Context processors of the site's layout.

A context processor is a function of the request that returns a dict; Django
merges it into the context of every template rendered with a request (render(),
TemplateResponse, generic views, the admin), once it is listed in
settings.TEMPLATES["OPTIONS"]["context_processors"].
"""

from django.urls import reverse


def navigation(request):
    """The site's sections for the navigation bar, the current one marked active.

    {"nav_items": [{"label": "Home", "url": "/", "active": True}, ...]}

    A section is current when the request's path is its URL or lies under it:
    /recipes/ and /recipes/pancakes/ are both in Recipes. Home ("/") is current
    on the home page only, or it would be current everywhere.
    """
    sections = [
        ("Home", reverse("layout:home")),
        ("Recipes", reverse("browse:list")),
        ("About", reverse("layout:about")),
    ]
    # TODO: [inheritance] mark the current section active.
    return {"nav_items": [{"label": label, "url": url, "active": False} for label, url in sections]}
