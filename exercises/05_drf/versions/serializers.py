"""Challenge 4, Versioning and content negotiation: one task, two representations."""

from rest_framework import serializers

from tasks.models import Task


class TaskV1Serializer(serializers.ModelSerializer):
    """Version 1, which existing clients depend on: it must not change."""

    class Meta:
        model = Task
        fields = ["id", "title", "done", "due", "priority"]


# TODO: [versioning] TaskV2Serializer (task 2): the same task with the fields
# id, title, status, due, priority, where "status" is "open" or "done" (instead of the
# boolean "done") and "priority" is the label "low", "normal" or "high" (instead of 1-3).
