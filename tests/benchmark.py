"""`make bench`: how fast the portal answers, on this machine, beside its targets.

Measures and prints; asserts nothing (the machines are shared and noisy),
and gives ratios measured in one run rather than absolute times:

- flatness: every page in-process (median of --repeat requests, warmed),
  rendered without its page cache, on a small and a large demo archive made
  by `seed_demo`; target: the large one within twice the small one;
- throughput: `wrk` against gunicorn (3 workers) on the article page with
  500 approved comments, against a static file of the same server; target:
  the article at least half the static file's rate. The comment form's
  per-reader part (captcha, tokens: one JSON request) is measured beside it;
- posting comments end to end (open the form, post it), for reference;
- importing: `import_notices` of seed-like files against `loaddata` of the
  rows it made (tests/bench_import.py); target: no slower, and peak memory
  flat in the number of files.

    python -m tests.benchmark [--quick] [--json PATH]

Writes every figure to .benchmarks/latest.json (or --json).
"""

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests import bench_import
from tests.helpers.live import LivePortal, request, write_notices
from tests.helpers.paths import ROOT
from tests.helpers.throughput import commenting, measure

BENCH_FOLDER = ROOT / ".benchmarks"
FLAT_TARGET = 2.0
STATIC_TARGET = 0.5
MODES = {
    # sizes of the two archives, requests per page, seconds per wrk run
    # notice files imported (two numbers), rounds of import against loaddata
    "full": {
        "sizes": (1_000, 100_000), "repeat": 15, "seconds": 10,
        "notices": (5_000, 10_000), "import_rounds": 3, "postgres_import": True,
    },
    "quick": {
        "sizes": (1_000, 10_000), "repeat": 15, "seconds": 4,
        "notices": (1_000, 2_000), "import_rounds": 1, "postgres_import": False,
    },
    "smoke": {
        "sizes": (100, 300), "repeat": 3, "seconds": 1,
        "notices": (10, 30), "import_rounds": 1, "postgres_import": False,
    },
}  # fmt: skip


def demo_database(size):
    """A SQLite file holding `size` demo articles and as many comments, made once."""
    BENCH_FOLDER.mkdir(exist_ok=True)
    path = BENCH_FOLDER / f"demo-{size}-{schema_and_demo_fingerprint()}.sqlite3"
    if not path.exists():
        print(f"Making a demo archive of {size:,} articles (seed_demo)...", flush=True)
        scratch = path.with_suffix(".making")
        scratch.unlink(missing_ok=True)
        environment = {**clean_environment(), "DATABASE_URL": f"sqlite:///{scratch}"}
        for command in (
            ["migrate", "--noinput"],
            ["seed_demo", "--articles", str(size), "--comments", str(size)]
            + ["--seed", "1", "--until", "2026-12-01", "--verbosity", "0"],
        ):
            run_manage(command, environment)
        scratch.rename(path)
    return path


def schema_and_demo_fingerprint():
    """Changes when the migrations or the demo data do: an archive made by
    older code is made again."""
    digest = hashlib.sha256()
    for path in sorted([*ROOT.glob("*/migrations/*.py"), ROOT / "articles" / "demo.py"]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def clean_environment(**extra):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.pop("DATABASE_URL", None)
    return {**environment, "DJANGO_DEBUG": "1", **extra}


def run_manage(arguments, environment):
    subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=environment, check=True,
        capture_output=True, text=True,
    )  # fmt: skip


def page_times(database, repeat, day_articles=None):
    environment = clean_environment(DATABASE_URL=f"sqlite:///{database}", DJANGO_DEBUG="0")
    day = ["--day-articles", str(day_articles)] if day_articles else []
    result = subprocess.run(
        [sys.executable, "-m", "tests.bench_pages", "--repeat", str(repeat), *day],
        cwd=ROOT, env=environment, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(result.stdout.splitlines()[-1])


def flatness(mode):
    small_size, large_size = mode["sizes"]
    small = page_times(demo_database(small_size), mode["repeat"])
    # The archive day of the large archive shows as many articles as the small one's.
    large = page_times(demo_database(large_size), mode["repeat"], small["day_articles"])
    rows = {}
    for name, measured in small["pages"].items():
        before = measured["uncached"]["median_ms"]
        after = large["pages"][name]["uncached"]["median_ms"]
        rows[name] = {
            "small_ms": before,
            "large_ms": after,
            "large_spread_ms": [large["pages"][name]["uncached"][k] for k in ("p10_ms", "p90_ms")],
            "cached_large_ms": large["pages"][name]["cached"]["median_ms"],
            "ratio": round(after / before, 2) if before else None,
            "target": FLAT_TARGET,
        }
    return {"articles": [small["articles"], large["articles"]], "pages": rows}


def wrk(url, seconds, headers=()):
    """Requests per second `wrk` gets from `url` (2 threads, 16 connections)."""
    command = ["wrk", "-t2", "-c16", f"-d{int(seconds)}s", "-H", "Accept-Encoding: gzip"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"per_second": rate, "non_2xx": int(errors.group(1)) if errors else 0}


def alternate(static_url, page_url, seconds, rounds=3):
    """The static file and the page in turns, each `rounds` times: both feel
    the same load from the rest of the machine. Gives the median run of each."""
    runs = {static_url: [], page_url: []}
    for _ in range(rounds):
        for url in runs:
            runs[url].append(wrk(url, max(round(seconds / rounds), 1)))
    return [
        sorted(found, key=lambda run: run["per_second"])[rounds // 2] for found in runs.values()
    ]


def add_approved_comments(portal, count):
    code = (
        "from articles.models import Article; from comments.models import Comment; "
        "a = Article.objects.get(slug__startswith='tap-trung'); "
        "Comment.objects.bulk_create(Comment(article=a, name='Bạn đọc', title=f'Ý kiến {n}', "
        "content='Đồng tình với chủ trương của thành phố. ' * 4, status='approved') "
        f"for n in range({count}))"
    )
    portal.manage("shell", "-c", code)


def throughput(mode, folder):
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: `make bench` installs Debian's wrk package.")
    portal = LivePortal(
        folder, workers=3, threads=4,
        DJANGO_COMMENT_RATE_LIMITS="1000000/60", DJANGO_COMMENT_MIN_SECONDS="0",
        DJANGO_CAPTCHA_FORM_LIMIT="100000000/60", DJANGO_CAPTCHA_REFRESH_LIMIT="100000000/60",
    )  # fmt: skip
    try:
        portal.manage("import_notices", str(write_notices(folder / "notices", 300)))
        add_approved_comments(portal, 500)
        base = f"http://127.0.0.1:{portal.port}"
        page = request(portal.port, "GET", portal.article_path)[1]
        stylesheet = re.search(r'href="(/static/css/portal\.[0-9a-f]+\.css)"', page).group(1)
        session = re.search(r'data-comment-session="([^"]+)"', page).group(1)
        seconds = mode["seconds"]
        static, article = alternate(base + stylesheet, base + portal.article_path, seconds)
        figures = {
            "static file": static,
            "article, 500 comments": article,
            "home": wrk(base + "/", seconds),
            "section, page 3": wrk(base + "/chuyen-muc/chidaodieuhanh/?page=3", seconds),
            "comment form's captcha and tokens": wrk(
                base + session, seconds, headers=["X-Requested-With: XMLHttpRequest"]
            ),
        }
        static = figures["static file"]["per_second"]
        for figure in figures.values():
            figure["ratio_to_static"] = round(figure["per_second"] / static, 2)
        figures["article, 500 comments"]["target"] = STATIC_TARGET
        rate, median, p95, failed = measure(commenting(portal), clients=8, seconds=seconds)
        figures["comment posted (form + post)"] = {
            "per_second": round(rate, 1), "p50_ms": round(median, 1), "p95_ms": round(p95, 1),
            "failed": failed,
        }  # fmt: skip
        return figures
    finally:
        portal.stop()


def report(results):
    flat = results["flatness"]
    small, large = flat["articles"]
    print(f"\nEvery page without its cache, {small:,} and {large:,} articles (ms, median)")
    print(f"{'page':<28} {'small':>8} {'large':>8} {'ratio':>6} {'target':>7}  cached")
    for name, row in flat["pages"].items():
        verdict = "ok" if row["ratio"] is not None and row["ratio"] <= row["target"] else "OVER"
        print(
            f"{name:<28} {row['small_ms']:>8.1f} {row['large_ms']:>8.1f} {row['ratio']:>6} "
            f"{'≤ ' + str(row['target']):>7}  {row['cached_large_ms']:.2f} {verdict}"
        )
    print("\nUnder load: wrk, 16 connections, gunicorn 3 workers × 4 threads")
    print(f"{'figure':<36} {'per s':>9} {'÷ static':>9} {'target':>8}")
    for name, row in results["throughput"].items():
        ratio = row.get("ratio_to_static", "")
        target = f"≥ {row['target']}" if "target" in row else ""
        print(f"{name:<36} {row['per_second']:>9.1f} {ratio!s:>9} {target:>8}")
    bench_import.report(results["importing"])


def markdown(results):
    """The README's table of these results."""
    flat, small, large = results["flatness"], *results["flatness"]["articles"]

    def verdict(ok):
        return "ok" if ok else "**over**"

    lines = [
        f"Taken on {results['machine']} (`make bench`, {results['mode']} run).",
        "",
        f"| page, rendered anew | {small:,} articles | {large:,} articles | ratio "
        "(target ≤ 2) | served from its cache |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, row in flat["pages"].items():
        lines.append(
            f"| {name} | {row['small_ms']:.1f} ms | {row['large_ms']:.1f} ms | "
            f"{row['ratio']} {verdict(row['ratio'] <= row['target'])} | "
            f"{row['cached_large_ms']:.2f} ms |"
        )
    lines += [
        "",
        "| under load (wrk, 16 connections) | per second | ÷ static file |",
        "| --- | ---: | ---: |",
    ]  # noqa: E501
    for name, row in results["throughput"].items():
        ratio = row.get("ratio_to_static", "")
        if "target" in row:
            ratio = f"{ratio} (target ≥ {row['target']}) {verdict(ratio >= row['target'])}"
        lines.append(f"| {name} | {row['per_second']:,.0f} | {ratio} |")
    lines += [
        "",
        "| import of notice files | files | import | `loaddata` of its rows | ratio (target ≤ 1) "
        "| peak memory | ratio (target ≤ 1.25) |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for vendor, row in results["importing"].items():
        memory = " → ".join(
            f"{mb} MB ({int(files):,} files)" for files, mb in row["peak_mb"].items()
        )
        lines.append(
            f"| {vendor} | {row['files']:,} | {row['import']['seconds']:.1f} s | "
            f"{row['loaddata']['seconds']:.1f} s | {row['ratio_to_loaddata']} "
            f"{verdict(row['ratio_to_loaddata'] <= row['target'])} | {memory} | "
            f"{row['memory_ratio']} {verdict(row['memory_ratio'] <= row['memory_target'])} |"
        )
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="1,000 and 10,000 articles, short runs"
    )
    parser.add_argument("--smoke", action="store_true", help="tiny: checks that the bench runs")
    parser.add_argument("--json", type=Path, default=BENCH_FOLDER / "latest.json")
    options = parser.parse_args()
    name = "smoke" if options.smoke else "quick" if options.quick else "full"
    mode = MODES[name]
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        results = {
            "mode": name,
            "machine": f"{platform.node()} {os.cpu_count()} CPUs, {platform.platform()}",
            "flatness": flatness(mode),
            "throughput": throughput(mode, Path(folder)),
            "importing": bench_import.importing(
                mode,
                Path(folder) / "importing",
                clean_environment(
                    DJANGO_DEBUG="0",
                    DJANGO_ALLOWED_HOSTS="127.0.0.1",
                    DJANGO_SECRET_KEY="bench-only-" + "x" * 50,
                ),
            ),
        }
    results["seconds"] = round(time.monotonic() - started)
    report(results)
    options.json.parent.mkdir(parents=True, exist_ok=True)
    options.json.write_text(json.dumps(results, ensure_ascii=False, indent=2))
    table = options.json.with_suffix(".md")
    table.write_text(markdown(results))
    print(f"\n{results['seconds']} s; figures in {options.json}, the README's table in {table}")


if __name__ == "__main__":
    main()
