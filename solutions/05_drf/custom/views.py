"""Challenge 6, Customizing the API: /custom/tasks/, the tasks API as the front-end uses it.

A signed-in user sees their own tasks and everyone's public tasks; anyone may read the
public ones; only a task's owner may change it.
"""

from django.db.models import Q
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import authentication, filters, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle

from custom.exceptions import api_exception_handler
from custom.filters import TaskFilter
from custom.serializers import TaskSerializer
from tasks.models import Task


class OwnerCanWrite(permissions.BasePermission):
    """Reads for everyone who can see the task, writes for its owner."""

    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or obj.owner_id == request.user.pk


class CompleteRateThrottle(UserRateThrottle):
    """Completing a task: at most 3 a minute per user."""

    scope = "complete"
    rate = "3/minute"


class TaskViewSet(viewsets.ModelViewSet):
    serializer_class = TaskSerializer
    authentication_classes = [
        authentication.TokenAuthentication,
        authentication.SessionAuthentication,
    ]
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, OwnerCanWrite]
    # Each backend narrows or orders get_queryset(), so they never widen what the user
    # may see. An explicit ordering_fields list: ordering is an index decision, not a
    # free-for-all over every serializer field.
    filter_backends = [DjangoFilterBackend, filters.SearchFilter, filters.OrderingFilter]
    filterset_class = TaskFilter
    search_fields = ["title", "notes"]
    ordering_fields = ["due", "priority", "created", "title"]

    def get_queryset(self):
        tasks = Task.objects.all()
        if not self.request.user.is_authenticated:
            return tasks.filter(is_private=False)
        return tasks.filter(Q(is_private=False) | Q(owner=self.request.user))

    def get_exception_handler(self):
        # This API's errors only: the other challenges keep DRF's plain error bodies.
        return api_exception_handler

    def perform_create(self, serializer):
        # The hook CreateModelMixin calls with the validated serializer: the place to add
        # what comes from the request rather than from the body.
        serializer.save(owner=self.request.user)

    @action(detail=True, methods=["post"], throttle_classes=[CompleteRateThrottle])
    def complete(self, request, pk=None):
        # get_object() applies the queryset (someone else's private task: 404) and the
        # object permissions (someone else's public task: 403). POST only: a GET that
        # changes state would be followed by crawlers and prefetchers.
        task = self.get_object()
        task.done = True
        task.completed_at = timezone.now()
        task.save(update_fields=["done", "completed_at"])
        return Response(self.get_serializer(task).data)
