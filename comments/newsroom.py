"""The editors' work on one comment, apart from the admin's pages: reasons
for a rejection, claims, undo, the editors' reply, and what else the same
commenter wrote. Plain functions over the models; the admin calls them.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from portal.text import clean_line, clean_lines

from .models import REPLY_MAX_LENGTH, Claim, Comment, Decision, log_in_admin_history

Status = Comment.Status
Reason = Decision.Reason
NOTE_MAX_LENGTH = 500
UNDO_NOTE = "Hoàn tác"


def rejection_reason(reason, note):
    """The (reason, note) of a rejection form, cleaned; ValidationError with
    the message to show when the reason is missing or "Khác" has no note."""
    note = clean_line(note or "")[:NOTE_MAX_LENGTH]
    if reason not in Reason.values:
        raise ValidationError("Hãy chọn lý do từ chối.")
    if reason == Reason.OTHER and not note:
        raise ValidationError("Lý do “Khác”: hãy ghi rõ lý do vào ô ghi chú.")
    return reason, note


def claim(comment, editor):
    """Hold the comment for `editor` for Claim.DURATION_SECONDS, renewing
    their own claim; return the claim of another editor that still holds it,
    or None."""
    now = timezone.now()
    expires_at = now + timedelta(seconds=Claim.DURATION_SECONDS)
    try:
        with transaction.atomic():
            held = Claim.objects.select_for_update().filter(comment=comment).first()
            if held and held.editor_id != editor.pk and held.expires_at > now:
                return held
            Claim.objects.update_or_create(
                comment=comment, defaults={"editor": editor, "expires_at": expires_at}
            )
    except IntegrityError:  # another editor's claim was written meanwhile
        return Claim.objects.filter(comment=comment).exclude(editor=editor).first()
    return None


def release(comment, editor):
    Claim.objects.filter(comment=comment, editor=editor).delete()


def undo_last(comment, editor):
    """Put back the status `editor`'s last decision on this comment changed,
    if nobody has decided it since; return the undone Decision or None."""
    last = (
        Decision.objects.filter(comment=comment)
        .filter(action__in=Status.values)
        .order_by("-decided_at", "-pk")
        .first()
    )
    if last is None or last.editor_id != editor.pk or not last.from_status:
        return None
    changed = Comment.objects.filter(pk=comment.pk, status=last.action).moderate(
        last.from_status, editor, note=UNDO_NOTE
    )
    return last if changed else None


def clean_reply(text):
    text = "\n".join(clean_lines(text.replace("\r\n", "\n").replace("\r", "\n"))).strip()
    if not text:
        raise ValidationError("Hãy viết nội dung trả lời.")
    if len(text) > REPLY_MAX_LENGTH:
        raise ValidationError(f"Trả lời dài quá: tối đa {REPLY_MAX_LENGTH} ký tự.")
    return text


def save_reply(comment, editor, text):
    """Write or change the editors' reply; return the Decision logged, or
    None when the text is the same."""
    text = clean_reply(text)
    if text == comment.reply:
        return None
    action = Decision.Action.REPLY_EDITED if comment.reply else Decision.Action.REPLIED
    return _change_reply(comment, editor, action, reply=text, note=text)


def withdraw_reply(comment, editor):
    if not comment.reply:
        return None
    return _change_reply(
        comment, editor, Decision.Action.REPLY_WITHDRAWN, reply="", note=comment.reply
    )


def _change_reply(comment, editor, action, *, reply, note):
    now = timezone.now()
    with transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(reply=reply, replied_at=now if reply else None)
        decision = Decision.for_comment(comment, editor, action=action, note=note, at=now)
        decision.save()
        log_in_admin_history([decision], editor)
    comment.reply, comment.replied_at = reply, (now if reply else None)
    return decision


@dataclass(frozen=True)
class Neighbourhood:
    """The commenter's other comments by one key (phone or network)."""

    label: str
    value: str
    total: int
    approved: int
    rejected: int
    latest: list

    @property
    def pending(self):
        return self.total - self.approved - self.rejected


CONTEXT_SHOWN = 5


def commenter_context(comment, shown_phone):
    """The same phone's and the same network's other comments: counts by
    status and the newest few. For editors allowed to see contact data."""
    keys = [("Cùng số điện thoại", "phone", shown_phone(comment.phone) if comment.phone else "")]
    keys.append(("Cùng mạng", "network", comment.network))
    found = []
    for label, field, shown in keys:
        value = getattr(comment, field)
        if not value:
            continue
        others = Comment.objects.filter(**{field: value}).exclude(pk=comment.pk)
        counts = others.aggregate(
            total=Count("pk"),
            approved=Count("pk", filter=Q(status=Status.APPROVED)),
            rejected=Count("pk", filter=Q(status=Status.REJECTED)),
        )
        latest = list(
            others.order_by("-created_at", "-pk").only("title", "status", "created_at")[
                :CONTEXT_SHOWN
            ]
        )
        found.append(Neighbourhood(label=label, value=shown, latest=latest, **counts))
    return found
