import io
import ipaddress
import re
from datetime import date, timedelta
from random import Random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from articles import demo_words
from articles.demo import ArticleMaker, build_pools, start_of
from articles.models import SEARCH_COLUMNS, Article, Category
from comments.models import Comment, Decision
from comments.phone import normalise_phone
from portal.network import client_network
from portal.text import fold, has_diacritics, make_slug
from tests.helpers.factories import HANOI, make_article
from tests.helpers.html import texts
from tests.helpers.paths import SEED_PATH

pytestmark = pytest.mark.django_db

UNTIL = date(2026, 11, 30)
DOCUMENTATION_NETWORKS = [
    ipaddress.ip_network(network)
    for network in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")
]
LEADER = re.compile(r"(?:Phó )?Chủ tịch (?:Thường trực )?UBND thành phố")
NOTICE_START = re.compile(r"^(Ngày|Sáng|Chiều) \d{1,2}/\d{1,2}, \S")


@pytest.fixture(autouse=True)
def debug(settings):
    """seed_demo is for development machines, where DEBUG is on."""
    settings.DEBUG = True


@pytest.fixture(autouse=True)
def on_the_demo_day(time_machine):
    """Today is the demo's last day: which demo articles are public (some are
    scheduled after it) does not change with the day the tests run."""
    time_machine.move_to(start_of(UNTIL) + timedelta(hours=12))


def run(*args, articles=200, comments=400, seed=1):
    """Run seed_demo; return its output."""
    out = io.StringIO()
    call_command(
        "seed_demo",
        f"--articles={articles}",
        f"--comments={comments}",
        f"--seed={seed}",
        f"--until={UNTIL}",
        *args,
        stdout=out,
    )
    return out.getvalue()


def snapshot():
    """Everything seed_demo writes that a reader or editor sees."""
    articles = list(
        Article.objects.order_by("pk").values_list(
            "title", "slug", "category__slug", "lead", "body", "author", "status", "published_at"
        )
    )
    comments = list(
        Comment.objects.order_by("pk").values_list(
            "article__slug", "name", "phone", "title", "content", "status", "created_at",
            "ip_address", "user_agent",
        )
    )  # fmt: skip
    return articles, comments


def flush():
    Comment.objects.all().delete()
    Article.objects.all().delete()


def test_writes_the_numbers_asked_for_in_the_shares_chosen():
    out = run(articles=200, comments=400)

    assert Article.objects.count() == 200
    assert Article.objects.filter(status=Article.Status.DRAFT).count() == 4
    scheduled = Article.objects.filter(published_at__gte=start_of(UNTIL + timedelta(days=1)))
    assert scheduled.count() == 2
    assert not scheduled.filter(status=Article.Status.DRAFT).exists()
    assert Comment.objects.approved().count() == 280
    assert Comment.objects.pending().count() == 100
    assert Comment.objects.rejected().count() == 20
    assert out.startswith("Đã thêm 200 bài viết và 400 bình luận trong ")
    assert out.rstrip().endswith("bài viết/giây).")


def test_articles_read_like_the_portal_s_notices():
    run(articles=200, comments=0)

    articles = list(Article.objects.select_related("category"))
    sections = {category.slug for category in Category.objects.all()}
    assert {article.category.slug for article in articles} == sections  # all five used
    for article in articles:
        assert has_diacritics(article.title), article.title
        assert NOTICE_START.match(article.lead), article.lead
        assert 3 <= len(article.paragraphs) <= 8
        assert article.body == "\n\n".join(article.paragraphs)
        assert article.author in demo_words.AUTHORS
        assert article.outlet_code == "HNP"
        assert {name: getattr(article, name) for name in SEARCH_COLUMNS.values()} == (
            article.search_columns()
        )
        assert article.slug.startswith(make_slug(article.title) + "-demo-")
    assert sorted(int(article.slug.rsplit("-", 1)[1]) for article in articles) == list(
        range(1, 201)
    )


def test_an_article_s_title_and_lead_speak_of_the_same_thing():
    run(articles=300, comments=0)

    questions = Article.objects.filter(category__slug="hoidap")
    decisions = Article.objects.filter(category__slug="vanbanphapquy")
    conclusions = Article.objects.filter(title__startswith="Kết luận của")
    assert questions and decisions and conclusions
    for article in questions:  # "Hỏi về <question>"
        assert article.title.split(" về ", 1)[1] in article.lead
    for article in decisions:  # "Quyết định số 1249/QĐ-UBND về ..."
        assert re.search(r"Quyết định số \d+/QĐ-UBND", article.title).group() in article.lead
    for article in conclusions:  # "Kết luận của <leader> về <subject>"
        leader, subject = article.title.removeprefix("Kết luận của ").split(" về ", 1)
        assert subject in article.lead
        assert set(LEADER.findall(article.lead)) <= {leader}


def test_every_template_of_every_section_and_topic_fills_in():
    pools = build_pools(Random(1))
    maker = ArticleMaker(Random(1), list(Category.objects.all()), pools)
    for pool in pools:
        for section in demo_words.SECTIONS.values():
            for template in [*section["title"], *section["lead"], *section["opening"]]:
                text = maker.writer(pool, UNTIL).render(template)
                assert "{" not in text and "}" not in text, text
                assert text[:1].isupper() or text.startswith(("bạn đọc", "tại")), text


def test_publication_times_spread_over_ten_years_of_office_hours():
    run(articles=300, comments=0)

    times = [
        when.astimezone(HANOI) for when in Article.objects.values_list("published_at", flat=True)
    ]
    assert min(times).date() < UNTIL.replace(year=UNTIL.year - 9)
    assert max(when.date() for when in times if when.date() < UNTIL) >= UNTIL - timedelta(days=120)
    assert len({when.year for when in times}) >= 10
    for when in times:
        minutes = when.hour * 60 + when.minute
        assert 7 * 60 + 30 <= minutes < 17 * 60 + 30, when
    weekdays = sum(1 for when in times if when.weekday() < 5)
    assert weekdays > 0.9 * len(times)


def test_search_finds_a_demo_article_by_a_title_typed_without_diacritics(client):
    run(articles=200, comments=0)
    newest = Article.objects.published().first()
    query = fold(newest.title)
    assert query != newest.title.lower()

    response = client.get(reverse("articles:search"), {"q": query})

    assert response.status_code == 200
    assert newest.title in texts(response.content.decode(), "h2", class_="article-item-title")


def test_comments_come_from_readers_after_the_article_from_reserved_addresses():
    run(articles=200, comments=400)

    comments = list(Comment.objects.select_related("article"))
    phones = [comment.phone for comment in comments if comment.phone]
    assert 0 < len(phones) < len(comments)
    for phone in phones:
        assert normalise_phone(phone) == phone  # a valid Vietnamese number, E.164
        assert phone.startswith("+8495")  # the closed S-Fone block
    # Some Vietnamese names have no diacritics ("Phan Kim Loan"); most do.
    assert sum(has_diacritics(comment.name) for comment in comments) > len(comments) / 2
    for comment in comments:
        surname, *_ = comment.name.split()
        assert surname in demo_words.SURNAMES and len(comment.name.split()) == 3
        assert has_diacritics(comment.title + comment.content)
        article = comment.article
        assert article.status == Article.Status.PUBLISHED
        assert article.published_at < comment.created_at < start_of(UNTIL)
        address = ipaddress.ip_address(comment.ip_address)
        assert any(address in network for network in DOCUMENTATION_NETWORKS), address
        assert comment.network == client_network(comment.ip_address)
        assert comment.submission_key is None
        assert comment.flags == []
    assert any(":" in comment.ip_address for comment in comments)
    assert any("." in comment.ip_address for comment in comments)


def test_every_decided_demo_comment_has_its_line_in_the_decision_log():
    run(articles=200, comments=400)

    decided = Comment.objects.exclude(status=Comment.Status.PENDING).select_related("article")
    lines = {decision.comment_id: decision for decision in Decision.objects.all()}
    assert len(lines) == decided.count() > 0
    for comment in decided:
        line = lines[comment.pk]
        assert (line.action, line.from_status) == (comment.status, "pending")
        assert line.decided_at == comment.moderated_at
        assert comment.created_at < line.decided_at < start_of(UNTIL)
        assert (line.comment_title, line.article_title) == (comment.title, comment.article.title)
        assert bool(line.reason) == (comment.status == Comment.Status.REJECTED)
    assert not Comment.objects.pending().exclude(moderated_at=None).exists()


def test_an_article_page_shows_its_approved_demo_comments(client):
    run(articles=50, comments=300)
    article = Article.objects.published().filter(comments__status=Comment.Status.APPROVED).first()
    approved = article.comments.approved().order_by("-created_at").first()

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert article.paragraphs[0] in html
    assert approved.title in html


def test_the_same_seed_writes_the_same_rows():
    run(seed=7, articles=120, comments=200)
    first = snapshot()
    flush()

    run(seed=7, articles=120, comments=200)

    assert snapshot() == first
    flush()
    run(seed=8, articles=120, comments=200)
    assert {row[0] for row in snapshot()[0]} != {row[0] for row in first[0]}


def test_a_second_run_adds_more_without_collisions():
    run(articles=100, comments=100)
    first_slugs = set(Article.objects.values_list("slug", flat=True))

    run(articles=100, comments=100)

    slugs = list(Article.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs)) == 200
    assert first_slugs < set(slugs)
    numbers = sorted(int(slug.rsplit("-", 1)[1]) for slug in slugs)
    assert numbers == list(range(1, 201))
    assert Comment.objects.count() == 200


def test_comments_alone_go_under_the_demo_articles_already_there():
    run(articles=50, comments=0)

    run(articles=0, comments=60)

    assert Article.objects.count() == 50
    assert Comment.objects.count() == 60
    for comment in Comment.objects.select_related("article"):
        assert comment.article.published_at < comment.created_at


def test_comments_alone_need_demo_articles_to_go_under():
    with pytest.raises(CommandError, match="Chưa có bài viết mẫu nào đã đăng"):
        run(articles=0, comments=10)

    assert not Comment.objects.exists()


def test_a_title_and_time_already_taken_moves_the_demo_article_a_minute_on():
    run(articles=20, comments=0, seed=5)
    title, published_at = Article.objects.order_by("pk").values_list("title", "published_at")[0]
    flush()
    real = make_article(title=title, published_at=published_at, slug="bai-that")

    run("--force", articles=20, comments=0, seed=5)

    moved = Article.objects.exclude(pk=real.pk).get(title=title)
    assert moved.published_at == published_at + timedelta(minutes=1)


def test_refuses_with_debug_off_unless_forced(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError) as refusal:
        run()

    assert "DEBUG đang tắt" in str(refusal.value)
    assert "--force" in str(refusal.value)
    assert not Article.objects.exists()
    run("--force", articles=10, comments=5)
    assert Article.objects.count() == 10


def test_refuses_a_database_with_real_articles_unless_forced():
    make_article(title="Thông báo lịch tiếp công dân tháng 12")

    with pytest.raises(CommandError) as refusal:
        run()

    message = str(refusal.value)
    assert "đã có 1 bài viết thật" in message
    assert "Thông báo lịch tiếp công dân tháng 12" in message
    assert "--force" in message
    assert Article.objects.count() == 1
    run("--force", articles=10, comments=5)
    assert Article.objects.count() == 11


def test_the_sample_notice_imported_by_make_run_is_not_a_real_article():
    call_command("import_notices", str(SEED_PATH), stdout=io.StringIO())

    run(articles=10, comments=5)

    assert Article.objects.count() == 11
