"""Challenge 6, Customizing the API: the query parameters that filter /custom/tasks/."""

from django_filters import rest_framework as filters

from tasks.models import Task


class TaskFilter(filters.FilterSet):
    # TODO: [customizing] ?done=true|false, ?priority=1|2|3, and a due date range with
    # ?due_before=YYYY-MM-DD and ?due_after=YYYY-MM-DD, both inclusive (task 4).

    class Meta:
        model = Task
        fields = []
