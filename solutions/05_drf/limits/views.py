"""Challenge 3, Throttling and pagination: /limits/tasks/ and /limits/feed/."""

from rest_framework import generics, permissions, serializers, viewsets
from rest_framework.throttling import ScopedRateThrottle

from limits.pagination import FeedPagination, TaskPagination
from tasks.models import Task


class TaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = Task
        fields = ["id", "title", "done", "due", "priority", "created"]


class TaskViewSet(viewsets.ReadOnlyModelViewSet):
    """The signed-in user's own tasks, a numbered page at a time."""

    serializer_class = TaskSerializer
    permission_classes = [permissions.IsAuthenticated]
    # ScopedRateThrottle keys the cache by scope + user id (client IP when anonymous), so
    # "tasks" and "feed" are separate buckets; the rates live in DEFAULT_THROTTLE_RATES.
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "tasks"
    pagination_class = TaskPagination

    def get_queryset(self):
        return Task.objects.filter(owner=self.request.user)


class FeedView(generics.ListAPIView):
    """The team's feed: every public task, newest first, for endless scrolling."""

    serializer_class = TaskSerializer
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = FeedPagination
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "feed"

    def get_queryset(self):
        return Task.objects.filter(is_private=False)
