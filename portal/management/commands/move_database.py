from django.core.management.base import BaseCommand, CommandError

from portal.moving import MoveError, move_database


class Command(BaseCommand):
    help = (
        "Chuyển toàn bộ dữ liệu của cổng (bài viết, bình luận, nhật ký quyết định, tài khoản) "
        "sang một cơ sở dữ liệu khác, thường là từ SQLite sang PostgreSQL; cơ sở dữ liệu đích "
        "phải trống. Ví dụ: manage.py move_database postgres://portal@db.example/portal"
    )

    def add_arguments(self, parser):
        parser.add_argument("target", help="URL của cơ sở dữ liệu đích (như DATABASE_URL)")

    def handle(self, *, target, **options):
        try:
            moved = move_database(target, progress=self.stdout.write)
        except MoveError as error:
            raise CommandError(error) from None
        for label, count in moved.items():
            if count:
                self.stdout.write(f"  {label}: {count}")
        self.stdout.write(self.style.SUCCESS("Đã chuyển xong; số bản ghi hai bên bằng nhau."))
