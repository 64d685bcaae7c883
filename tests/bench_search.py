"""How search time grows with the number of articles: measured, never asserted.

    python -m tests.bench_search URL [URL ...]

Each URL (DATABASE_URL syntax) names a database already filled, e.g. by
`manage.py seed_demo --articles 100000`; give databases of different sizes
in one run to compare them. For each, in its own process, in-process through
Django's test client, after a warm-up: the readers' search page, the ranking
query alone (articles.search.find) and the admin's search, for a word in
every article, three common words, a common phrase, a rare word and words
in no article. Prints
the median of REQUESTS requests and the spread (fastest, slowest) in ms.

It writes one staff user (bench-admin) to each database for the admin's
page: use demo databases only.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

REQUESTS = 21
WARM_UP = 3
# Words of seed_demo's articles, by how many articles hold them.
QUERIES = {
    "every article": "thành phố",
    "three words": "Điện Biên Phủ",
    "common phrase": '"giao thông"',
    "rare word": "Quỳnh",
    "no article": "bún chả",
}


def timed(action):
    for _ in range(WARM_UP):
        action()
    times = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), min(times), max(times)


def measure_here():
    """Run in the child process, DATABASE_URL set: {row: figures}."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret-" + "x" * 40)
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    from articles import search
    from articles.models import Article

    setup_test_environment()
    reader, editor = Client(), Client()
    admin, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    editor.force_login(admin)
    rows = {"articles": Article.objects.count()}
    for name, query in QUERIES.items():
        parsed = search.parse_query(query)
        found = search.find(parsed)

        def page(query=query):
            assert reader.get("/tim-kiem/", {"q": query}).status_code == 200

        def ranking(parsed=parsed):
            search.find(parsed)

        def admin_page(query=query):
            response = editor.get("/quan-tri/articles/article/", {"q": query})
            assert response.status_code == 200

        rows[name] = {
            "matches": f"{len(found.ids)}{'+' if found.more else ''}",
            "page": timed(page),
            "ranking": timed(ranking),
            "admin": timed(admin_page),
        }
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("urls", nargs="*")
    parser.add_argument("--here", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.here:
        print(json.dumps(measure_here()))
        return
    for url in args.urls:
        env = {**os.environ, "DATABASE_URL": url}
        child = [sys.executable, "-m", "tests.bench_search", "--here"]
        output = subprocess.run(child, env=env, check=True, capture_output=True, text=True)
        rows = json.loads(output.stdout.strip().splitlines()[-1])
        print(f"\n{url.split('@')[-1]}: {rows.pop('articles'):,} articles")
        print(f"{'query':<15}{'matches':>8}  {'page ms':>20}  {'ranking ms':>20}  {'admin ms':>20}")
        for name, row in rows.items():
            cells = [
                f"{median:6.1f} ({low:.1f}–{high:.1f})"
                for median, low, high in (row["page"], row["ranking"], row["admin"])
            ]
            print(f"{name:<15}{row['matches']:>8}  " + "  ".join(f"{c:>20}" for c in cells))


if __name__ == "__main__":
    main()
