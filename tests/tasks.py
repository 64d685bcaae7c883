"""Run the task queue in tests the way production does: the worker command."""

import io
import signal

from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

WORKER_SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]


def run_queued_tasks():
    """Run every task that is due, then return (`db_worker --batch`).

    The worker installs its own signal handlers for a graceful shutdown;
    they are put back afterwards so that Ctrl-C still stops pytest.
    """
    saved = {number: signal.getsignal(number) for number in WORKER_SIGNALS}
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
        for number, handler in saved.items():
            signal.signal(number, handler)


def results_of(task):
    """Every stored result (queued, running, done, failed) of `task`, oldest first."""
    return DBTaskResult.objects.filter(task_path=task.module_path).order_by("enqueued_at")
