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
        # TODO: [serializers] the list runs one more query per task to read its subtasks
        # (task 6): fetch them all in one query instead.
        return Task.objects.filter(owner=self.request.user)

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)
