import io
import shutil
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.importing import Action, import_notices, notice_files
from articles.models import Article, Category
from tests.helpers.factories import hanoi_time, make_article, make_category
from tests.helpers.paths import SEED_PATH

pytestmark = pytest.mark.django_db

SEED_TITLE = "Tập trung thực hiện tốt công tác tổ chức phục vụ Đại hội lần thứ XIII của Đảng"


def run(*args):
    """Run import_notices; return (stdout, stderr, error or None)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_notices", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def notice(title="Thông báo lịch tiếp công dân", when="08:30 02/12/2020", body="Nội dung."):
    return f"{title} ({when})\n\nHNP - Văn phòng UBND thành phố thông báo.\n\n{body}\n\nMinh Anh\n"


def test_seed_is_imported_published_into_the_default_section():
    Category.objects.all().delete()  # created when missing

    out, err, error = run(SEED_PATH)

    assert error is None, err
    article = Article.objects.get()
    assert article.title == SEED_TITLE
    assert article.category.name == "Chỉ đạo điều hành"
    assert article.category.slug == "chidaodieuhanh"
    assert article.author == "Quốc Bảo"
    assert article.outlet_code == "HNP"
    assert len(article.paragraphs) == 6
    assert article in Article.objects.published()
    assert "tạo mới 1, cập nhật 0, không đổi 0, lỗi 0" in out


def test_importing_twice_changes_nothing():
    run(SEED_PATH)
    first = Article.objects.get()
    sections = Category.objects.count()

    out, _, error = run(SEED_PATH)

    assert error is None
    again = Article.objects.get()
    assert again.updated_at == first.updated_at
    assert again.slug == first.slug
    assert Category.objects.count() == sections
    assert "tạo mới 0, cập nhật 0, không đổi 1, lỗi 0" in out


def test_edited_file_updates_the_article_in_place(tmp_path, seed_text):
    path = tmp_path / "notice.txt"
    path.write_text(seed_text, encoding="utf-8")
    run(path)
    original = Article.objects.get()

    path.write_text(seed_text.replace("Quốc Bảo", "Minh Anh"), encoding="utf-8")
    out, _, error = run(path)

    assert error is None
    updated = Article.objects.get()
    assert updated.pk == original.pk
    assert updated.author == "Minh Anh"
    assert "cập nhật 1" in out


def test_the_same_notice_under_another_file_name_is_not_duplicated(tmp_path):
    shutil.copy(SEED_PATH, tmp_path / "copy-of-seed.txt")

    run(SEED_PATH, tmp_path)

    assert Article.objects.count() == 1


def test_dry_run_writes_nothing(tmp_path):
    (tmp_path / "a.txt").write_text(notice(), encoding="utf-8")
    Category.objects.all().delete()

    out, _, error = run(tmp_path, "--dry-run")

    assert error is None
    assert Article.objects.count() == 0
    assert Category.objects.count() == 0
    assert "Chạy thử, không ghi gì" in out
    assert "tạo mới 1" in out


def test_dry_run_reports_updates_without_writing(tmp_path, seed_text):
    run(SEED_PATH)
    edited = tmp_path / "edited.txt"
    edited.write_text(seed_text.replace("Quốc Bảo", "Minh Anh"), encoding="utf-8")

    out, _, _ = run(edited, "--dry-run")

    assert "cập nhật 1" in out
    assert Article.objects.get().author == "Quốc Bảo"


def test_broken_files_are_reported_and_the_others_imported(tmp_path):
    (tmp_path / "1-good.txt").write_text(notice(), encoding="utf-8")
    (tmp_path / "2-bad-date.txt").write_text(notice(when="13:01 31/02/2020"), encoding="utf-8")
    (tmp_path / "3-empty.txt").write_bytes(b"")
    (tmp_path / "4-latin.txt").write_bytes("Thông báo (13:01 14/11/2020)\n".encode("cp1258"))
    (tmp_path / "5-no-time.txt").write_text("Thông báo\nHNP - Nội dung.\n", encoding="utf-8")
    (tmp_path / "6-good.txt").write_text(notice(title="Thông báo khác"), encoding="utf-8")

    out, err, error = run(tmp_path)

    assert isinstance(error, CommandError)
    assert error.returncode == 1
    assert "4 tệp không nhập được" in str(error)
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Thông báo khác",
        "Thông báo lịch tiếp công dân",
    ]
    errors = dict(line.split(": ", 1) for line in err.splitlines())
    assert errors == {
        str(tmp_path / "2-bad-date.txt"): "dòng 1: thời gian đăng không tồn tại: 13:01 31/02/2020",
        str(tmp_path / "3-empty.txt"): "tệp rỗng: không có dòng nào có chữ",
        str(tmp_path / "4-latin.txt"): (
            "dòng 1: không phải văn bản UTF-8: tệp có vẻ được lưu bằng bảng mã Windows-1258 "
            "(CP1258). Hãy chuyển sang UTF-8 rồi nhập lại, ví dụ: iconv -f CP1258 -t UTF-8 "
            'tệp.txt > tệp-utf8.txt, hoặc bằng công cụ chuyển mã của UniKey (nguồn "Windows CP '
            '1258", đích "Unicode").'
        ),
        str(tmp_path / "5-no-time.txt"): (
            'dòng 1: dòng tiêu đề thiếu thời gian đăng "(HH:MM DD/MM/YYYY)" ở cuối'
        ),
    }
    assert "6 tệp — tạo mới 2, cập nhật 0, không đổi 0, lỗi 4." in out


def test_a_field_too_long_for_the_database_fails_that_file_alone(tmp_path):
    (tmp_path / "long.txt").write_text("\n\n" + notice(title="Rất dài " * 80), encoding="utf-8")
    (tmp_path / "ok.txt").write_text(notice(), encoding="utf-8")

    _, err, error = run(tmp_path)

    assert error is not None
    assert f"{tmp_path / 'long.txt'}: dòng 3: tiêu đề: " in err
    assert Article.objects.get().title == "Thông báo lịch tiếp công dân"


def test_folders_are_searched_recursively_in_a_stable_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "z").mkdir(parents=True)
    for path in [tmp_path / "b" / "2.txt", tmp_path / "a" / "z" / "1.txt", tmp_path / "c.txt"]:
        path.write_text(notice(), encoding="utf-8")
    (tmp_path / "notes.md").write_text("không phải thông báo", encoding="utf-8")

    files, skipped = notice_files([tmp_path])

    assert [path.relative_to(tmp_path).as_posix() for path in files] == [
        "a/z/1.txt",
        "b/2.txt",
        "c.txt",
    ]
    assert skipped == [tmp_path / "notes.md"]


def test_missing_path_is_an_error_before_anything_is_written(tmp_path):
    _, _, error = run(SEED_PATH, tmp_path / "khong-co.txt")

    assert "Không tìm thấy tệp hoặc thư mục" in str(error)
    assert Article.objects.count() == 0


def test_category_option_puts_notices_in_that_section():
    section = make_category("Thông báo khẩn", slug="thongbaokhan")

    run(SEED_PATH, "--category", "thongbaokhan")

    assert Article.objects.get().category == section


def test_unknown_category_is_refused_with_the_known_ones():
    _, _, error = run(SEED_PATH, "--category", "khong-co")

    assert "Không có chuyên mục có đường dẫn 'khong-co'" in str(error)
    assert "hoidap" in str(error)
    assert Article.objects.count() == 0


def test_verbose_import_prints_the_article_url(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"

    out, _, _ = run(SEED_PATH, "--verbosity", "2")

    article = Article.objects.get()
    assert f"http://127.0.0.1:8000{article.get_absolute_url()}" in out


def test_batches_commit_every_file_they_hold(tmp_path):
    for number in range(7):
        (tmp_path / f"{number}.txt").write_text(
            notice(title=f"Thông báo số {number}"), encoding="utf-8"
        )
    section = make_category()

    report = import_notices(notice_files([tmp_path]).files, section, batch_size=3)

    assert Article.objects.count() == 7
    assert report.count(Action.CREATED) == 7


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_on_a_terminal(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(notice(), encoding="utf-8")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)

    run(tmp_path)

    assert "1/1" in terminal.getvalue()
    assert "tệp/s" in terminal.getvalue()


def test_no_progress_bar_when_output_is_a_pipe(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(notice(), encoding="utf-8")

    out, err, _ = run(tmp_path)

    captured = capsys.readouterr()
    assert "1/1" not in captured.err + err
    assert out == "1 tệp — tạo mới 1, cập nhật 0, không đổi 0, lỗi 0.\n"


# Nothing is lost silently: warnings, --strict, encodings, file names.

CHROME_WITH_STRAY = (
    "Các bài mới đăng\n"
    "Hà Nội triển khai Kế hoạch phục vụ Đại hội (15/11/2020)\n"
    "Liên hệ quảng cáo: 0912 345 678\n"
    "Viết bình luận\nHọ tên:(*)\nNội dung:(*)\n"
)


def test_a_dropped_line_that_is_not_chrome_is_a_warning_with_file_and_line(tmp_path):
    path = tmp_path / "quang-cao.txt"
    path.write_text(notice() + "\n" + CHROME_WITH_STRAY, encoding="utf-8")

    out, err, error = run(path)

    assert error is None
    assert Article.objects.get().body == "Nội dung."
    assert err.splitlines() == [
        f"{path}: cảnh báo: dòng 11: bỏ dòng lạ ở phần cuối trang "
        '(sau "Các bài mới đăng", dòng 9): "Liên hệ quảng cáo: 0912 345 678"'
    ]
    assert "tạo mới 1" in out
    assert "Có cảnh báo ở 1 tệp" in out


def test_the_report_carries_the_warnings(tmp_path):
    (tmp_path / "a.txt").write_text(notice() + "\n" + CHROME_WITH_STRAY, encoding="utf-8")

    report = import_notices(notice_files([tmp_path]).files, make_category())

    (result,) = report.warned
    assert result.action.name == "CREATED"
    assert [warning.split(":")[0] for warning in result.warnings] == ["dòng 11"]


def test_strict_refuses_a_file_with_a_dropped_line_and_writes_nothing(tmp_path):
    (tmp_path / "1-stray.txt").write_text(notice() + "\n" + CHROME_WITH_STRAY, encoding="utf-8")
    (tmp_path / "2-clean.txt").write_text(notice(title="Thông báo khác"), encoding="utf-8")

    out, err, error = run(tmp_path, "--strict")

    assert error.returncode == 1
    assert "1 tệp không nhập được" in str(error)
    assert list(Article.objects.values_list("title", flat=True)) == ["Thông báo khác"]
    assert err.splitlines() == [
        f"{tmp_path / '1-stray.txt'}: dòng 11: bỏ dòng lạ ở phần cuối trang "
        '(sau "Các bài mới đăng", dòng 9): "Liên hệ quảng cáo: 0912 345 678" '
        "(--strict: không nhập tệp)"
    ]
    assert "2 tệp — tạo mới 1, cập nhật 0, không đổi 0, lỗi 1." in out


def test_strict_leaves_an_existing_article_as_it_was(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(notice(), encoding="utf-8")
    run(path)
    path.write_text(notice(body="Nội dung mới.") + "\n" + CHROME_WITH_STRAY, encoding="utf-8")

    _, _, error = run(path, "--strict")

    assert error is not None
    assert Article.objects.get().body == "Nội dung."


def test_a_notice_with_labels_in_its_body_imports_whole(tmp_path, seed_text):
    path = tmp_path / "nhan-dien.txt"
    body = (
        "Họ tên: Nguyễn Văn An, sinh năm 1980, trú tại phường Hàng Bạc.\n\n"
        "Mã xác nhận: hồ sơ số 123/HS-UBND ngày 10/11/2020.\n\n"
    )
    path.write_text(seed_text.replace("Quốc Bảo", body + "Quốc Bảo"), encoding="utf-8")

    _, err, error = run(path, "--strict")

    assert error is None, err
    article = Article.objects.get()
    assert article.paragraphs[-2:] == [
        "Họ tên: Nguyễn Văn An, sinh năm 1980, trú tại phường Hàng Bạc.",
        "Mã xác nhận: hồ sơ số 123/HS-UBND ngày 10/11/2020.",
    ]
    assert article.author == "Quốc Bảo"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_notepad_unicode_files_are_imported(tmp_path, seed_text, encoding):
    path = tmp_path / "unicode.txt"
    text = seed_text.replace("\n", "\r\n")
    path.write_bytes(
        text.encode(encoding) if encoding == "utf-16" else b"\xfe\xff" + text.encode(encoding)
    )

    _, err, error = run(path)

    assert error is None, err
    assert Article.objects.get().title == SEED_TITLE


def test_a_tcvn3_file_is_named_and_not_imported(tmp_path):
    path = tmp_path / "abc.txt"
    # "Thông báo (08:30 02/12/2020)" in TCVN3: ô is 0xAB, á is 0xB8.
    path.write_bytes(b"Th\xabng b\xb8o (08:30 02/12/2020)\r\nHNP - Th\xabng b\xb8o.\r\n")

    _, err, error = run(path)

    assert error is not None
    assert err.startswith(
        f"{path}: dòng 1: không phải văn bản UTF-8: tệp có vẻ được lưu bằng bảng mã TCVN3"
    )
    assert Article.objects.count() == 0


def test_txt_files_in_any_case_are_imported_and_other_files_listed(tmp_path):
    (tmp_path / "HOA.TXT").write_text(notice(title="Thông báo chữ hoa"), encoding="utf-8")
    (tmp_path / "tron.Txt").write_text(notice(title="Thông báo chữ trộn"), encoding="utf-8")
    (tmp_path / "anh.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "thong-bao.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text("ref: refs/heads/main", encoding="utf-8")

    out, err, error = run(tmp_path)

    assert error is None, err
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Thông báo chữ hoa",
        "Thông báo chữ trộn",
    ]
    assert out.splitlines() == [
        f"bỏ qua (không phải tệp .txt): {tmp_path / 'anh.png'}",
        f"bỏ qua (không phải tệp .txt): {tmp_path / 'thong-bao.docx'}",
        "2 tệp — tạo mới 2, cập nhật 0, không đổi 0, lỗi 0. Bỏ qua 2 tệp không phải .txt.",
    ]


def test_a_file_named_on_the_command_line_is_imported_whatever_its_name(tmp_path):
    path = tmp_path / "thong-bao.md"
    path.write_text(notice(), encoding="utf-8")

    _, err, error = run(path)

    assert error is None, err
    assert Article.objects.count() == 1


def test_quiet_import_lists_nothing(tmp_path):
    (tmp_path / "a.txt").write_text(notice(), encoding="utf-8")
    (tmp_path / "anh.png").write_bytes(b"\x89PNG\r\n\x1a\n")

    out, _, _ = run(tmp_path, "--verbosity", "0")

    assert out == ""
    assert Article.objects.count() == 1


# In bulk: a batch is decided file by file, then written in a few queries.


def write_notices(folder, titles, when="08:30 02/12/2020"):
    for number, title in enumerate(titles):
        (folder / f"{number:04d}.txt").write_text(notice(title=title, when=when), encoding="utf-8")


@pytest.mark.parametrize("count", [10, 200])
def test_a_batch_is_written_in_a_few_queries_whatever_its_size(tmp_path, count):
    write_notices(tmp_path, [f"Thông báo số {number}" for number in range(count)])
    section = make_category()

    with CaptureQueriesContext(connection) as queries:
        report = import_notices(notice_files([tmp_path]).files, section)

    assert report.count(Action.CREATED) == count == Article.objects.count()
    # Finding existing rows and free slugs, the transaction, and the INSERTs
    # (SQLite takes at most 999 values in one, about 60 articles).
    assert len(queries) <= 6 + count // 60


def test_a_notice_twice_in_one_batch_makes_one_article_with_the_last_text(tmp_path):
    (tmp_path / "1.txt").write_text(notice(body="Bản đầu."), encoding="utf-8")
    (tmp_path / "2.txt").write_text(notice(body="Bản đầu."), encoding="utf-8")
    (tmp_path / "3.txt").write_text(notice(body="Bản đã sửa."), encoding="utf-8")

    out, err, error = run(tmp_path)

    assert error is None, err
    assert Article.objects.get().body == "Bản đã sửa."
    assert "3 tệp — tạo mới 1, cập nhật 1, không đổi 1, lỗi 0." in out


def test_updates_in_bulk_touch_only_the_changed_articles(tmp_path, time_machine):
    first_import, second_import = hanoi_time(2026, 12, 1, 8, 0), hanoi_time(2026, 12, 2, 8, 0)
    time_machine.move_to(first_import, tick=False)
    write_notices(tmp_path, ["Thông báo một", "Thông báo hai"])
    run(tmp_path)
    time_machine.move_to(second_import, tick=False)
    edited = tmp_path / "0000.txt"
    edited.write_text(notice(title="Thông báo một", body="Nội dung đã sửa."), encoding="utf-8")

    out, _, _ = run(tmp_path)

    after = {article.title: article for article in Article.objects.all()}
    assert after["Thông báo một"].body == "Nội dung đã sửa."
    assert after["Thông báo một"].search_body == "noi dung da sua"
    assert after["Thông báo một"].updated_at == second_import
    assert after["Thông báo hai"].updated_at == first_import
    assert "2 tệp — tạo mới 0, cập nhật 1, không đổi 1, lỗi 0." in out


def test_same_titles_get_numbered_slugs_within_and_across_batches(tmp_path):
    title = "Lịch tiếp công dân của Chủ tịch UBND thành phố"
    for day in range(1, 8):
        (tmp_path / f"{day}.txt").write_text(
            notice(title=title, when=f"08:00 {day:02d}/12/2020"), encoding="utf-8"
        )
    # A numbered slug left over from an article renamed since: kept, skipped.
    make_article(title="Bài đã đổi tên", slug="lich-tiep-cong-dan-cua-chu-tich-ubnd-thanh-pho-3")

    import_notices(notice_files([tmp_path]).files, make_category(), batch_size=3)

    slugs = set(Article.objects.filter(title=title).values_list("slug", flat=True))
    base = "lich-tiep-cong-dan-cua-chu-tich-ubnd-thanh-pho"
    assert slugs == {base, *(f"{base}-{n}" for n in (2, 4, 5, 6, 7, 8))}


def test_a_free_base_slug_is_given_even_when_numbered_ones_exist():
    make_article(title="Thông báo cũ", slug="thong-bao-2")
    make_article(title="Thông báo khác", slug="thong-bao-khac")

    article = make_article(title="Thông báo")

    assert article.slug == "thong-bao"
    assert Article.objects.slugs_from("thong-bao") == {"thong-bao", "thong-bao-2"}


def refuse_in_the_database(title_part):
    """A rule only the database knows: it refuses to store such a title."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE TRIGGER refuse_title BEFORE INSERT ON articles_article "
                f"WHEN new.title LIKE '%{title_part}%' BEGIN SELECT RAISE(ABORT, 'từ chối'); END"
            )
        else:
            cursor.execute(
                "CREATE FUNCTION refuse_title() RETURNS trigger AS $$ BEGIN "
                f"IF new.title LIKE '%{title_part}%' THEN RAISE EXCEPTION 'từ chối'; END IF; "
                "RETURN new; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER refuse_title BEFORE INSERT ON articles_article "
                "FOR EACH ROW EXECUTE FUNCTION refuse_title()"
            )


def test_a_row_the_database_refuses_fails_that_file_alone(tmp_path):
    write_notices(tmp_path, ["Thông báo một", "Thông báo bị từ chối", "Thông báo ba"])
    refuse_in_the_database("từ chối")

    out, err, error = run(tmp_path)

    assert error is not None
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Thông báo ba",
        "Thông báo một",
    ]
    assert err.startswith(f"{tmp_path / '0001.txt'}: lỗi cơ sở dữ liệu: ")
    assert "từ chối" in err
    assert "3 tệp — tạo mới 2, cập nhật 0, không đổi 0, lỗi 1." in out


def test_the_report_keeps_only_files_with_something_to_say(tmp_path):
    write_notices(tmp_path, [f"Thông báo số {number}" for number in range(50)])
    (tmp_path / "hong.txt").write_bytes(b"")
    seen = []

    report = import_notices(notice_files([tmp_path]).files, make_category(), on_result=seen.append)

    assert report.total == len(seen) == 51
    assert [result.path.name for result in report.notable] == ["hong.txt"]
    assert all(result.url for result in seen if result.action == Action.CREATED)
