"""Challenge 7, Mixins: small classes that add one behaviour to any class-based view."""

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse


class OwnerRequiredMixin:
    """For views of one object (get_object()): only its owner may see or change it.
    A signed-in stranger gets 403 Forbidden, whatever the HTTP method.

    Anonymous visitors are LoginRequiredMixin's job: they go to the login page first."""

    owner_field = "owner"

    def dispatch(self, request, *args, **kwargs):
        # dispatch() runs before get(), post() and every other handler, so no method slips
        # through (a check in get() alone lets a POST edit). setup() has already stored
        # self.kwargs, which get_object() reads; a missing object is still a 404.
        # A mixin calls super(): the next class in the MRO (the generic view) goes on.
        obj = self.get_object()
        if getattr(obj, self.owner_field) != request.user:
            raise PermissionDenied("Only the owner may do this.")
        return super().dispatch(request, *args, **kwargs)


class JSONResponseMixin:
    """Render a view's data as JSON instead of a template: mix it into a DetailView or a
    ListView, and the view says what to send by overriding get_data(context)."""

    def render_to_response(self, context, **response_kwargs):
        # The one hook every generic display view ends in: get() builds the context, then
        # calls render_to_response(). Listed before DetailView in the bases, this one wins
        # over TemplateResponseMixin's.
        return JsonResponse(self.get_data(context), **response_kwargs)

    def get_data(self, context):
        """The JSON-serializable data to send: a dict. Views override this."""
        # No default: the context holds the view, the paginator, model instances... which
        # JSON can't encode. Choosing the fields is also choosing what not to leak.
        raise NotImplementedError(f"{type(self).__name__} must define get_data(context)")
