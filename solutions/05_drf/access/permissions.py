"""Challenge 2, Authentication and permissions: who may do what to a task."""

from rest_framework import permissions


class IsOwnerOrReadOnly(permissions.BasePermission):
    """Anyone who may see a task may read it; only its owner may change or delete it."""

    message = "Only the owner of a task may change it."

    def has_object_permission(self, request, view, obj):
        # Object-level: DRF calls this from get_object() only (retrieve, update, destroy),
        # never for list or create, so "who may see it" stays the queryset's job.
        if request.method in permissions.SAFE_METHODS:
            return True
        return obj.owner_id == request.user.pk
