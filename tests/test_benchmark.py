"""`make bench` runs: a tiny run of it writes every figure it promises."""

import json
import subprocess
import sys

import pytest
from django.db import connection

from tests.helpers.paths import ROOT

pytestmark = [
    pytest.mark.live,
    pytest.mark.slow,
    # The bench makes its own SQLite archives: one run is enough.
    pytest.mark.skipif(connection.vendor != "sqlite", reason="runs once, in make test"),
]


def test_a_smoke_run_writes_every_figure(tmp_path):
    output = tmp_path / "bench.json"

    subprocess.run(
        [sys.executable, "-m", "tests.benchmark", "--smoke", "--json", str(output)],
        cwd=ROOT, check=True, capture_output=True, text=True, timeout=600,
    )  # fmt: skip

    results = json.loads(output.read_text())
    assert results["mode"] == "smoke"
    assert results["flatness"]["articles"][0] < results["flatness"]["articles"][1]
    pages = results["flatness"]["pages"]
    assert {"home", "article", "search, common word", "sitemap index", "admin comments"} <= set(
        pages
    )
    assert all(
        row["small_ms"] > 0 and row["large_ms"] > 0 and row["ratio"] for row in pages.values()
    )
    throughput = results["throughput"]
    assert throughput["static file"]["per_second"] > 0
    assert throughput["article, 500 comments"]["target"] == 0.5
    assert throughput["article, 500 comments"]["ratio_to_static"] > 0
    assert all(row.get("non_2xx", 0) == 0 for row in throughput.values())
    assert throughput["comment posted (form + post)"]["failed"] == 0
    imported = results["importing"]["sqlite"]
    assert imported["files"] == 30
    assert imported["import"]["seconds"] > 0 and imported["loaddata"]["seconds"] > 0
    assert imported["ratio_to_loaddata"] > 0 and imported["target"] == 1.0
    assert imported["peak_mb"]["10"] > 0 and imported["memory_ratio"] > 0
