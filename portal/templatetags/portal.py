from django import template
from django.conf import settings
from django.utils import timezone

register = template.Library()

# Django's Vietnamese locale says "Thứ 7"; the portal writes weekdays out.
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


@register.simple_tag
def today_in_hanoi():
    """Today's date as the portal's top bar shows it: "Thứ Bảy, 28/11/2026"."""
    today = timezone.localdate()
    return f"{WEEKDAYS[today.weekday()]}, {today:%d/%m/%Y}"


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current URL with ?page=number, keeping the other query parameters."""
    query = context["request"].GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}"


@register.filter
def isotime(value):
    """A machine-readable time for <time datetime> and meta tags, to the second."""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.simple_tag
def site_name():
    """The portal's name, from settings: every page, feed and mail says it alike."""
    return settings.SITE_NAME


@register.simple_tag
def search_max_length():
    """The search boxes' maxlength: the search form's own limit."""
    from articles.forms import SEARCH_MAX_LENGTH

    return SEARCH_MAX_LENGTH
