import io

import pytest
from django.core.management import call_command

from comments.models import Comment
from tests.factories import make_article, make_comment
from tests.test_settings import run_manage

# Committed data, as on a running portal (a backup waits for open write transactions).
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_restored_backup_holds_every_comment(tmp_path):
    article = make_article(title="Đại hội lần thứ XIII")
    for number in range(25):
        make_comment(
            article, title=f"Ý kiến số {number}", status="approved" if number % 2 else "pending"
        )
    backup = tmp_path / "portal-backup.sqlite3"

    call_command("backup_database", str(backup), stdout=io.StringIO())

    # Restore on another machine: the backup file becomes the database.
    restored = tmp_path / "restored.sqlite3"
    restored.write_bytes(backup.read_bytes())
    result = run_manage(
        "shell",
        "-c",
        "from comments.models import Comment; "
        "print(sorted(Comment.objects.values_list('title', flat=True)))",
        DJANGO_DEBUG="1",
        DATABASE_URL=f"sqlite:///{restored}",
    )
    assert result.returncode == 0, result.stderr
    expected = sorted(Comment.objects.values_list("title", flat=True))
    assert result.stdout.splitlines()[-1] == repr(expected)
    assert len(expected) == 25
