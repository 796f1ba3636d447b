"""Challenge 7, Mixins: small classes that add one behaviour to any class-based view."""

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse


class OwnerRequiredMixin:
    """For views of one object (get_object()): only its owner may see or change it.
    A signed-in stranger gets 403 Forbidden, whatever the HTTP method.

    Anonymous visitors are LoginRequiredMixin's job: they go to the login page first."""

    owner_field = "owner"

    # TODO: [mixins] refuse anyone but the object's owner (getattr(obj, self.owner_field))
    # with PermissionDenied, for GET and POST alike, before the view does anything.


class JSONResponseMixin:
    """Render a view's data as JSON instead of a template: mix it into a DetailView or a
    ListView, and the view says what to send by overriding get_data(context)."""

    def render_to_response(self, context, **response_kwargs):
        # TODO: [mixins] answer a JsonResponse of self.get_data(context) instead of
        # rendering a template.
        return super().render_to_response(context, **response_kwargs)

    def get_data(self, context):
        """The JSON-serializable data to send: a dict. Views override this."""
        # TODO: [mixins] the whole context is not JSON-serializable (it holds the view
        # itself): views pick what to send.
        return context
