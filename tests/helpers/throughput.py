"""Load from threads of this process: requests per second and latency."""

import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from tests.helpers.live import Reader


def measure(action, clients, seconds):
    """Run action(client) from `clients` threads for `seconds`; return
    (per second, p50 ms, p95 ms, failures)."""
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


def commenting(portal):
    """One reader's whole comment: open the article, start writing, post."""
    sent = iter(range(10**9))

    def comment(client):
        number = next(sent)
        reader = Reader(portal, f"10.9.{number // 250 % 250}.{number % 250 + 1}")
        form = reader.open_form()
        return reader.send(form, f"Ý kiến số {number} cho bài viết.")[0] == 302

    return comment
