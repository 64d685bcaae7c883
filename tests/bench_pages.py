"""Time every page in-process on one database: `make bench` runs this once
per archive size and compares the sizes. Prints JSON; asserts nothing.

    DATABASE_URL=sqlite:///... python -m tests.bench_pages --repeat 15

Each page is asked `repeat` times after a warm-up, without its page cache
(`uncached`: the cost of rendering it after a change) and with it (`cached`).
"""

import argparse
import json
import os
import statistics
import time


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "x" * 50)
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()


def archive_day(published, articles_shown):
    """(day, how many articles it shows): the newest day showing exactly
    `articles_shown` articles if given (so that both archives' day pages
    show as much), else the newest of the busiest days up to a page of 20."""
    from zoneinfo import ZoneInfo

    from django.db.models import Count
    from django.db.models.functions import TruncDate

    days = (
        published.annotate(day=TruncDate("published_at", tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
        .values("day")
        .annotate(shown=Count("pk"))
    )
    if articles_shown is not None:
        chosen = days.filter(shown=articles_shown).order_by("-day").first()
    else:
        chosen = days.filter(shown__lte=20).order_by("-shown", "-day").first()
    return chosen["day"].isoformat(), chosen["shown"]


def pages(editor, day_articles=None):
    """(name, client, url) for every page a reader or an editor opens, and
    how many articles the archive day shows."""
    from django.db.models import Count, F
    from django.test import Client
    from django.urls import reverse

    from articles.models import Article, Category
    from articles.sitemap_pages import PAGE_SIZE
    from comments.models import Comment

    reader = Client()
    admin = Client()
    admin.force_login(editor)
    section = Category.objects.filter(articles__isnull=False).distinct().first()
    published = Article.objects.published()
    in_section = published.in_category(section).count()
    # The article with the most approved comments: a full first page of them
    # in both archives, so that the two pages show as much.
    busiest = (
        Comment.objects.approved()
        .values("article")
        .annotate(count=Count("pk"))
        .order_by("-count", "article")
        .first()
    )
    article = Article.objects.get(pk=busiest["article"])
    day, day_shown = archive_day(published, day_articles)
    oldest_pending = Comment.objects.pending().values_list("pk", flat=True).first()
    common = article.title.split()[0]
    # A page of the articles' sitemap showing as many articles as any (the
    # newest pages hold the scheduled ones): the newest such.
    fullest = (
        published.annotate(page=F("pk") / PAGE_SIZE + 1)
        .values("page")
        .annotate(shown=Count("pk"))
        .order_by("-shown", "-page")
        .first()
    )
    return [
        ("home", reader, "/"),
        ("section, page 1", reader, section.get_absolute_url()),
        ("section, middle page", reader, f"{section.get_absolute_url()}?page={in_section // 40 + 1}"),  # noqa: E501
        ("article", reader, article.get_absolute_url()),
        ("archive day", reader, f"/luu-tru/?ngay={day}"),
        ("search, common word", reader, f"/tim-kiem/?q={common}"),
        ("search, rare word", reader, "/tim-kiem/?q=khongcotu"),
        ("feed", reader, "/rss/"),
        ("sitemap index", reader, "/sitemap.xml"),
        ("sitemap, a full page", reader, f"/sitemap-articles.xml?p={fullest['page']}"),
        ("admin articles", admin, reverse("admin:articles_article_changelist")),
        ("admin articles, search", admin, reverse("admin:articles_article_changelist") + f"?q={common}"),  # noqa: E501
        ("admin comments", admin, reverse("admin:comments_comment_changelist")),
        # Words in more than a page of the waiting comments at both sizes:
        # both lists show as many rows.
        ("admin comments, search", admin, reverse("admin:comments_comment_changelist") + "?q=thành+phố"),  # noqa: E501
        ("admin comment page", admin, reverse("admin:comments_comment_change", args=[oldest_pending])),  # noqa: E501
        ("admin decision log", admin, reverse("admin:comments_decision_changelist")),
        ("admin decision log, approvals", admin, reverse("admin:comments_decision_changelist") + "?action__exact=approved"),  # noqa: E501
        ("admin statistics", admin, reverse("admin:comments_comment_statistics")),
    ], day_shown  # fmt: skip


def timed(client, url, repeat, clear):
    from django.core.cache import cache

    samples = []
    for _ in range(repeat + 3):  # three to warm up
        if clear:
            cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    samples = sorted(samples[3:])
    return {
        "median_ms": round(statistics.median(samples), 2),
        "p10_ms": round(samples[len(samples) // 10], 2),
        "p90_ms": round(samples[len(samples) * 9 // 10], 2),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--day-articles", type=int, help="the archive day to time shows this many articles"
    )
    options = parser.parse_args()
    setup_django()
    from django.contrib.auth.models import User

    from articles.models import Article

    editor, _ = User.objects.get_or_create(
        username="bench", defaults={"is_staff": True, "is_superuser": True}
    )
    measured, day_articles = pages(editor, options.day_articles)
    results = {"articles": Article.objects.count(), "day_articles": day_articles, "pages": {}}
    for name, client, url in measured:
        results["pages"][name] = {
            "url": url,
            "uncached": timed(client, url, options.repeat, clear=True),
            "cached": timed(client, url, options.repeat, clear=False),
        }
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
