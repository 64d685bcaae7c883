"""The task queue's app: django-tasks-db under a Vietnamese name in the admin."""

from django_tasks_db.apps import TasksAppConfig


class TaskQueueConfig(TasksAppConfig):
    """django-tasks-db as it is (models, migrations, admin, db_worker), renamed.

    Its admin (portal/task_admin.py) lists every task with its state.
    """

    verbose_name = "Hàng đợi tác vụ"

    def ready(self):
        super().ready()
        # The admin has registered the library's ModelAdmin by now; ours
        # replaces it.
        from . import task_admin  # noqa: F401
