"""Article images: served under `make run`, shown with their size."""

import importlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import clear_url_caches
from PIL import Image

import portal.urls
from tests.helpers.factories import make_article
from tests.helpers.html import tags

pytestmark = pytest.mark.django_db


def png(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile("anh-ho-guom.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def media_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def as_make_run(settings, media_folder):
    """The URLs as `make run` has them (DEBUG on)."""
    settings.DEBUG = True
    importlib.reload(portal.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(portal.urls)
    clear_url_caches()


def test_make_run_serves_uploaded_images(client, as_make_run):
    article = make_article(image=png(640, 360), image_caption="Hồ Gươm buổi sớm")

    response = client.get(article.image.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_production_leaves_uploads_to_the_web_server(client, media_folder):
    article = make_article(image=png(64, 64))

    assert client.get(article.image.url).status_code == 404


def test_the_article_image_has_its_size_and_caption(client, media_folder):
    article = make_article(image=png(640, 360), image_caption="Hồ Gươm buổi sớm")

    html = client.get(article.get_absolute_url()).content.decode()

    (image,) = [tag for tag in tags(html, "img") if tag.get("src") == article.image.url]
    assert (image["width"], image["height"], image["alt"]) == ("640", "360", "Hồ Gươm buổi sớm")
    assert "<figcaption>Hồ Gươm buổi sớm</figcaption>" in html
