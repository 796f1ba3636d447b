"""Challenge 1, Serializers and viewsets: /crud/tasks/, the signed-in user's own tasks."""

from rest_framework import permissions, viewsets

from crud.serializers import TaskSerializer
from tasks.models import Task


class TaskViewSet(viewsets.ModelViewSet):
    """The signed-in user's own tasks: list, create, read, replace, update, delete."""

    serializer_class = TaskSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        # Another user's task is simply not in the queryset: 404, not 403.
        # prefetch_related: one query for all the subtasks of the page, not one per task
        # (UpdateModelMixin clears the prefetch cache after a write, so it stays correct).
        return Task.objects.filter(owner=self.request.user).prefetch_related("subtasks")

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)
