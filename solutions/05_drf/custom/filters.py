"""Challenge 6, Customizing the API: the query parameters that filter /custom/tasks/."""

from django_filters import rest_framework as filters

from tasks.models import Task


class TaskFilter(filters.FilterSet):
    # django-filter validates the values: ?priority=9 or ?due_before=soon is a 400 with
    # field errors, not a 500 or a silently ignored filter.
    due_before = filters.DateFilter(field_name="due", lookup_expr="lte")
    due_after = filters.DateFilter(field_name="due", lookup_expr="gte")

    class Meta:
        model = Task
        # The rest_framework FilterSet reads ?done=true / false (a BooleanWidget).
        fields = ["done", "priority"]
