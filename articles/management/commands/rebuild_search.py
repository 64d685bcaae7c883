from django.core.management.base import BaseCommand

from articles.search_index import rebuild_search_text


class Command(BaseCommand):
    help = (
        "Tính lại phần văn bản dùng để tìm kiếm của mọi bài viết. "
        "Chạy sau khi thay đổi cách chuẩn hoá văn bản (portal/text.py)."
    )

    def handle(self, *args, verbosity, **options):
        changed = rebuild_search_text()
        if verbosity >= 1:
            self.stdout.write(f"Đã cập nhật {changed} bài viết.")
