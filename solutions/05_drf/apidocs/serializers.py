"""Challenge 7, API documentation: the representations /apidocs/tasks/ reads and writes."""

from django.utils import timezone
from rest_framework import serializers

from tasks.models import Task


class TaskSerializer(serializers.ModelSerializer):
    is_overdue = serializers.SerializerMethodField(
        help_text="True when the task is open and its due date has passed."
    )

    class Meta:
        model = Task
        fields = ["id", "title", "done", "due", "priority", "completed_at", "is_overdue"]
        read_only_fields = ["done", "completed_at"]

    # drf-spectacular reads the return annotation of a SerializerMethodField's method
    # (@extend_schema_field(OpenApiTypes.BOOL) says the same where a hint can't).
    def get_is_overdue(self, task) -> bool:
        return not task.done and task.due is not None and task.due < timezone.localdate()


class CompleteTaskSerializer(serializers.Serializer):
    """The body of POST /apidocs/tasks/<id>/complete/: everything in it is optional."""

    completed_at = serializers.DateTimeField(
        required=False, help_text="When the task was finished; now if left out."
    )

    def validate_completed_at(self, value):
        if value > timezone.now():
            raise serializers.ValidationError("A task cannot be completed in the future.")
        return value
