"""Challenge 1, Serializers and viewsets: the representation of /crud/tasks/."""

from rest_framework import serializers

from tasks.models import Subtask, Task


class SubtaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = Subtask
        fields = ["id", "title", "done"]


class TaskSerializer(serializers.ModelSerializer):
    # TODO: [serializers] make subtasks writable (task 5): a POST creates the task and its
    # subtasks in one request; a PUT or PATCH that sends "subtasks" makes them the task's
    # subtasks: an item with the "id" of one of its subtasks updates it, an item without
    # "id" creates one, a subtask left out is deleted. ModelSerializer's own create() and
    # update() refuse nested writes: override them.
    subtasks = SubtaskSerializer(many=True, read_only=True)

    # TODO: [serializers] is_overdue (task 2): read-only, true when the task is not done
    # and its due date is before today.

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
        ]

    # TODO: [serializers] field validation (task 3): a task can only be filed under one of
    # the requesting user's own projects (the request is in self.context["request"]).

    # TODO: [serializers] object validation (task 4): a high-priority task needs a due
    # date, reported on the field "due". Mind PATCH: attrs then holds only the fields sent.
