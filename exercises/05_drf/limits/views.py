"""Challenge 3, Throttling and pagination: /limits/tasks/ and /limits/feed/."""

from rest_framework import generics, permissions, serializers, viewsets

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
    # TODO: [throttling] throttle these views with the scope "tasks": 10 requests a
    # minute per user, counted apart from the feed's (task 1; the rate itself goes in
    # config/settings.py, task 2).
    # TODO: [throttling] paginate with TaskPagination (task 3).

    def get_queryset(self):
        return Task.objects.filter(owner=self.request.user)


class FeedView(generics.ListAPIView):
    """The team's feed: every public task, newest first, for endless scrolling."""

    serializer_class = TaskSerializer
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = FeedPagination
    # TODO: [throttling] throttle the feed with its own scope, "feed" (task 1).

    def get_queryset(self):
        return Task.objects.filter(is_private=False)
