"""Moving a SQLite portal to PostgreSQL with `manage.py move_database`:
every article, comment, decision, reply and account arrives."""

import pytest

from tests.helpers.live import Database
from tests.helpers.manage import run_manage
from tests.helpers.services import POSTGRES

pytestmark = pytest.mark.slow

# A small portal: articles, comments of every status, an editor's decisions
# and reply, a banned word's rejection.
FILL = """
from django.contrib.auth.models import Group, User
from articles.models import Article, Category
from comments.models import Comment, FilterWord
from django.utils import timezone
editor = User.objects.create_user("bientap", password="x" * 20, first_name="Hoa", is_staff=True)
editor.groups.add(Group.objects.get(name="Biên tập viên"))
section = Category.objects.first()
for n in range(30):
    article = Article.objects.create(
        title=f"Tập trung phục vụ Đại hội {n}", slug=f"dai-hoi-{n}", lead="Tin",
        category=section, published_at=timezone.now(),
    )
    for m in range(3):
        Comment.objects.create(
            article=article, name="Nguyễn Thị Hoà", title=f"Góp ý {n}-{m}",
            content="Đề nghị thành phố công khai tiến độ.\\nXin cảm ơn.",
            phone="+84912345678", ip_address="203.113.131.7",
        )
FilterWord.objects.create(word="lừa đảo")
Comment.objects.filter(title__endswith="-0").moderate("approved", editor)
Comment.objects.filter(title__endswith="-1").moderate("rejected", editor, reason="spam")
Comment.objects.filter(title="Góp ý 0-0").update(reply="Ban biên tập đã chuyển Sở Xây dựng.")
print("filled", Comment.objects.count())
"""
CHECK = """
from comments.models import Comment, Decision
approved = Comment.objects.approved()
print(Comment.objects.count(), approved.count(), Decision.objects.count())
print(sorted({c.moderated_by.username for c in approved.select_related("moderated_by")}))
print(Comment.objects.get(title="Góp ý 0-0").reply)
print(Comment.objects.search("cong khai tien do").count())
print(Decision.objects.filter(reason="spam").first().editor.groups.get().name)
"""


def manage(*args, **environment):
    result = run_manage(*args, **{"DJANGO_DEBUG": "1", **environment})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()


def test_a_sqlite_portal_moves_to_postgresql_with_every_comment(tmp_path):
    source = f"sqlite:///{tmp_path}/portal.sqlite3"
    manage("migrate", "-v0", DATABASE_URL=source)
    assert manage("shell", "-c", FILL, DATABASE_URL=source)[-1] == "filled 90"
    target = Database(tmp_path, POSTGRES)
    try:
        moved = manage("move_database", target.url, DATABASE_URL=source)
        assert moved[-1] == "Đã chuyển xong; số bản ghi hai bên bằng nhau."
        assert "  comments.Comment: 90" in moved

        assert manage("shell", "-c", CHECK, DATABASE_URL=target.url)[-5:] == [
            "90 30 60",
            "['bientap']",
            "Ban biên tập đã chuyển Sở Xây dựng.",
            "90",
            "Biên tập viên",
        ]
        # The pages work there: a new comment gets the next free number.
        last = manage(
            "shell", "-c",
            "from comments.models import Comment; c = Comment.objects.first(); "
            "print(Comment.objects.create(article=c.article, name='A', title='B', content='C').pk)",
            DATABASE_URL=target.url,
        )[-1]  # fmt: skip
        assert int(last) > 90

        again = run_manage("move_database", target.url, DJANGO_DEBUG="1", DATABASE_URL=source)
        assert again.returncode != 0
        assert "Cơ sở dữ liệu đích đã có bài viết hoặc bình luận" in again.stderr
    finally:
        target.drop()
