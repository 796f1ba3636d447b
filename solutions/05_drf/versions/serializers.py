"""Challenge 4, Versioning and content negotiation: one task, two representations."""

from rest_framework import serializers

from tasks.models import Task


class TaskV1Serializer(serializers.ModelSerializer):
    """Version 1, which existing clients depend on: it must not change."""

    class Meta:
        model = Task
        fields = ["id", "title", "done", "due", "priority"]


class TaskV2Serializer(serializers.ModelSerializer):
    """Version 2: a status word instead of a flag, a priority label instead of a number.

    A breaking change gets a new version; v1 keeps its own serializer, untouched."""

    status = serializers.SerializerMethodField()
    priority = serializers.CharField(source="get_priority_display", read_only=True)

    class Meta:
        model = Task
        fields = ["id", "title", "status", "due", "priority"]

    def get_status(self, task) -> str:
        return "done" if task.done else "open"
