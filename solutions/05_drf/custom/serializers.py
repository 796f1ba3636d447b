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
        # The owner is shown but never taken from the body: perform_create() sets it from
        # the authenticated user, the only source the client cannot forge.
        read_only_fields = ["owner", "created", "completed_at"]
