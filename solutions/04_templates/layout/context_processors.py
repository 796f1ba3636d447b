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
    path = request.path
    # Compare with the path, not request.resolver_match: it is None for a request
    # that was never resolved (a 404 page, RequestFactory) and the processor runs for
    # those too. Every section URL ends in "/", so "/recipes-archive/" is not under
    # "/recipes/".
    return {
        "nav_items": [
            {
                "label": label,
                "url": url,
                "active": path == url if url == "/" else path.startswith(url),
            }
            for label, url in sections
        ]
    }
