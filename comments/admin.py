import copy
from datetime import UTC, datetime
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpResponseBadRequest, HttpResponseRedirect, QueryDict
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from articles.search import marked
from portal.admin_base import PortalModelAdmin
from portal.text import vietnamese_number

from .models import Comment, FilterWord
from .phone import InvalidPhone, normalise_phone
from .search import NEWEST_MATCHES

Status = Comment.Status
DECISIONS = {"_approve": (Status.APPROVED, "duyệt"), "_reject": (Status.REJECTED, "từ chối")}
CONTACT_FIELDS = ["phone", "ip_address", "network", "user_agent"]
CONTACT_PERMISSION = "comments.view_commenter_contact"
READ_ONLY_MESSAGE = (
    "Không có gì để lưu: nội dung bạn đọc gửi không sửa được. Hãy chọn Duyệt hoặc Từ chối."
)


class StatusFilter(admin.SimpleListFilter):
    """Status, opening on the pending queue rather than on every comment."""

    title = "trạng thái"
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*Status.choices, (self.ALL, "Tất cả")]

    def selected(self):
        return self.value() or Status.PENDING

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.selected() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.selected() == self.ALL:
            return queryset
        return queryset.filter(status=self.selected())


class FlaggedFilter(admin.SimpleListFilter):
    title = "cần lưu ý"
    parameter_name = "luu_y"

    def lookups(self, request, model_admin):
        return [("co", "Có"), ("khong", "Không")]

    def queryset(self, request, queryset):
        if self.value() == "co":
            return queryset.exclude(flags=[])
        if self.value() == "khong":
            return queryset.filter(flags=[])
        return queryset


# The single-comment page sends back the status it showed; the queue the
# time it was shown: a decision made meanwhile by someone else is not undone.
SEEN_STATUS = "trang_thai_da_xem"
LOADED_AT = "trang_mo_luc"


def page_loaded_at(request):
    """When the list a bulk action came from was shown, or None."""
    try:
        return datetime.fromtimestamp(float(request.POST.get(LOADED_AT, "")), tz=UTC)
    except (ValueError, OverflowError, OSError):
        return None


def in_list(url, filters):
    """A comment's page that remembers the list's filters, as the admin's links do."""
    return url + (f"?{urlencode({'_changelist_filters': filters})}" if filters else "")


def decided_by(comment):
    """“Title” đã được Nguyễn An duyệt lúc 09:15 03/12/2026"""
    editor = comment.moderated_by
    who = (editor.get_full_name() or editor.get_username()) if editor else "một biên tập viên"
    verb = {Status.APPROVED: "duyệt", Status.REJECTED: "từ chối"}.get(
        comment.status, "đưa về chờ duyệt"
    )
    decided = f"“{comment}” đã được {who} {verb}"
    if comment.moderated_at is None:
        return decided
    when = formats.date_format(timezone.localtime(comment.moderated_at), "H:i d/m/Y")
    return f"{decided} lúc {when}"


# The queue shows about two lines of a comment; the rest on demand.
EXCERPT_LENGTH = 150


def flagged_words_marked(comment, field, end=None):
    """The field's text up to `end`, escaped, with the words that flagged the
    comment in <mark> (the places its reasons recorded)."""
    text = getattr(comment, field)[:end]
    spans = sorted(
        (place["start"], min(place["end"], len(text)))
        for flag in comment.flags
        for place in flag.get("places", [])
        if place["field"] == field and place["start"] < len(text)
    )
    merged = []
    for start, end_ in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end_, merged[-1][1]))
        else:
            merged.append((start, end_))
    return marked(text, merged)


@admin.register(FilterWord)
class FilterWordAdmin(PortalModelAdmin):
    list_display = ["word", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["word"]


@admin.register(Comment)
class CommentAdmin(PortalModelAdmin):
    list_display = [
        "title_marked",
        "text",
        "name_marked",
        "article_link",
        "sent_at",
        "status",
        "reasons",
    ]
    list_display_links = ["title_marked"]
    list_filter = [StatusFilter, FlaggedFilter, "created_at", "article__category"]
    list_select_related = ["article"]
    # The search box goes through CommentQuerySet.search(): whole words of
    # name, title and content, without diacritics or case, over an index.
    search_fields = ["title"]
    search_help_text = (
        "Tìm theo từ trong họ tên, tiêu đề và nội dung, có dấu hoặc không dấu; "
        "hoặc theo số điện thoại. "
        f"Hiện tối đa {vietnamese_number(NEWEST_MATCHES)} bình luận mới nhất."
    )
    date_hierarchy = "created_at"
    show_full_result_count = False
    actions = ["approve", "reject"]
    change_form_template = "admin/comments/comment/change_form.html"

    def get_queryset(self, request):
        # The folded copy is for the search index alone: never read it back.
        return super().get_queryset(request).defer("search_text")

    def get_fields(self, request, comment=None):
        fields = ["article", "title", "name", "content", "created_at", "status", "reasons"]
        fields += ["moderated_by", "moderated_at"]
        if request.user.has_perm(CONTACT_PERMISSION):
            fields += CONTACT_FIELDS
        return fields

    def get_readonly_fields(self, request, comment=None):
        # Editors decide on what readers wrote; they do not rewrite it.
        return self.get_fields(request, comment)

    def has_add_permission(self, request):
        return False

    def lookup_allowed(self, lookup, value, request):
        # Filtering by a field reveals it, one character at a time
        # (?phone__startswith=+849...): as closed as showing it.
        if lookup.split(LOOKUP_SEP)[0] in CONTACT_FIELDS and not request.user.has_perm(
            CONTACT_PERMISSION
        ):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        results = queryset.search(search_term)
        if request.user.has_perm(CONTACT_PERMISSION):
            try:
                phone = normalise_phone(search_term)
            except InvalidPhone:
                pass
            else:
                results |= queryset.filter(phone=phone)
        return results, False

    @admin.display(description="cần lưu ý")
    def reasons(self, comment):
        return format_html_join(
            mark_safe("<br>"), "{}", ((flag["text"],) for flag in comment.flags)
        )

    def changelist_view(self, request, extra_context=None):
        # The queue needs the screen's width for the comments' text: the
        # admin's side menu stays on every other page. The time the list is
        # shown goes back with a bulk action (page_loaded_at).
        extra_context = {
            "is_nav_sidebar_enabled": False,
            "page_loaded_at": timezone.now().timestamp(),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description="gửi lúc", ordering="created_at")
    def sent_at(self, comment):
        return formats.date_format(timezone.localtime(comment.created_at), "H:i d/m/Y")

    @admin.display(description="tiêu đề", ordering="title")
    def title_marked(self, comment):
        return flagged_words_marked(comment, "title")

    @admin.display(description="họ tên", ordering="name")
    def name_marked(self, comment):
        return flagged_words_marked(comment, "name")

    @admin.display(description="nội dung")
    def text(self, comment):
        """The first lines, the flagged words marked; the whole text a click
        away (no script: a <details>)."""
        whole = flagged_words_marked(comment, "content")
        if len(comment.content) <= EXCERPT_LENGTH:
            return format_html('<div class="comment-text">{}</div>', whole)
        cut = comment.content.rfind(" ", 0, EXCERPT_LENGTH) + 1 or EXCERPT_LENGTH
        return format_html(
            '<div class="comment-text"><p class="comment-excerpt">{}…</p>'
            "<details><summary>Xem toàn bộ</summary>{}</details></div>",
            flagged_words_marked(comment, "content", end=cut),
            whole,
        )

    @admin.display(description="bài viết", ordering="article__title")
    def article_link(self, comment):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}'
            '<span class="visually-hidden"> (mở trong thẻ mới)</span></a>',
            comment.article.get_absolute_url(),
            comment.article.title,
        )

    @admin.action(description="Duyệt", permissions=["change"])
    def approve(self, request, queryset):
        self.decide(request, queryset, Status.APPROVED, "duyệt")

    @admin.action(description="Từ chối", permissions=["change"])
    def reject(self, request, queryset):
        self.decide(request, queryset, Status.REJECTED, "từ chối")

    def decide(self, request, queryset, status, verb):
        """A bulk decision, leaving out the comments another editor decided
        after this list was shown: they are named in a warning instead."""
        stale = []
        if loaded_at := page_loaded_at(request):
            # Among all those ticked: one decided meanwhile may have left the
            # list's filter (the pending queue), and so the queryset.
            ticked = [pk for pk in request.POST.getlist(ACTION_CHECKBOX_NAME) if pk.isdigit()]
            stale = list(
                Comment.objects.filter(pk__in=ticked, moderated_at__gt=loaded_at)
                .select_related("moderated_by")
                .order_by("created_at", "pk")
            )
            queryset = queryset.exclude(pk__in=[comment.pk for comment in stale])
        count = queryset.moderate(status, request.user)
        self.message_user(request, f"Đã {verb} {count} bình luận.", messages.SUCCESS)
        if stale:
            self.message_user(
                request,
                "Không đổi các bình luận đã được quyết định sau khi bạn mở danh sách: "
                + "; ".join(decided_by(comment) for comment in stale)
                + ".",
                messages.WARNING,
            )

    def get_urls(self):
        decide = self.admin_site.admin_view(require_POST(self.decide_view))
        return [
            path("<path:object_id>/quyet-dinh/", decide, name="comments_comment_decide"),
            *super().get_urls(),
        ]

    def decide_view(self, request, object_id):
        """The Duyệt / Từ chối buttons of a single comment, then the next one."""
        comment = self.get_object(request, unquote(object_id))
        if comment is None:
            self.message_user(request, "Bình luận này không còn nữa.", messages.WARNING)
            return HttpResponseRedirect(reverse("admin:comments_comment_changelist"))
        if not self.has_change_permission(request, comment):
            raise PermissionDenied
        decision = next((DECISIONS[key] for key in DECISIONS if key in request.POST), None)
        if decision is None:
            return HttpResponseBadRequest("Chưa chọn Duyệt hay Từ chối.")
        status, verb = decision
        this = Comment.objects.filter(pk=comment.pk)
        seen = request.POST.get(SEEN_STATUS)
        if seen in Status.values and seen != status:
            # Only if nobody decided otherwise since the page was shown.
            if not this.filter(status=seen).moderate(status, request.user):
                comment.refresh_from_db()
                self.message_user(
                    request,
                    f"Chưa lưu quyết định của bạn: {decided_by(comment)}, sau khi bạn mở "
                    "trang. Hãy xem lại rồi quyết định.",
                    messages.WARNING,
                )
                return HttpResponseRedirect(self.back_url(request, comment))
        else:
            this.moderate(status, request.user)
        self.message_user(request, f"Đã {verb} bình luận “{comment}”.", messages.SUCCESS)
        return HttpResponseRedirect(self.next_pending_url(request, after=comment))

    def back_url(self, request, comment):
        """The comment's page again, in the list the editor came from."""
        url = reverse("admin:comments_comment_change", args=[comment.pk])
        return in_list(url, request.GET.get("_changelist_filters", ""))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            # What readers wrote is read-only: there is nothing to save here
            # (Duyệt and Từ chối post to decide_view), so say so rather than
            # Django's "changed successfully".
            self.message_user(request, READ_ONLY_MESSAGE, messages.WARNING)
            return HttpResponseRedirect(request.path)
        comment = self.get_object(request, unquote(object_id))
        extra_context = {
            **(extra_context or {}),
            "next_pending_url": comment and self.next_pending_url(request, after=comment),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def next_pending_url(self, request, after):
        """The next pending comment of the list the editor came from (its
        filters and search, kept by the admin in `_changelist_filters`), or
        that list when none is left in it."""
        filters = request.GET.get("_changelist_filters", "")
        following = self.listed(request, filters).pending().exclude(pk=after.pk)
        next_pk = following.values_list("pk", flat=True).first()
        if next_pk is None:
            return reverse("admin:comments_comment_changelist") + (f"?{filters}" if filters else "")
        return in_list(reverse("admin:comments_comment_change", args=[next_pk]), filters)

    def listed(self, request, filters):
        """The comments the list shows with these filters, in its order."""
        as_listed = copy.copy(request)
        as_listed.method = "GET"
        as_listed.GET = QueryDict(filters)
        try:
            changelist = self.get_changelist_instance(as_listed)
            return changelist.get_queryset(as_listed)
        except (IncorrectLookupParameters, DisallowedModelAdminLookup, ValidationError):
            return self.get_queryset(request).pending().order_by("created_at", "pk")
