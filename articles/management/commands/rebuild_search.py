from django.core.management.base import BaseCommand

from articles.search_index import rebuild_index, rebuild_search_text


class Command(BaseCommand):
    help = (
        "Tính lại phần văn bản dùng để tìm kiếm của mọi bài viết và dựng lại chỉ mục "
        "tìm kiếm. Chạy sau khi thay đổi cách chuẩn hoá văn bản (portal/text.py)."
    )

    def handle(self, *args, verbosity, **options):
        changed = rebuild_search_text()
        indexed = rebuild_index()
        if verbosity >= 1:
            self.stdout.write(
                f"Đã cập nhật {changed} bài viết; chỉ mục tìm kiếm có {indexed} bài viết."
            )
