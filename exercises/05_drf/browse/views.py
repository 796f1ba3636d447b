"""Challenge 5, Browsable API: /browse/tasks/, the team's public tasks."""

from rest_framework import permissions, serializers, viewsets

from tasks.models import Task


class TaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = Task
        fields = ["id", "title", "done", "due", "priority"]


# TODO: [browsable] the browsable API and OPTIONS show this view's name ("Task List",
# made up from the class name) and its description: its docstring, a developer's note
# that the public should not read. Name it "Team tasks" and describe it as
# "Every public task of the team, newest first." (task 1).
class TaskViewSet(viewsets.ReadOnlyModelViewSet):
    """Internal: read-only endpoint for the dashboard, see ticket OPS-42."""

    queryset = Task.objects.filter(is_private=False)
    serializer_class = TaskSerializer
    permission_classes = [permissions.AllowAny]
