"""Small factories for the tests: real rows in the test database."""

import itertools
from datetime import datetime
from zoneinfo import ZoneInfo

from articles.models import Article, Category

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
EDITORS_GROUP = "Biên tập viên"
# What the migrations grant the editors' group: write articles, moderate comments.
EDITOR_PERMISSIONS = {
    ("articles", "add_article"),
    ("articles", "change_article"),
    ("articles", "delete_article"),
    ("articles", "view_article"),
    ("articles", "view_category"),
    ("comments", "view_comment"),
    ("comments", "change_comment"),
    ("comments", "view_commenter_contact"),
    ("comments", "view_decision"),
    ("comments", "add_filterword"),
    ("comments", "change_filterword"),
    ("comments", "delete_filterword"),
    ("comments", "view_filterword"),
}
_sequence = itertools.count(1)


def hanoi_time(year, month, day, hour=8, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=HANOI)


def make_category(name=None, **fields):
    number = next(_sequence)
    name = name or f"Chuyên mục {number}"
    fields.setdefault("slug", f"chuyen-muc-{number}")
    return Category.objects.create(name=name, **fields)


def make_article(category=None, **fields):
    number = next(_sequence)
    fields.setdefault("title", f"Thông báo số {number} của Ủy ban nhân dân thành phố")
    fields.setdefault("lead", f"Ngày {number % 28 + 1}/11, Văn phòng UBND thành phố thông báo.")
    fields.setdefault("body", "Đoạn thứ nhất về Đại hội.\n\nĐoạn thứ hai về công tác phục vụ.")
    fields.setdefault("author", "Quốc Bảo")
    fields.setdefault("status", Article.Status.PUBLISHED)
    fields.setdefault("published_at", hanoi_time(2020, 11, 14, 13, 1))
    return Article.objects.create(category=category or make_category(), **fields)


def make_comment(article=None, **fields):
    from comments.models import Comment

    fields.setdefault("name", "Nguyễn Thị Hoa")
    fields.setdefault("title", "Ý kiến về công tác phục vụ Đại hội")
    fields.setdefault("content", "Tôi đồng tình với chủ trương của thành phố.")
    return Comment.objects.create(article=article or make_article(), **fields)


def make_user(username=None, *, groups=(), password="mat-khau-rat-dai-2026", **fields):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(
        username or f"bientap{next(_sequence)}", password=password, **fields
    )
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


def make_editor(username=None, **fields):
    """A staff member of the editors' group created by the migration."""
    return make_user(username, groups=[EDITORS_GROUP], is_staff=True, **fields)


def restore_editors_group():
    """Put back the group the migrations made, for tests whose database was
    flushed by an earlier transactional test."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    for app_label, codename in EDITOR_PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
