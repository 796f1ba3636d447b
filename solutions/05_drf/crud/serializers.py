"""Challenge 1, Serializers and viewsets: the representation of /crud/tasks/."""

from django.db import transaction
from django.utils import timezone
from rest_framework import serializers

from tasks.models import Subtask, Task


class SubtaskSerializer(serializers.ModelSerializer):
    # ModelSerializer makes "id" read-only, so it would never reach validated_data and an
    # update could not tell which subtask an item means. Writable, optional: no id = new.
    id = serializers.IntegerField(required=False)

    class Meta:
        model = Subtask
        fields = ["id", "title", "done"]


class TaskSerializer(serializers.ModelSerializer):
    # Writable nested list: validated item by item (400 bodies point at the item), then
    # written by create()/update() below, which ModelSerializer leaves to us on purpose.
    subtasks = SubtaskSerializer(many=True, required=False)
    # Computed on read; never accepted on write. The return annotation types it in a schema.
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id",
            "title",
            "notes",
            "done",
            "due",
            "priority",
            "project",
            "is_private",
            "subtasks",
            "is_overdue",
        ]

    def get_is_overdue(self, task) -> bool:
        return not task.done and task.due is not None and task.due < timezone.localdate()

    def validate_project(self, project):
        # The field's queryset is every project: without this check anyone could file a
        # task under somebody else's project by sending its id.
        if project is not None and project.owner_id != self.context["request"].user.pk:
            raise serializers.ValidationError("Choose one of your own projects.")
        return project

    def validate_subtasks(self, items):
        # An id must name one of *this* task's subtasks: on create there are none yet, and
        # another task's subtask must not be re-parented or edited through this one.
        own = set(self.instance.subtasks.values_list("id", flat=True)) if self.instance else set()
        for item in items:
            if "id" in item and item["id"] not in own:
                raise serializers.ValidationError(
                    f"Subtask {item['id']} is not a subtask of this task."
                )
        return items

    def validate(self, attrs):
        # A PATCH carries only the fields sent: fall back to the stored values, or
        # PATCH {"priority": 3} on a task that has a due date would be refused.
        priority = attrs.get("priority", getattr(self.instance, "priority", None))
        due = attrs["due"] if "due" in attrs else getattr(self.instance, "due", None)
        if priority == Task.Priority.HIGH and due is None:
            raise serializers.ValidationError({"due": "A high-priority task needs a due date."})
        return attrs

    @transaction.atomic
    def create(self, validated_data):
        # One transaction: a task is never saved without the subtasks it was sent with.
        subtasks = validated_data.pop("subtasks", [])
        task = super().create(validated_data)
        Subtask.objects.bulk_create(Subtask(task=task, **item) for item in subtasks)
        return task

    @transaction.atomic
    def update(self, instance, validated_data):
        subtasks = validated_data.pop("subtasks", None)
        task = super().update(instance, validated_data)
        if subtasks is not None:  # not sent (a PATCH of other fields): leave them alone
            self._replace_subtasks(task, subtasks)
        return task

    def _replace_subtasks(self, task, items):
        existing = {subtask.id: subtask for subtask in task.subtasks.all()}
        kept = set()
        for item in items:
            subtask_id = item.pop("id", None)
            if subtask_id is None:
                Subtask.objects.create(task=task, **item)
                continue
            subtask = existing[subtask_id]  # validate_subtasks() vouched for it
            for field, value in item.items():
                setattr(subtask, field, value)
            subtask.save()
            kept.add(subtask_id)
        Subtask.objects.filter(id__in=set(existing) - kept).delete()
