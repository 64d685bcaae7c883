"""`make serve`: the portal in production on one machine.

Collects the static files (served by WhiteNoise), applies migrations, clears
expired captchas, then runs gunicorn and the task worker side by side until
gunicorn stops (SIGTERM or Ctrl-C stop both). DEBUG is always off here; the
server refuses to start without its secret key and host names, naming what
is missing. Settings as everywhere else (README, Settings), plus:

- GUNICORN_BIND (default 127.0.0.1:8000): where gunicorn listens; nginx in
  front (docs/deploy.md).
- GUNICORN_WORKERS (default 2 × CPUs + 1): gunicorn's worker processes.

A deployment with systemd runs the same steps as separate units instead
(docs/deploy.md): migrations belong to the deploy, not to every start.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = {
    "DJANGO_SECRET_KEY": "a long random string (python -c 'import secrets; "
    "print(secrets.token_urlsafe(50))')",
    "DJANGO_ALLOWED_HOSTS": "the site's host names, comma-separated",
}
PREPARE = [
    ["collectstatic", "--noinput", "--verbosity", "0"],
    ["migrate", "--noinput"],
    ["clean_captchas"],
]


def missing_settings(environ):
    return [name for name in REQUIRED if not environ.get(name, "").strip()]


def gunicorn_command(environ):
    workers = environ.get("GUNICORN_WORKERS", "").strip() or str(2 * (os.cpu_count() or 1) + 1)
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "portal.wsgi",
        "--bind",
        environ.get("GUNICORN_BIND", "").strip() or "127.0.0.1:8000",
        "--workers",
        workers,
        # A worker is replaced after a while, so that no leak grows for ever.
        "--max-requests",
        "2000",
        "--max-requests-jitter",
        "200",
        "--timeout",
        "30",
        "--graceful-timeout",
        "20",
        # The portal logs each request itself (portal/operations.py).
        "--error-logfile",
        "-",
    ]


def main():
    environ = {**os.environ, "DJANGO_DEBUG": "0"}
    if missing := missing_settings(environ):
        for name in missing:
            print(f"make serve: {name} is not set: {REQUIRED[name]}.", file=sys.stderr)
        return 2
    manage = [sys.executable, str(ROOT / "manage.py")]
    for step in PREPARE:
        subprocess.run(manage + step, env=environ, cwd=ROOT, check=True)
    worker = subprocess.Popen([*manage, "db_worker"], env=environ, cwd=ROOT)
    server = subprocess.Popen(gunicorn_command(environ), env=environ, cwd=ROOT)

    def stop(signum, frame):
        server.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    status = server.wait()
    # db_worker finishes the task at hand on SIGTERM, then exits.
    worker.send_signal(signal.SIGTERM)
    worker.wait()
    return status


if __name__ == "__main__":
    sys.exit(main())
