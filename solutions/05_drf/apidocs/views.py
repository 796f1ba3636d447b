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


# The generator introspects serializers, filter backends and paginators; a parameter
# read by hand in get_queryset() is invisible to it, so it is declared here.
@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "done",
                OpenApiTypes.BOOL,
                OpenApiParameter.QUERY,
                description="true: only done tasks; false: only open ones.",
            )
        ]
    )
)
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

    # Left alone, the generator assumes the viewset's serializer_class for both the body
    # and the response: clients would be told to send a whole Task. Say what is true.
    @extend_schema(
        summary="Complete a task",
        request=CompleteTaskSerializer,
        responses={
            200: TaskSerializer,
            400: OpenApiResponse(description="completed_at is in the future."),
            404: OpenApiResponse(description="No such task (or not one you may see)."),
        },
    )
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
