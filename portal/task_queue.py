"""The task queue's app: django-tasks-db under a Vietnamese name in the admin."""

from django_tasks_db.apps import TasksAppConfig


class TaskQueueConfig(TasksAppConfig):
    """django-tasks-db as it is (models, migrations, admin, db_worker), renamed.

    Its admin lists every task with its state; only superusers see it, since
    no group is given its permissions.
    """

    verbose_name = "Hàng đợi tác vụ"
