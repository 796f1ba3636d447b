"""Challenge 4, Versioning and content negotiation: /api/v1/tasks/ and /api/v2/tasks/."""

from rest_framework import permissions, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.versioning import URLPathVersioning

from tasks.models import Task
from versions.renderers import TaskCSVRenderer
from versions.serializers import TaskV1Serializer, TaskV2Serializer


class TaskVersioning(URLPathVersioning):
    # Set here, not in REST_FRAMEWORK, so this API's versions don't leak into the others.
    # A version outside the list is a 404 ("Invalid version in URL path."), not v1.
    allowed_versions = ("v1", "v2")


class TaskViewSet(viewsets.ReadOnlyModelViewSet):
    """The public tasks, read-only, in two API versions."""

    queryset = Task.objects.filter(is_private=False)
    permission_classes = [permissions.AllowAny]
    versioning_class = TaskVersioning
    # Content negotiation picks the first renderer the client accepts: JSON first, so
    # no Accept (or */*) means JSON; ?format=csv overrides the Accept header; a type no
    # renderer produces is 406 Not Acceptable.
    renderer_classes = [JSONRenderer, TaskCSVRenderer]

    def get_serializer_class(self):
        # request.version is set by the versioning class before the handler runs.
        return TaskV2Serializer if self.request.version == "v2" else TaskV1Serializer
