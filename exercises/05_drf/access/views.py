"""Challenge 2, Authentication and permissions: /access/tasks/, the team's tasks.

Everyone, signed in or not, may read the public tasks; a signed-in user also sees their
own private tasks. Signed-in users create tasks; only a task's owner changes it.
"""

from django.db.models import Q
from rest_framework import permissions, serializers, viewsets

from access.permissions import IsOwnerOrReadOnly
from tasks.models import Task


class TaskSerializer(serializers.ModelSerializer):
    owner = serializers.ReadOnlyField(source="owner.username")

    class Meta:
        model = Task
        fields = ["id", "owner", "title", "done", "due", "priority", "is_private"]


class TaskViewSet(viewsets.ModelViewSet):
    serializer_class = TaskSerializer
    # TODO: [auth] accept a token ("Authorization: Token <key>", for scripts and mobile
    # apps) as well as the session (the browser), and make an anonymous write answer
    # 401 with a WWW-Authenticate header rather than 403 (task 1).
    # TODO: [auth] anonymous users may read, signed-in users may write, and the owner
    # check of access/permissions.py applies to every task (task 3).
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        # TODO: [auth] a private task exists for its owner only: everyone else gets 404
        # for it and never sees it in the list (task 4).
        return Task.objects.select_related("owner")

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)
