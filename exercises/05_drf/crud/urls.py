"""Challenge 1, Serializers and viewsets: mounted under /crud/ by config/urls.py."""

from rest_framework.routers import DefaultRouter

from crud import views

router = DefaultRouter()
# TODO: [serializers] register views.TaskViewSet under the prefix "tasks" with the
# basename "crud-task" (task 1): /crud/tasks/ is then the list, /crud/tasks/<id>/ a task.

urlpatterns = router.urls
