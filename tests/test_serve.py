"""`make serve`: the production server on one machine, started as an
operator starts it."""

import http.client
import os
import re
import signal
import subprocess
import time

import pytest

from tests.helpers.live import free_port
from tests.helpers.paths import ROOT

pytestmark = [pytest.mark.live, pytest.mark.slow]


def environment(**settings):
    kept = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_")) and key != "DATABASE_URL"
    }
    return {**kept, **settings}


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_make_serve_refuses_to_start_without_its_settings(missing, tmp_path):
    settings = {
        "DJANGO_SECRET_KEY": "serve-test-" + "s" * 50,
        "DJANGO_ALLOWED_HOSTS": "congthongtin.hanoi.gov.vn",
        "DATABASE_URL": f"sqlite:///{tmp_path}/portal.sqlite3",
    }
    del settings[missing]

    result = subprocess.run(
        ["make", "--no-print-directory", "serve"],
        cwd=ROOT,
        env=environment(**settings),
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode != 0
    assert f"make serve: {missing} is not set" in result.stderr
    assert not (tmp_path / "portal.sqlite3").exists()  # nothing done before the refusal


def get(port, path, host="127.0.0.1"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def test_make_serve_prepares_and_serves_with_gunicorn_and_the_worker(tmp_path):
    port = free_port()
    log_file = open(tmp_path / "serve.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve"],
        cwd=ROOT,
        env=environment(
            DJANGO_SECRET_KEY="serve-test-" + "s" * 50,
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DJANGO_SECURE_COOKIES="0",
            DATABASE_URL=f"sqlite:///{tmp_path}/portal.sqlite3",
            DJANGO_STATIC_ROOT=str(tmp_path / "static"),
            GUNICORN_BIND=f"127.0.0.1:{port}",
            GUNICORN_WORKERS="2",
        ),
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                status, body = get(port, "/healthz", host="10.1.2.3")
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "serve.log").read_text()
                assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
                time.sleep(0.5)
        assert status == 200 and '"database": "ok"' in body

        status, home = get(port, "/")
        assert status == 200 and "Cổng Giao tiếp điện tử" in home
        # Static files collected and served by WhiteNoise, under their hashed names.
        stylesheet = re.search(r'href="(/static/css/portal\.[0-9a-f]+\.css)"', home).group(1)
        assert get(port, stylesheet)[0] == 200
        assert get(port, "/", host="evil.example")[0] == 400  # DEBUG is off
        processes = subprocess.run(
            ["ps", "-o", "args=", "-g", str(os.getpgid(server.pid))],
            capture_output=True,
            text=True,
        ).stdout
        assert "db_worker" in processes and "gunicorn" in processes
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        log_file.close()
    log = (tmp_path / "serve.log").read_text()
    assert "GET /healthz 200" in log  # one line per request
