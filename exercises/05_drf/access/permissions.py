"""Challenge 2, Authentication and permissions: who may do what to a task."""

from rest_framework import permissions


class IsOwnerOrReadOnly(permissions.BasePermission):
    """Anyone who may see a task may read it; only its owner may change or delete it."""

    message = "Only the owner of a task may change it."

    def has_object_permission(self, request, view, obj):
        # TODO: [auth] reads (GET, HEAD, OPTIONS) are allowed to everyone who can see the
        # task; any other method only to the task's owner (task 3).
        return True
