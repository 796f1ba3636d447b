"""Challenge 5, Browsable API: /browse/tasks/, the team's public tasks."""

from rest_framework import permissions, serializers, viewsets

from tasks.models import Task


class TaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = Task
        fields = ["id", "title", "done", "due", "priority"]


# The docstring is public documentation: DRF shows it as the description in the
# browsable API and in OPTIONS.
class TaskViewSet(viewsets.ReadOnlyModelViewSet):
    """Every public task of the team, newest first."""

    queryset = Task.objects.filter(is_private=False)
    serializer_class = TaskSerializer
    permission_classes = [permissions.AllowAny]

    def get_view_name(self):
        # A plain `name = "..."` attribute is no use on a ViewSet: as_view() resets
        # cls.name (and cls.description) to None, the hook for the router's initkwargs.
        return "Team tasks"
