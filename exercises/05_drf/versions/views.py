"""Challenge 4, Versioning and content negotiation: /api/v1/tasks/ and /api/v2/tasks/."""

from rest_framework import permissions, viewsets
from rest_framework.renderers import JSONRenderer

from tasks.models import Task
from versions.renderers import TaskCSVRenderer
from versions.serializers import TaskV1Serializer


class TaskViewSet(viewsets.ReadOnlyModelViewSet):
    """The public tasks, read-only, in two API versions."""

    queryset = Task.objects.filter(is_private=False)
    permission_classes = [permissions.AllowAny]
    serializer_class = TaskV1Serializer
    # TODO: [versioning] read the version from the URL path, /api/v1/... or /api/v2/...;
    # only those two exist (task 1).
    # TODO: [versioning] v2 clients get TaskV2Serializer, v1 clients TaskV1Serializer
    # (task 2).
    # TODO: [versioning] JSON by default, CSV for "Accept: text/csv" or ?format=csv, and
    # 406 Not Acceptable for anything else (task 4).
    renderer_classes = [JSONRenderer]
