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

    def handle(self, *, paths, category, dry_run, verbosity, **options):
        try:
            files = notice_files(paths)
        except FileNotFoundError as error:
            raise CommandError(error) from None
        target = self.category(category, dry_run)
        with tqdm(
            total=len(files), unit="tệp", disable=not sys.stderr.isatty(), file=sys.stderr
        ) as progress:
            report = import_notices(
                files, target, dry_run=dry_run, on_result=lambda result: progress.update()
            )
        for result in report.results:
            if result.action == Action.FAILED:
                self.stderr.write(f"{result.path}: {result.error}")
            elif verbosity >= 2:
                self.stdout.write(f"{result.action}: {result.path} → {self.location(result)}")
        if verbosity >= 1:
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
        if result.article.pk is None:  # a new article in a dry run
            return "(chưa ghi)"
        return settings.SITE_URL + result.article.get_absolute_url()

    def summary(self, report):
        counts = ", ".join(
            f"{action} {report.count(action)}"
            for action in (Action.CREATED, Action.UPDATED, Action.UNCHANGED, Action.FAILED)
        )
        prefix = "Chạy thử, không ghi gì. " if report.dry_run else ""
        style = self.style.ERROR if report.failures else self.style.SUCCESS
        return style(f"{prefix}{len(report.results)} tệp — {counts}.")
