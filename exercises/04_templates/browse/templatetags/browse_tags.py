"""The tag library of the recipe list: {% load browse_tags %}.

Autoescaping protects {{ variables }}, but a filter or tag that builds HTML decides
itself what is safe. Escape what came from users, and mark safe only the markup
you wrote.
"""

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def highlight(text, term):
    """Wrap every occurrence of `term` in `text` in <mark>...</mark>.

    {{ recipe.title|highlight:q }} with q "pan" turns "Pancakes" into
    <mark>Pan</mark>cakes: the match ignores case and keeps the text's own case.
    An empty term leaves the text as it is.
    """
    # TODO: [language] wrap each match in <mark>...</mark>. Escape the text around the
    # matches and the matches themselves, and mark safe only the result you built.
    return text


@register.simple_tag
def byline(recipe):
    """`by <a class="author" href="/recipes/?author=alice">Alice Liddell</a>`: the
    author's full name (or username) linking to the list of their recipes."""
    author = recipe.author
    name = author.get_full_name() or author.get_username()
    url = reverse("browse:list") + "?author=" + author.get_username()
    # TODO: [language] this first draft shows its own <a> tag as text on the page.
    # Return HTML in which only the markup is trusted: the name stays escaped.
    return f'by <a class="author" href="{url}">{name}</a>'


# TODO: [language] make this an inclusion tag rendering "browse/recipe_card.html", so that
# {% recipe_card recipe %} shows one recipe. On the list page it must also highlight
# the search term: take it as an argument ({% recipe_card recipe q %}) or from the
# page's context (takes_context=True).
def recipe_card(recipe, q=""):
    # The list view annotates ingredient_count; count them for a recipe that lacks it.
    ingredient_count = getattr(recipe, "ingredient_count", None)
    if ingredient_count is None:
        ingredient_count = recipe.ingredients.count()
    return {"recipe": recipe, "ingredient_count": ingredient_count, "q": q}
