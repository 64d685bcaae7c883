import io
import subprocess
import uuid

import pytest
from django.core.management import call_command
from django.db import connection

from tests.helpers.factories import make_article, make_comment
from tests.helpers.manage import run_manage

# Committed data, as on a running portal (a backup waits for open write transactions).
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_restored_backup_holds_every_comment(tmp_path, restore):
    article = make_article(title="Đại hội lần thứ XIII")
    for number in range(25):
        make_comment(
            article, title=f"Ý kiến số {number}", status="approved" if number % 2 else "pending"
        )
    backup = tmp_path / "portal-backup.sqlite3"

    call_command("backup_database", str(backup), stdout=io.StringIO())

    restored_url = restore(backup, tmp_path)
    result = run_manage(
        "shell",
        "-c",
        "from comments.models import Comment; "
        "print(sorted(Comment.objects.values_list('title', flat=True)))",
        DJANGO_DEBUG="1",
        DATABASE_URL=restored_url,
    )
    assert result.returncode == 0, result.stderr
    expected = sorted(f"Ý kiến số {number}" for number in range(25))
    assert result.stdout.splitlines()[-1] == repr(expected)


@pytest.fixture
def restore():
    """Restore a backup as the README says, on "another machine"; give its URL."""
    created = []

    def restore_to_new_database(backup, tmp_path):
        if connection.vendor == "sqlite":
            # The backup file is a whole SQLite database: it becomes the database.
            restored = tmp_path / "restored.sqlite3"
            restored.write_bytes(backup.read_bytes())
            return f"sqlite:///{restored}"
        target = f"portal_restored_{uuid.uuid4().hex[:8]}"
        subprocess.run(["createdb", *postgres_server(), target], check=True)
        created.append(target)
        subprocess.run(
            ["pg_restore", *postgres_server(), "--no-owner", "--dbname", target, backup],
            check=True,
        )
        base = connection.settings_dict
        return f"postgres://{base['USER']}@{base['HOST'] or '127.0.0.1'}/{target}"

    yield restore_to_new_database
    for target in created:
        subprocess.run(["dropdb", *postgres_server(), "--force", target], check=True)


def postgres_server():
    base = connection.settings_dict
    return ["--host", base["HOST"] or "127.0.0.1", "--username", base["USER"]]


def test_a_backup_is_readable_by_its_owner_only(tmp_path):
    make_comment(phone="+84912345678")
    backup = tmp_path / "portal.backup"
    backup.write_bytes(b"an older backup, world-readable")
    backup.chmod(0o644)

    call_command("backup_database", str(backup), stdout=io.StringIO())

    assert backup.stat().st_mode & 0o777 == 0o600
    assert backup.stat().st_size > 1000


@pytest.mark.parametrize("where", ["khong-co-thu-muc/portal.backup", "mot-tep/portal.backup"])
def test_an_unwritable_backup_path_gets_a_clear_message(tmp_path, where):
    from django.core.management.base import CommandError

    (tmp_path / "mot-tep").write_text("a file where a folder should be")
    destination = tmp_path / where

    with pytest.raises(CommandError) as refused:
        call_command("backup_database", str(destination), stdout=io.StringIO())

    assert f"Không ghi được tệp sao lưu {destination}" in str(refused.value)
    assert not destination.exists()
