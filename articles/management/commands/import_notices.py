import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.importing import Action, default_category, import_notices, notice_files
from articles.models import Category


class Command(BaseCommand):
    help = (
        "Nhập thông báo từ tệp văn bản (.txt) vào chuyên mục, đăng ngay. "
        "Nhập lại cùng một thông báo sẽ cập nhật bài cũ, không tạo bản trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="tệp hoặc thư mục")
        parser.add_argument(
            "--category",
            metavar="SLUG",
            help="đường dẫn (slug) của chuyên mục; mặc định: Chỉ đạo điều hành",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="chỉ đọc và báo cáo, không ghi gì"
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="không nhập tệp có dòng lạ bị bỏ ở phần cuối trang (coi cảnh báo là lỗi)",
        )

    def handle(self, *, paths, category, dry_run, strict, verbosity, **options):
        try:
            found = notice_files(paths)
        except FileNotFoundError as error:
            raise CommandError(error) from None
        target = self.category(category, dry_run)
        with tqdm(
            total=len(found.files), unit="tệp", disable=not sys.stderr.isatty(), file=sys.stderr
        ) as progress:

            def on_result(result):
                progress.update()
                if result.action != Action.FAILED and verbosity >= 2:
                    with progress.external_write_mode():
                        self.stdout.write(
                            f"{result.action}: {result.path} → {self.location(result)}"
                        )

            report = import_notices(
                found.files,
                target,
                dry_run=dry_run,
                strict=strict,
                skipped=found.skipped,
                on_result=on_result,
            )
        for result in report.notable:
            for error in result.errors:
                self.stderr.write(f"{result.path}: {error}")
            for warning in result.warnings:
                self.stderr.write(
                    f"{result.path}: cảnh báo: {warning}", style_func=self.style.WARNING
                )
        if verbosity >= 1:
            for path in report.skipped:
                self.stdout.write(f"bỏ qua (không phải tệp .txt): {path}")
            self.stdout.write(self.summary(report))
        if report.failures:
            raise CommandError(f"{len(report.failures)} tệp không nhập được (xem các dòng trên).")

    def category(self, slug, dry_run):
        if slug is None:
            return default_category(dry_run)
        try:
            return Category.objects.get(slug=slug)
        except Category.DoesNotExist:
            known = ", ".join(Category.objects.values_list("slug", flat=True)) or "chưa có"
            raise CommandError(
                f"Không có chuyên mục có đường dẫn {slug!r}. Các chuyên mục: {known}."
            ) from None

    def location(self, result):
        if result.url is None:  # a new article in a dry run
            return "(chưa ghi)"
        return settings.SITE_URL + result.url

    def summary(self, report):
        counts = ", ".join(
            f"{action} {report.count(action)}"
            for action in (Action.CREATED, Action.UPDATED, Action.UNCHANGED, Action.FAILED)
        )
        prefix = "Chạy thử, không ghi gì. " if report.dry_run else ""
        notes = ""
        if report.warned:
            notes += f" Có cảnh báo ở {len(report.warned)} tệp (xem các dòng trên)."
        if report.skipped:
            notes += f" Bỏ qua {len(report.skipped)} tệp không phải .txt."
        style = self.style.SUCCESS
        if report.failures or report.warned:
            style = self.style.ERROR if report.failures else self.style.WARNING
        return style(f"{prefix}{report.total} tệp — {counts}.{notes}")
