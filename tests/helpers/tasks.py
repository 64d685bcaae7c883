"""Run the task queue in tests the way production does: the worker command."""

import io
import signal

from django.core.management import call_command
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

WORKER_SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]


def run_queued_tasks():
    """Run every task that is due, then return (`db_worker --batch`).

    The worker installs its own signal handlers for a graceful shutdown;
    they are put back afterwards so that Ctrl-C still stops pytest. Between
    tasks it closes connections left in a transaction, which would throw the
    test's transaction away (PostgreSQL): that step is left out here, as
    Django's test client leaves it out of requests.
    """
    saved = {number: signal.getsignal(number) for number in WORKER_SIGNALS}
    close_old_connections = db_worker.close_old_connections
    db_worker.close_old_connections = lambda **kwargs: None
    try:
        call_command(
            "db_worker",
            batch=True,
            reload=False,
            startup_delay=False,
            interval=0,
            worker_id="tests",
            stdout=io.StringIO(),
        )
    finally:
        db_worker.close_old_connections = close_old_connections
        for number, handler in saved.items():
            signal.signal(number, handler)


def results_of(task):
    """Every stored result (queued, running, done, failed) of `task`, oldest first."""
    return DBTaskResult.objects.filter(task_path=task.module_path).order_by("enqueued_at")
