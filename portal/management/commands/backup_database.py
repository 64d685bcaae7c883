from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from portal.backup import BackupError, backup_database


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu khi cổng đang chạy (SQLite: online backup; "
        "PostgreSQL: pg_dump --format=custom)."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", help="tệp sao lưu sẽ tạo")

    def handle(self, *, destination, **options):
        try:
            backup_database(connection, destination)
        except BackupError as error:
            raise CommandError(error) from None
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu cơ sở dữ liệu vào {destination}."))
