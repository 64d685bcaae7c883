import copy
import csv
from datetime import UTC, datetime
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.db.models.constants import LOOKUP_SEP
from django.http import (
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
    QueryDict,
    StreamingHttpResponse,
)
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from articles.search import marked
from portal.admin_base import PortalModelAdmin
from portal.text import vietnamese_number

from . import newsroom, statistics
from .models import Comment, Decision, FilterWord
from .phone import InvalidPhone, normalise_phone, shown_phone
from .search import NEWEST_MATCHES

Status = Comment.Status
DECISIONS = {"_approve": (Status.APPROVED, "duyệt"), "_reject": (Status.REJECTED, "từ chối")}
VERBS = {Status.APPROVED: "duyệt", Status.REJECTED: "từ chối", Status.PENDING: "đưa về chờ duyệt"}
CONTACT_FIELDS = ["phone", "ip_address", "network", "user_agent"]
# The rejection form's fields, on a comment's page, the bulk reason page and
# the queue's keyboard chooser alike.
REASON_FIELD = "ly_do"
NOTE_FIELD = "ghi_chu"
REPLY_FIELD = "tra_loi"
# The comments a confirmation page lists by name; the rest are counted.
CONFIRM_SHOWN = 100
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


def decided_by_others_since(moment, editor):
    """Comments someone other than `editor` decided after `moment` (the
    editor's own later decisions, an undo for one, are not news to them)."""
    return Q(moderated_at__gt=moment) & ~Q(moderated_by=editor)


def in_list(url, filters):
    """A comment's page that remembers the list's filters, as the admin's links do."""
    return url + (f"?{urlencode({'_changelist_filters': filters})}" if filters else "")


def decided_by(comment):
    """“Title” đã được Nguyễn An duyệt lúc 09:15 03/12/2026"""
    editor = comment.moderated_by
    who = (editor.get_full_name() or editor.get_username()) if editor else "một biên tập viên"
    decided = f"“{comment}” đã được {who} {VERBS[comment.status]}"
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


def local_time(moment):
    return formats.date_format(timezone.localtime(moment), "H:i d/m/Y")


def wants_json(request):
    """The queue's script asks for JSON; a form without script gets pages."""
    return request.headers.get("Accept", "").startswith("application/json")


def decision_buttons(request):
    """The queue's Duyệt / Từ chối buttons, a column built per request: they
    post the list's own form to the comment's decision URL (no script
    needed), and come back to the same list."""
    filters = request.GET.urlencode()

    @admin.display(description="quyết định")
    def buttons(comment):
        url = in_list(reverse("admin:comments_comment_decide", args=[comment.pk]), filters)
        shown = [
            format_html(
                '<button type="submit" class="button decide-{}" name="{}" formaction="{}"'
                ' aria-label="{} “{}”">{}</button>',
                key.lstrip("_"),
                key,
                url,
                verb.capitalize(),
                comment.title,
                verb.capitalize(),
            )
            for key, (status, verb) in DECISIONS.items()
            if comment.status != status
        ]
        return format_html(
            '<div class="row-decision" data-comment="{}" data-status="{}">{}</div>',
            comment.pk,
            comment.status,
            mark_safe(" ".join(shown)),
        )

    return buttons


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

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        if self.has_change_permission(request):
            shown.append(decision_buttons(request))
        return shown

    def get_fields(self, request, comment=None):
        fields = ["article", "title", "name", "content", "created_at", "status", "reasons"]
        fields += ["moderated_by", "moderated_at"]
        if request.user.has_perm(CONTACT_PERMISSION):
            fields += ["phone_shown", "ip_address", "network", "user_agent"]
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

    @admin.display(description="số điện thoại")
    def phone_shown(self, comment):
        return shown_phone(comment.phone) if comment.phone else "-"

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
            "reasons": Decision.Reason.choices,
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description="gửi lúc", ordering="created_at")
    def sent_at(self, comment):
        return local_time(comment.created_at)

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
        """Approve; flagged comments among them are listed for a second look first."""
        flagged = queryset.exclude(flags=[]).exclude(status=Status.APPROVED)
        if "post" not in request.POST and flagged.exists():
            return self.confirmation(request, queryset, "approve", listed=flagged)
        self.decide(request, queryset, Status.APPROVED)

    @admin.action(description="Từ chối", permissions=["change"])
    def reject(self, request, queryset):
        """Reject with one reason for the batch, asked on a page of its own."""
        try:
            reason, note = newsroom.rejection_reason(
                request.POST.get(REASON_FIELD), request.POST.get(NOTE_FIELD)
            )
        except ValidationError as error:
            shown_error = error.message if "post" in request.POST else ""
            return self.confirmation(request, queryset, "reject", error=shown_error)
        self.decide(request, queryset, Status.REJECTED, reason=reason, note=note)

    def confirmation(self, request, queryset, action, listed=None, error=""):
        """The page between a bulk action and its effect: the reason of a
        rejection, or a look at the flagged comments before approving."""
        listed = (queryset if listed is None else listed).exclude(
            status=Status.REJECTED if action == "reject" else Status.APPROVED
        )
        total = listed.count()
        return TemplateResponse(
            request,
            "admin/comments/comment/confirm_decision.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": "Chọn lý do từ chối"
                if action == "reject"
                else "Duyệt bình luận cần lưu ý",
                "action": action,
                "listed": listed.select_related("article")[:CONFIRM_SHOWN],
                "total": total,
                "more": max(total - CONFIRM_SHOWN, 0),
                "selected": request.POST.getlist(ACTION_CHECKBOX_NAME),
                "select_across": request.POST.get("select_across", "0"),
                "loaded_at": request.POST.get(LOADED_AT, ""),
                "reasons": Decision.Reason.choices,
                "chosen_reason": request.POST.get(REASON_FIELD, ""),
                "note": request.POST.get(NOTE_FIELD, ""),
                "error": error,
            },
        )

    def decide(self, request, queryset, status, reason="", note=""):
        """A bulk decision, leaving out the comments another editor decided
        after this list was shown: they are named in a warning instead."""
        stale = []
        if loaded_at := page_loaded_at(request):
            # Among all those ticked: one decided meanwhile may have left the
            # list's filter (the pending queue), and so the queryset.
            ticked = [pk for pk in request.POST.getlist(ACTION_CHECKBOX_NAME) if pk.isdigit()]
            stale = list(
                Comment.objects.filter(pk__in=ticked)
                .filter(decided_by_others_since(loaded_at, request.user))
                .select_related("moderated_by")
                .order_by("created_at", "pk")
            )
            queryset = queryset.exclude(pk__in=[comment.pk for comment in stale])
        count = queryset.moderate(status, request.user, reason=reason, note=note)
        self.message_user(request, f"Đã {VERBS[status]} {count} bình luận.", messages.SUCCESS)
        if stale:
            self.message_user(
                request,
                "Không đổi các bình luận đã được quyết định sau khi bạn mở danh sách: "
                + "; ".join(decided_by(comment) for comment in stale)
                + ".",
                messages.WARNING,
            )

    def get_urls(self):
        def view(method):
            return self.admin_site.admin_view(require_POST(method))

        return [
            path(
                "<path:object_id>/quyet-dinh/",
                view(self.decide_view),
                name="comments_comment_decide",
            ),
            path("<path:object_id>/hoan-tac/", view(self.undo_view), name="comments_comment_undo"),
            path("<path:object_id>/giu-cho/", view(self.claim_view), name="comments_comment_claim"),
            path("<path:object_id>/tra-loi/", view(self.reply_view), name="comments_comment_reply"),
            path(
                "thong-ke/",
                self.admin_site.admin_view(self.statistics_view),
                name="comments_comment_statistics",
            ),
            *super().get_urls(),
        ]

    def statistics_view(self, request):
        """The editors' figures (comments/statistics.py)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        by_week = statistics.decisions_by_week()
        return TemplateResponse(
            request,
            "admin/comments/comment/statistics.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": "Thống kê kiểm duyệt bình luận",
                "crumb": "Thống kê",
                "queue": statistics.queue_age(),
                **by_week,
                "median_waits": [statistics.duration(value) for value in by_week["medians"]],
                "median_all": statistics.duration(by_week["median_all"]),
            },
        )

    def changeable(self, request, object_id):
        """The comment the editor may decide on, or None (it is gone)."""
        comment = self.get_object(request, unquote(object_id))
        if comment is not None and not self.has_change_permission(request, comment):
            raise PermissionDenied
        return comment

    def answer(self, request, message, level, redirect_to, status=200, **data):
        """A message and where to go next: JSON for the queue's script, a
        message and a redirect for a form."""
        if wants_json(request):
            return JsonResponse({"message": message, "level": level, **data}, status=status)
        self.message_user(request, message, getattr(messages, level.upper()))
        return HttpResponseRedirect(redirect_to)

    def gone(self, request):
        return self.answer(
            request,
            "Bình luận này không còn nữa.",
            "warning",
            reverse("admin:comments_comment_changelist"),
            status=404,
        )

    def decide_view(self, request, object_id):
        """Duyệt / Từ chối of one comment: its page's buttons, a queue row's,
        the queue's keys. Then the next pending comment (or, for the queue's
        script, JSON)."""
        comment = self.changeable(request, object_id)
        if comment is None:
            return self.gone(request)
        decision = next((DECISIONS[key] for key in DECISIONS if key in request.POST), None)
        if decision is None:
            return HttpResponseBadRequest("Chưa chọn Duyệt hay Từ chối.")
        status, verb = decision
        reason = note = ""
        if status == Status.REJECTED:
            try:
                reason, note = newsroom.rejection_reason(
                    request.POST.get(REASON_FIELD), request.POST.get(NOTE_FIELD)
                )
            except ValidationError as error:
                # A queue row's button has no reason: its page asks for one.
                return self.answer(
                    request, error.message, "info", self.back_url(request, comment), status=400
                )
        # Only if nobody decided otherwise since the page was shown: its
        # page sends back the status it showed, the queue when it was shown.
        undecided = Comment.objects.filter(pk=comment.pk)
        seen = request.POST.get(SEEN_STATUS)
        if seen in Status.values:
            undecided = undecided.filter(status=seen)
        elif loaded_at := page_loaded_at(request):
            undecided = undecided.exclude(decided_by_others_since(loaded_at, request.user))
        changed = undecided.moderate(status, request.user, reason=reason, note=note)
        comment.refresh_from_db()
        if not changed and comment.status != status:
            return self.answer(
                request,
                f"Chưa lưu quyết định của bạn: {decided_by(comment)}, sau khi bạn mở "
                "trang. Hãy xem lại rồi quyết định.",
                "warning",
                self.back_url(request, comment),
                status=409,
                status_label=comment.get_status_display(),
            )
        newsroom.release(comment, request.user)
        next_url = self.next_pending_url(request, after=comment)
        return self.answer(
            request,
            f"Đã {verb} bình luận “{comment}”.",
            "success",
            # A queue row's button comes back to the queue, where the next
            # row waits; a comment's page goes on to the next comment.
            self.list_url(request) if LOADED_AT in request.POST else next_url,
            next_url=next_url,
            status_label=comment.get_status_display(),
            undo_url=reverse("admin:comments_comment_undo", args=[comment.pk]),
        )

    def undo_view(self, request, object_id):
        """`z` in the queue: the editor's last decision on this comment, undone
        (and logged) unless someone has decided it since."""
        comment = self.changeable(request, object_id)
        if comment is None:
            return self.gone(request)
        undone = newsroom.undo_last(comment, request.user)
        back = self.back_url(request, comment)
        if undone is None:
            comment.refresh_from_db()
            return self.answer(
                request,
                f"Không hoàn tác được: quyết định cuối cùng về “{comment}” không phải của bạn "
                "hoặc đã có quyết định khác sau đó.",
                "warning",
                back,
                status=409,
            )
        comment.refresh_from_db()
        return self.answer(
            request,
            f"Đã hoàn tác: “{comment}” trở lại {comment.get_status_display().lower()}.",
            "success",
            back,
            status_label=comment.get_status_display(),
        )

    def claim_view(self, request, object_id):
        """Renewed by a comment's page every minute or two while it stays open."""
        comment = self.changeable(request, object_id)
        if comment is None:
            return JsonResponse({"claimed_by": None}, status=404)
        held = newsroom.claim(comment, request.user)
        return JsonResponse({"claimed_by": held and claim_notice(held)})

    def reply_view(self, request, object_id):
        """The editors' answer under a comment: write, change or withdraw it."""
        comment = self.changeable(request, object_id)
        if comment is None:
            return self.gone(request)
        back = self.back_url(request, comment)
        if "_withdraw_reply" in request.POST:
            withdrawn = newsroom.withdraw_reply(comment, request.user)
            message = "Đã rút trả lời của Ban biên tập." if withdrawn else "Chưa có trả lời để rút."
            return self.answer(request, message, "success" if withdrawn else "info", back)
        try:
            written = newsroom.save_reply(comment, request.user, request.POST.get(REPLY_FIELD, ""))
        except ValidationError as error:
            return self.answer(request, error.message, "error", back, status=400)
        if written is None:
            return self.answer(request, "Trả lời không thay đổi.", "info", back)
        shown = (
            "Trả lời sẽ hiện dưới bình luận trên trang bài viết."
            if comment.status == Status.APPROVED
            else "Trả lời sẽ hiện khi bình luận được duyệt."
        )
        return self.answer(request, f"Đã lưu trả lời của Ban biên tập. {shown}", "success", back)

    def list_url(self, request):
        """The list the editor came from, its filters and search kept."""
        filters = request.GET.get("_changelist_filters", "")
        return reverse("admin:comments_comment_changelist") + (f"?{filters}" if filters else "")

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
        context = {}
        if comment is not None:
            # Only those who may decide hold a comment against the others.
            deciding = self.has_change_permission(request, comment)
            held = newsroom.claim(comment, request.user) if deciding else None
            context = {
                "next_pending_url": self.next_pending_url(request, after=comment),
                "claimed_by": held and claim_notice(held),
                "history": comment.decisions.order_by("decided_at", "pk"),
                "reasons": Decision.Reason.choices,
                "reply_max_length": Comment._meta.get_field("reply").max_length,
            }
            if request.user.has_perm(CONTACT_PERMISSION):
                context["neighbourhoods"] = newsroom.commenter_context(comment, shown_phone)
        return super().change_view(
            request, object_id, form_url, {**context, **(extra_context or {})}
        )

    def next_pending_url(self, request, after):
        """The next pending comment of the list the editor came from (its
        filters and search, kept by the admin in `_changelist_filters`) that
        no other editor has open, or that list when none is left in it."""
        filters = request.GET.get("_changelist_filters", "")
        following = (
            self.listed(request, filters)
            .pending()
            .exclude(pk=after.pk)
            .exclude(pk__in=Comment.objects.claimed_by_others(request.user).values("pk"))
        )
        next_pk = following.values_list("pk", flat=True).first()
        if next_pk is None:
            return self.list_url(request)
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


def claim_notice(claim):
    """“Nguyễn An đang mở bình luận này (đến 09:20)”"""
    who = claim.editor.get_full_name() or claim.editor.get_username()
    until = formats.date_format(timezone.localtime(claim.expires_at), "H:i")
    return f"{who} đang mở bình luận này (đến {until})"


# Spreadsheets run a cell that starts like a formula (OWASP's "CSV
# injection"): such cells are written behind an apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class Echo:
    """A file-like object for csv.writer that hands each line back."""

    def write(self, line):
        return line


@admin.register(Decision)
class DecisionAdmin(PortalModelAdmin):
    """The decision log: read by editors, written only by the moderation
    itself; nobody changes or deletes a line here, superusers included."""

    list_display = [
        "decided_at",
        "editor_name",
        "action",
        "from_status",
        "reason",
        "note_excerpt",
        "comment_link",
        "article_title",
    ]
    list_display_links = ["decided_at"]
    list_filter = [
        ("editor", admin.RelatedOnlyFieldListFilter),
        "action",
        "reason",
        "decided_at",
    ]
    date_hierarchy = "decided_at"
    # See get_search_results: a comment's number, or words of comments.
    search_fields = ["comment_title"]
    search_help_text = (
        "Số bình luận (#1234), hoặc từ trong họ tên, tiêu đề và nội dung của bình luận "
        "(như ô tìm của danh sách bình luận)."
    )
    show_full_result_count = False
    change_list_template = "admin/comments/decision/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_search_results(self, request, queryset, search_term):
        """A number finds that comment's lines (deleted or not); words go
        through the comments' own search index rather than a scan of the log."""
        term = search_term.strip().removeprefix("#")
        if not term:
            return queryset, False
        if term.isdigit():
            return queryset.filter(comment_number=int(term)), False
        return queryset.filter(comment__in=Comment.objects.search(term).values("pk")), False

    @admin.display(description="ghi chú")
    def note_excerpt(self, decision):
        note = decision.note
        return note if len(note) <= EXCERPT_LENGTH else note[:EXCERPT_LENGTH] + "…"

    @admin.display(description="bình luận", ordering="comment_number")
    def comment_link(self, decision):
        if decision.comment_id is None:
            return f"#{decision.comment_number} {decision.comment_title} (đã xoá)"
        return format_html(
            '<a href="{}">#{} {}</a>',
            reverse("admin:comments_comment_change", args=[decision.comment_id]),
            decision.comment_number,
            decision.comment_title,
        )

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_view)
        return [path("xuat-csv/", export, name="comments_decision_export"), *super().get_urls()]

    def export_view(self, request):
        """The log as the list shows it (its filters and search), as CSV for
        a spreadsheet: UTF-8 with a BOM, formula-like cells neutralised, the
        commenter's contact only for those allowed to see it."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseRedirect(reverse("admin:comments_decision_changelist") + "?e=1")
        with_contact = request.user.has_perm(CONTACT_PERMISSION)
        rows = changelist.get_queryset(request)
        if with_contact:
            rows = rows.select_related("comment")
        filename = f"nhat-ky-quyet-dinh-{timezone.localdate():%Y-%m-%d}.csv"
        response = StreamingHttpResponse(
            csv_lines(rows, with_contact), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


CSV_HEADER = [
    "Lúc",
    "Biên tập viên",
    "Quyết định",
    "Trạng thái trước",
    "Lý do",
    "Ghi chú",
    "Số bình luận",
    "Tiêu đề bình luận",
    "Bình luận gửi lúc",
    "Bài viết",
]
CONTACT_HEADER = ["Số điện thoại", "Địa chỉ IP"]


def csv_lines(decisions, with_contact):
    writer = csv.writer(Echo())
    yield "\ufeff" + writer.writerow(CSV_HEADER + (CONTACT_HEADER if with_contact else []))
    for decision in decisions.iterator(chunk_size=2000):
        row = [
            local_time(decision.decided_at),
            decision.editor_name,
            decision.get_action_display(),
            decision.get_from_status_display(),
            decision.get_reason_display(),
            decision.note,
            decision.comment_number,
            decision.comment_title,
            local_time(decision.comment_sent_at),
            decision.article_title,
        ]
        if with_contact:
            comment = decision.comment
            row += [
                shown_phone(comment.phone) if comment and comment.phone else "",
                (comment.ip_address or "") if comment else "",
            ]
        yield writer.writerow([csv_cell(value) for value in row])
