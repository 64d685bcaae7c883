import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.demo import DemoRefused, check_allowed, seed_demo, thousands


def day(text):
    return date.fromisoformat(text)


day.__name__ = "ngày (YYYY-MM-DD)"  # what argparse names in its error


def count(text):
    number = int(text)
    if number < 0:
        raise ValueError(text)
    return number


count.__name__ = "số không âm"


MAX_YEARS = 100


class Command(BaseCommand):
    help = (
        "Thêm dữ liệu mẫu: bài viết tiếng Việt (chuyên mục, tiêu đề, sapo, nội dung, tác "
        "giả, thời gian đăng trải trên nhiều năm) và bình luận (đã duyệt, chờ duyệt, từ "
        "chối). Chỉ dùng trên máy phát triển; cùng --seed và --until cho cùng dữ liệu."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=count, default=1000, help="số bài viết")
        parser.add_argument("--comments", type=count, default=2000, help="số bình luận")
        parser.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên")
        parser.add_argument(
            "--until",
            type=day,
            metavar="YYYY-MM-DD",
            help="ngày mốc: bài đăng trong các năm trước ngày này (mặc định: hôm nay)",
        )
        parser.add_argument("--years", type=int, default=10, help="số năm trải bài viết")
        parser.add_argument(
            "--force",
            action="store_true",
            help="chạy cả khi DEBUG tắt hoặc cơ sở dữ liệu đã có bài viết thật",
        )

    def handle(self, *, articles, comments, seed, until, years, force, verbosity, **options):
        if not 1 <= years <= MAX_YEARS:
            raise CommandError(f"--years phải từ 1 đến {MAX_YEARS}.")
        try:
            check_allowed(force)
            with tqdm(
                total=articles + comments,
                unit="dòng",
                disable=not sys.stderr.isatty(),
                file=sys.stderr,
            ) as progress:
                report = seed_demo(
                    articles=articles,
                    comments=comments,
                    seed=seed,
                    until=until,
                    years=years,
                    progress=progress.update,
                )
        except DemoRefused as refusal:
            raise CommandError(str(refusal)) from None
        if verbosity >= 1:
            seconds = f"{report.seconds:.1f}".replace(".", ",")
            rate = thousands(round(report.articles_per_second))
            self.stdout.write(
                f"Đã thêm {thousands(report.articles)} bài viết và "
                f"{thousands(report.comments)} bình luận trong {seconds} giây "
                f"({rate} bài viết/giây)."
            )
