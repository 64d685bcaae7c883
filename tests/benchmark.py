"""`make bench`: how fast the portal answers under gunicorn, on this machine.

Measures and prints; asserts nothing (the machines are shared and noisy).
The load comes from threads of this process on the same machine, so the
numbers are a floor and a way to compare one change with another.
"""

import argparse
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.live import LivePortal, Reader, request, write_notices


def measure(action, clients, seconds):
    """Run action() from `clients` threads for `seconds`; return (per second, p50, p95 ms)."""
    latencies, failures, lock = [], [], threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(number):
        while time.monotonic() < deadline:
            started = time.perf_counter()
            ok = action(number)
            elapsed = time.perf_counter() - started
            with lock:
                (latencies if ok else failures).append(elapsed)

    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(worker, range(clients)))
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95)] if latencies else 0
    median = statistics.median(latencies) if latencies else 0
    return len(latencies) / seconds, median * 1000, p95 * 1000, len(failures)


def page(port, path):
    return lambda _: request(port, "GET", path)[0] == 200


def commenting(portal):
    sent = iter(range(10**9))

    def comment(client):
        number = next(sent)
        reader = Reader(portal, f"10.9.{number // 250 % 250}.{number % 250 + 1}")
        form = reader.open_form()
        return reader.send(form, f"Ý kiến số {number} cho bài viết.")[0] == 302

    return comment


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp_path = Path(folder)
        print(f"Starting gunicorn ({options.workers} workers × 4 threads) on SQLite...")
        portal = LivePortal(
            tmp_path,
            workers=options.workers,
            DJANGO_COMMENT_RATE_LIMITS="1000000/60",
            DJANGO_COMMENT_MIN_SECONDS="0",
        )
        try:
            portal.manage("import_notices", str(write_notices(tmp_path / "notices", 300)))
            port = portal.port
            scenarios = [
                ("trang chủ /", page(port, "/")),
                ("bài viết (mẫu)", page(port, portal.article_path)),
                ("chuyên mục", page(port, "/chuyen-muc/chidaodieuhanh/?page=3")),
                ("tìm kiếm", page(port, "/tim-kiem/?q=dai+hoi")),
                ("tệp tĩnh (CSS)", page(port, "/static/favicon.svg")),
                ("gửi bình luận (GET + POST)", commenting(portal)),
            ]
            print(f"{options.clients} clients, {options.seconds:g} s each\n")
            print(f"{'scenario':<28} {'per s':>8} {'p50 ms':>8} {'p95 ms':>8} {'failed':>7}")
            for name, action in scenarios:
                rate, median, p95, failed = measure(action, options.clients, options.seconds)
                print(f"{name:<28} {rate:>8.1f} {median:>8.1f} {p95:>8.1f} {failed:>7}")
        finally:
            portal.stop()


if __name__ == "__main__":
    main()
