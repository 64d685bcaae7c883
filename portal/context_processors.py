from django.conf import settings

from articles.models import Category

# The footer's lines: (label, setting), each shown only when set.
OWNER_LINES = [
    ("Cơ quan chủ quản", "SITE_AGENCY"),
    ("Chịu trách nhiệm chính", "SITE_RESPONSIBLE"),
    ("Giấy phép", "SITE_LICENCE"),
    ("Địa chỉ", "SITE_ADDRESS"),
    ("Điện thoại", "SITE_PHONE"),
]


def menu(request):
    """What every page's header needs: the sections for the main menu."""
    return {"menu_categories": Category.objects.all()}


def site_owner(request):
    """Who runs the portal, as the footer and the accessibility statement
    say it: the lines whose setting is filled in (the e-mail address apart:
    it is a link)."""
    lines = [(label, getattr(settings, name).strip()) for label, name in OWNER_LINES]
    return {
        "owner_lines": [(label, value) for label, value in lines if value],
        "owner_phone": settings.SITE_PHONE.strip(),
        "owner_email": settings.SITE_EMAIL.strip(),
    }
