"""Challenge 2, Authentication and permissions: /access/tasks/, the team's tasks.

Everyone, signed in or not, may read the public tasks; a signed-in user also sees their
own private tasks. Signed-in users create tasks; only a task's owner changes it.
"""

from django.db.models import Q
from rest_framework import authentication, permissions, serializers, viewsets

from access.permissions import IsOwnerOrReadOnly
from tasks.models import Task


class TaskSerializer(serializers.ModelSerializer):
    owner = serializers.ReadOnlyField(source="owner.username")

    class Meta:
        model = Task
        fields = ["id", "owner", "title", "done", "due", "priority", "is_private"]


class TaskViewSet(viewsets.ModelViewSet):
    serializer_class = TaskSerializer
    # Token first: DRF builds the WWW-Authenticate header of a 401 from the FIRST class;
    # SessionAuthentication has none, so with it first an anonymous write gets 403.
    # Session auth still works for the browser, and still enforces CSRF; tokens don't
    # need CSRF because a browser never attaches them on its own.
    authentication_classes = [
        authentication.TokenAuthentication,
        authentication.SessionAuthentication,
    ]
    # has_permission: reads for all, writes for signed-in users;
    # has_object_permission: writes to a task for its owner only.
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, IsOwnerOrReadOnly]

    def get_queryset(self):
        # Visibility is the queryset's job: a task the user may not see is not found
        # (404), which does not even reveal that it exists; a 403 would.
        tasks = Task.objects.select_related("owner")
        user = self.request.user
        if not user.is_authenticated:
            return tasks.filter(is_private=False)
        return tasks.filter(Q(is_private=False) | Q(owner=user))

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)
