"""Challenge 6, Customizing the API: the representation of /custom/tasks/."""

from rest_framework import serializers

from tasks.models import Task


class TaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = Task
        fields = [
            "id",
            "owner",
            "title",
            "notes",
            "done",
            "due",
            "priority",
            "is_private",
            "created",
            "completed_at",
        ]
        # TODO: [customizing] the first draft takes the owner from the request body, so a
        # client can create tasks in someone else's name (task 2).
        read_only_fields = ["created", "completed_at"]
