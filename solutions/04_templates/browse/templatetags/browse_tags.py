"""The tag library of the recipe list: {% load browse_tags %}.

Autoescaping protects {{ variables }}, but a filter or tag that builds HTML decides
itself what is safe. Escape what came from users, and mark safe only the markup
you wrote.
"""

import re
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter(needs_autoescape=True)
def highlight(text, term, autoescape=True):
    """Wrap every occurrence of `term` in `text` in <mark>...</mark>.

    {{ recipe.title|highlight:q }} with q "pan" turns "Pancakes" into
    <mark>Pan</mark>cakes: the match ignores case and keeps the text's own case.
    An empty term leaves the text as it is.
    """
    escape = conditional_escape if autoescape else str
    text, term = str(text), str(term or "")
    if not term:
        return escape(text)
    # Split the raw text (a capturing group keeps the matches at the odd positions),
    # then escape every piece: searching already-escaped text would miss a term like
    # "<b>", and escaping after marking would escape our own <mark> tags.
    pieces = re.split(f"({re.escape(term)})", text, flags=re.IGNORECASE)
    return mark_safe(
        "".join(
            format_html("<mark>{}</mark>", piece) if odd else escape(piece)
            for odd, piece in ((i % 2, piece) for i, piece in enumerate(pieces))
        )
    )


@register.simple_tag
def byline(recipe):
    """`by <a class="author" href="/recipes/?author=alice">Alice Liddell</a>`: the
    author's full name (or username) linking to the list of their recipes."""
    author = recipe.author
    name = author.get_full_name() or author.get_username()
    # format_html escapes each argument and marks only the format string's markup safe;
    # urlencode keeps a "+" or "&" in a username from changing the query.
    return format_html(
        'by <a class="author" href="{}?{}">{}</a>',
        reverse("browse:list"),
        urlencode({"author": author.get_username()}),
        name,
    )


# An inclusion tag renders its own template with the dict it returns, and nothing else
# of the page: the search term comes in as an argument, explicitly.
@register.inclusion_tag("browse/recipe_card.html")
def recipe_card(recipe, q=""):
    # The list view annotates ingredient_count; count them for a recipe that lacks it.
    ingredient_count = getattr(recipe, "ingredient_count", None)
    if ingredient_count is None:
        ingredient_count = recipe.ingredients.count()
    return {"recipe": recipe, "ingredient_count": ingredient_count, "q": q}
