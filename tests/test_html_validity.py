"""The W3C Nu HTML checker (npm package vnu-jar, run with the machine's Java)."""

import io
import json
import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tests.helpers.factories import make_article, make_comment
from tests.helpers.paths import ROOT
from tests.helpers.tasks import run_queued_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_errors(pages):
    """Run the checker once over every page; return its errors, by page."""
    if not VNU_JAR.exists() or not shutil.which("java"):
        pytest.fail("The Nu HTML checker is missing: `make test` installs it (npm ci, Java).")
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{message['url']}:{message.get('lastLine')}: {message['message']}" for message in messages
    ]


def test_reader_pages_are_valid_html(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    article = make_article(title="Đại hội lần thứ XIII", body="Một.\n\nHai.")
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (20, 110, 60)).save(buffer, "JPEG")
    make_article(  # the featured story, its card and thumbnails, in renditions
        category=article.category,
        title="Hồ Gươm đón khách",
        image=SimpleUploadedFile("ho-guom.jpg", buffer.getvalue()),
        image_caption="Phố đi bộ",
        is_featured=True,
    )
    run_queued_tasks()
    make_comment(
        article,
        status="approved",
        content="Dòng một\nDòng hai <b>",
        reply="Ban biên tập đã chuyển ý kiến.\nXin cảm ơn <bạn>.",
        replied_at=timezone.now(),
    )
    make_article(
        category=article.category,
        title="Bài cũ hơn",
        published_at=article.published_at.replace(year=2019),
    )
    failed_comment = client.post(
        reverse("comments:post", kwargs={"article_id": article.pk}),
        {"name": "", "phone": "123", "title": "", "content": "", "captcha_0": "x", "captcha_1": ""},
    )
    responses = {
        "home": client.get("/"),
        "category": client.get(article.category.get_absolute_url()),
        "article": client.get(article.get_absolute_url()),
        "comment-errors": failed_comment,
        "search": client.get("/tim-kiem/?q=dai+hoi"),
        "search-empty": client.get("/tim-kiem/"),
        "archive": client.get("/luu-tru/?ngay=2020-11-14"),
        "archive-error": client.get("/luu-tru/?ngay=31/02/2020"),
        "not-found": client.get("/khong-co/"),
        "accessibility": client.get("/tuyen-bo-ho-tro-tiep-can/"),
    }
    paths = []
    for name, response in responses.items():
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        paths.append(str(path))

    assert nu_errors(paths) == []
