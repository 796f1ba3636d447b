"""Challenge 7, API documentation: /apidocs/tasks/, documented by its OpenAPI schema."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from apidocs.serializers import CompleteTaskSerializer, TaskSerializer
from tasks.models import Task


# TODO: [apidocs] the list reads ?done=true|false in get_queryset(), where the schema
# generator cannot see it: document it as a boolean query parameter of the list
# (task 4).
class TaskViewSet(viewsets.ModelViewSet):
    """The team's public tasks."""

    serializer_class = TaskSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        tasks = Task.objects.filter(is_private=False)
        done = self.request.query_params.get("done")
        if done in ("true", "false"):
            tasks = tasks.filter(done=done == "true")
        return tasks

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)

    # TODO: [apidocs] the schema guesses that this action reads and returns a Task, like
    # the rest of the viewset. Document what it really does (task 3): its request body is
    # a CompleteTaskSerializer, its 200 response the TaskSerializer of the task, and it
    # answers 400 (a completed_at in the future) and 404 (no such task).
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        """Mark the task done, now or at the time given."""
        task = self.get_object()
        body = CompleteTaskSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        task.done = True
        task.completed_at = body.validated_data.get("completed_at") or timezone.now()
        task.save(update_fields=["done", "completed_at"])
        return Response(TaskSerializer(task, context=self.get_serializer_context()).data)
