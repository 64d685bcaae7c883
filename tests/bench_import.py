"""`make bench`'s import figures: `import_notices` against `loaddata` of the
rows it made, on fresh databases, and its peak memory at two sizes.

For each database: a folder of notice files shaped like the seed (its text,
about 4 KB; one in ten under a recurring title, as weekly schedules are) is
imported into a freshly migrated database; `dumpdata` writes the rows it
made, and `loaddata` loads them into another freshly migrated database. The
two commands run in turns, `rounds` times, and the median of each is kept:
both feel the same load from the rest of the machine. Wall time is the
figure; CPU time and peak memory (of the command's process) are beside it.
"""

import os
import re
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta

from tests.helpers.paths import ROOT

IMPORT_TARGET = 1.0  # at most loaddata's time
MEMORY_TARGET = 1.25  # peak memory of the large import within this of the small one's
RECURRING_TITLE = "Lịch công tác tuần của Thường trực Ủy ban nhân dân thành phố"
TITLE_TIME = re.compile(r"\s*\(\d{1,2}:\d{2} \d{1,2}/\d{1,2}/\d{4}\)\s*$")


def seed_like_notices(folder, count):
    """`count` notice files with the seed's text, each its own title and time."""
    seed = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    title_line, rest = seed.split("\n", 1)
    title = TITLE_TIME.sub("", title_line)
    folder.mkdir(parents=True)
    first = datetime(2016, 1, 4, 7, 30)
    for number in range(count):
        when = first + timedelta(hours=7 * number)
        heading = RECURRING_TITLE if number % 10 == 0 else f"{title} (đợt {number})"
        (folder / f"{number:05d}.txt").write_text(
            f"{heading} ({when:%H:%M %d/%m/%Y})\n{rest}", encoding="utf-8"
        )
    return folder


def timed_manage(arguments, environment, log):
    """{seconds, cpu_seconds, peak_mb} of one manage.py command."""
    started = time.perf_counter()
    with open(log, "w") as output:
        process = subprocess.Popen(
            [sys.executable, "manage.py", *arguments], cwd=ROOT, env=environment,
            stdout=subprocess.DEVNULL, stderr=output,
        )  # fmt: skip
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"manage.py {' '.join(arguments)} failed:\n{log.read_text()}")
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_mb": round(usage.ru_maxrss / 1024),
    }


def median_run(runs):
    return sorted(runs, key=lambda run: run["seconds"])[len(runs) // 2]


class Database:
    """A database made fresh for each command: a SQLite file or a PostgreSQL database."""

    def __init__(self, vendor, folder, base_environment, postgres_url=None):
        self.vendor, self.folder, self.postgres_url = vendor, folder, postgres_url
        self.base_environment = base_environment

    def fresh(self, name):
        """The environment of a new, migrated, empty database called `name`."""
        if self.vendor == "sqlite":
            path = self.folder / f"{name}.sqlite3"
            path.unlink(missing_ok=True)
            url = f"sqlite:///{path}"
        else:
            import psycopg

            server, _, _ = self.postgres_url.rpartition("/")
            with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "bench_{name}"')
                connection.execute(f'CREATE DATABASE "bench_{name}"')
            url = f"{server}/bench_{name}"
        environment = {**self.base_environment, "DATABASE_URL": url}
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=environment,
            check=True, capture_output=True,
        )  # fmt: skip
        return environment


def import_against_loaddata(database, notices, rounds, folder):
    imports, loads = [], []
    dump = folder / f"{database.vendor}-{notices.name}.json"
    for round_number in range(rounds):
        target = database.fresh(f"import_{round_number}")
        imports.append(
            timed_manage(["import_notices", str(notices), "-v0"], target, folder / "import.log")
        )
        if not dump.exists():
            subprocess.run(
                [sys.executable, "manage.py", "dumpdata", "articles.article",
                 "articles.category", "-o", str(dump)],
                cwd=ROOT, env=target, check=True, capture_output=True,
            )  # fmt: skip
        target = database.fresh(f"load_{round_number}")
        loads.append(timed_manage(["loaddata", str(dump), "-v0"], target, folder / "load.log"))
    return median_run(imports), median_run(loads)


def postgres_answers(url):
    try:
        import psycopg

        server, _, _ = url.rpartition("/")
        psycopg.connect(f"{server}/postgres", connect_timeout=3).close()
    except Exception:  # noqa: BLE001 - any failure means: no PostgreSQL to measure
        return False
    return True


def importing(mode, folder, base_environment):
    """{database: figures} for the mode's two numbers of files."""
    small_count, large_count = mode["notices"]
    small = seed_like_notices(folder / f"notices-{small_count}", small_count)
    large = seed_like_notices(folder / f"notices-{large_count}", large_count)
    postgres_url = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/portal")
    databases = [Database("sqlite", folder, base_environment)]
    if mode["postgres_import"] and postgres_answers(postgres_url):
        databases.append(Database("postgresql", folder, base_environment, postgres_url))
    figures = {}
    for database in databases:
        imported, loaded = import_against_loaddata(database, large, mode["import_rounds"], folder)
        smaller, _ = import_against_loaddata(database, small, 1, folder)
        figures[database.vendor] = {
            "files": large_count,
            "import": imported,
            "loaddata": loaded,
            "ratio_to_loaddata": round(imported["seconds"] / loaded["seconds"], 2),
            "target": IMPORT_TARGET,
            "peak_mb": {
                str(small_count): smaller["peak_mb"],
                str(large_count): imported["peak_mb"],
            },
            "memory_ratio": round(imported["peak_mb"] / smaller["peak_mb"], 2),
            "memory_target": MEMORY_TARGET,
            "files_per_second": round(large_count / imported["seconds"]),
        }
    return figures


def report(figures):
    print("\nImporting notice files against loaddata of the same rows (median, fresh database)")
    print(
        f"{'database':<11} {'files':>6} {'import s':>9} {'loaddata s':>11} {'ratio':>6} "
        f"{'target':>7} {'memory':>16} {'ratio':>6}"
    )
    for vendor, row in figures.items():
        verdict = "ok" if row["ratio_to_loaddata"] <= row["target"] else "OVER"
        memory = " → ".join(f"{mb} MB" for mb in row["peak_mb"].values())
        memory_verdict = "ok" if row["memory_ratio"] <= row["memory_target"] else "OVER"
        print(
            f"{vendor:<11} {row['files']:>6,} {row['import']['seconds']:>9.2f} "
            f"{row['loaddata']['seconds']:>11.2f} {row['ratio_to_loaddata']:>6} "
            f"{'≤ ' + str(row['target']):>7} {memory:>16} {row['memory_ratio']:>6} "
            f"{verdict}/{memory_verdict}"
        )
    rates = [row["files_per_second"] for row in figures.values()]
    if rates:
        print(f"({statistics.median(rates):,.0f} files per second)")
