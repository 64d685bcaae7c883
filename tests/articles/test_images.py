"""Article images: cleaned on upload, served under `make run`, shown as
renditions with their size."""

import io
import struct
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import MULTIPART_CONTENT
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import ExifTags, Image

from articles import images
from articles.models import Article
from tests.helpers.factories import make_article
from tests.helpers.forms import article_form
from tests.helpers.html import tags
from tests.helpers.media import urls_as_make_run
from tests.helpers.tasks import run_queued_tasks

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
    with urls_as_make_run(settings):
        yield


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


def jpeg_from_a_phone(width, height):
    """A JPEG as a phone takes it: turned by its EXIF orientation (6: the
    camera was held upright), with the camera and a GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "Điện thoại của phóng viên"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (21.0, 1.0, 42.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (105.0, 51.0, 9.0),
    }
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("IMG_0001.jpg", buffer.getvalue(), content_type="image/jpeg")


def png_chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def decompression_bomb():
    """A small PNG whose header claims 30,000 x 30,000 pixels: more than
    twice Pillow's limit, which it refuses to open."""
    header = struct.pack(">IIBBBBB", 30_000, 30_000, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" + b"\x00" * 3 * 30_000)
    data = (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", rows)
        + png_chunk(b"IEND", b"")
    )
    return SimpleUploadedFile("anh-lon.png", data, content_type="image/png")


def stored_image(name):
    with default_storage.open(name) as stored:
        data = stored.read()
    return data, Image.open(io.BytesIO(data))


def post_article(client, **fields):
    """The admin's add form as a browser sends it with a file: multipart."""
    fields = {"title": "Hồ Gươm đón khách dịp cuối năm", "image_caption": "Phố đi bộ", **fields}
    return client.post(
        reverse("admin:articles_article_add"), article_form(**fields), MULTIPART_CONTENT
    )


def test_an_uploaded_photo_is_kept_upright_without_camera_or_position(editor_client, media_folder):
    response = post_article(editor_client, image=jpeg_from_a_phone(400, 300))

    assert response.status_code == 302
    article = Article.objects.get()
    data, image = stored_image(article.image.name)
    assert image.size == (300, 400)  # turned as the phone held it
    assert (article.image_width, article.image_height) == (300, 400)
    assert dict(image.getexif()) == {}
    assert b"Exif" not in data
    assert "Điện thoại".encode() not in data


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (decompression_bomb, "Ảnh quá lớn: tối đa 89 triệu điểm ảnh."),
        (lambda: SimpleUploadedFile("anh.gif", b"GIF89a", content_type="image/gif"), None),
        (lambda: SimpleUploadedFile("anh.jpg", b"not an image", content_type="image/jpeg"), None),
    ],
)
def test_an_image_that_cannot_be_shown_is_refused_and_nothing_saved(
    editor_client, media_folder, upload, message
):
    response = post_article(editor_client, image=upload())

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["image"]
    if message:
        assert message in errors["image"][0]
    assert not Article.objects.exists()
    assert list(media_folder.rglob("*.*")) == []


def test_renditions_are_made_by_the_worker_in_webp_and_jpeg(media_folder):
    article = make_article(image=png(1000, 500), image_caption="Hồ Gươm buổi sớm")
    assert article.image_renditions == {}

    run_queued_tasks()

    article.refresh_from_db()
    assert article.image_renditions["source"] == article.image.name
    sizes = article.image_renditions["sizes"]
    assert [(size["width"], size["height"]) for size in sizes] == [
        (320, 160),
        (640, 320),
        (960, 480),
        (1000, 500),
    ]
    for size in sizes:
        for extension, pillow_format in [("webp", "WEBP"), ("jpg", "JPEG")]:
            _, image = stored_image(size[extension])
            assert (image.format, image.size) == (pillow_format, (size["width"], size["height"]))


def test_pages_offer_the_renditions_with_srcset_and_size(client, media_folder):
    article = make_article(image=png(1600, 900), image_caption="Hồ Gươm buổi sớm")
    run_queued_tasks()
    article.refresh_from_db()
    sizes = article.image_renditions["sizes"]

    html = client.get(article.get_absolute_url()).content.decode()

    [source] = [tag for tag in tags(html, "source") if tag.get("type") == "image/webp"]
    assert source["srcset"] == ", ".join(
        f"{default_storage.url(size['webp'])} {size['width']}w" for size in sizes
    )
    [image] = [tag for tag in tags(html, "img") if tag.get("alt") == "Hồ Gươm buổi sớm"]
    assert image["src"] == default_storage.url(sizes[1]["jpg"])  # 640 wide
    assert (image["width"], image["height"]) == ("640", "360")
    assert image["srcset"].count("w, ") == len(sizes) - 1
    assert image["loading"] == "eager"


def test_a_new_image_gets_new_renditions_and_the_old_task_does_nothing(media_folder):
    article = make_article(image=png(800, 400))
    first_image = article.image.name
    article.image = png(700, 700)
    article.save()

    run_queued_tasks()

    article.refresh_from_db()
    assert article.image.name != first_image
    assert article.image_renditions["source"] == article.image.name
    assert article.image_renditions["sizes"][-1]["height"] == 700


def test_removing_the_image_removes_its_renditions_from_the_page(client, media_folder):
    article = make_article(image=png(800, 400), image_caption="Hồ Gươm buổi sớm")
    run_queued_tasks()
    article.refresh_from_db()
    article.image = None
    article.save()

    html = client.get(article.get_absolute_url()).content.decode()

    assert Article.objects.get(pk=article.pk).image_renditions == {}
    assert "<picture" not in html
    assert "Hồ Gươm buổi sớm" not in html


image_modes = st.sampled_from(["RGB", "RGBA", "L", "LA", "P", "CMYK", "1", "I;16"])
image_formats = st.sampled_from(["PNG", "JPEG", "WEBP"])


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    mode=image_modes,
    file_format=image_formats,
    width=st.integers(1, 1500),
    height=st.integers(1, 400),
)
def test_any_image_pillow_opens_gives_renditions_no_wider_than_itself(
    media_folder, mode, file_format, width, height
):
    buffer = io.BytesIO()
    try:
        Image.new(mode, (width, height)).save(buffer, file_format)
    except OSError:
        return  # a mode this format cannot hold: nobody can upload it either
    upload = SimpleUploadedFile(f"anh.{file_format.lower()}", buffer.getvalue())

    cleaned = images.without_metadata(upload)
    name = default_storage.save(f"articles/{cleaned.name}", cleaned)
    made = images.make_renditions(name)

    widths = [size["width"] for size in made["sizes"]]
    assert widths == sorted(set(widths))
    assert widths[-1] == min(width, images.WIDTHS[-1])
    for size in made["sizes"]:
        _, image = stored_image(size["jpg"])
        assert image.size == (size["width"], size["height"])
        assert image.mode == "RGB"


def rendition_files(article):
    return [
        size[extension]
        for size in article.image_renditions["sizes"]
        for extension in images.FORMATS
    ]


def test_replaced_or_deleted_images_leave_no_renditions_behind(
    media_folder, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(image=png(800, 400))
        run_queued_tasks()
    article.refresh_from_db()
    first = rendition_files(article)
    assert all(default_storage.exists(name) for name in first)

    with django_capture_on_commit_callbacks(execute=True):
        article.image = png(700, 700)
        article.save()
        run_queued_tasks()
    article.refresh_from_db()
    second = rendition_files(article)

    assert not any(default_storage.exists(name) for name in first)
    assert all(default_storage.exists(name) for name in second)

    with django_capture_on_commit_callbacks(execute=True):
        article.delete()

    assert not any(default_storage.exists(name) for name in second)
