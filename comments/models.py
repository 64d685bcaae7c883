from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import models, transaction
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone

from articles.models import Article
from portal.network import client_network
from portal.text import clean_line

NAME_MAX_LENGTH = 100
REPLY_MAX_LENGTH = 5000
# Rows written or changed per statement: well under every database's limit
# on a statement's parameters.
BATCH_SIZE = 500
TITLE_MAX_LENGTH = 200
CONTENT_MAX_LENGTH = 5000
USER_AGENT_MAX_LENGTH = 500


class CommentQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        # Search reads the folded words (comments/search.py): set them here
        # too, as save() does.
        objs = list(objs)
        for comment in objs:
            comment.set_search_text()
        return super().bulk_create(objs, *args, **kwargs)

    def search(self, query):
        """Those among the newest comments.search.NEWEST_MATCHES of the index's
        matches that are also in these: every word of the query in their name,
        title or content, as whole words, with or without diacritics, whatever
        the case."""
        from .search import matching_ids

        ids = matching_ids(query, using=self.db)
        return self.none() if ids is None else self.filter(pk__in=ids)

    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def rejected(self):
        return self.filter(status=Comment.Status.REJECTED)

    def for_article(self, article):
        return self.filter(article=article)

    def moderate(self, status, editor, reason="", note=""):
        """Give these comments an editor's decision; return how many changed.

        The one place where a comment's status changes, for bulk actions and
        single-comment buttons alike: each change is written to the decision
        log and to the admin's history (LogEntry) in the same transaction.
        """
        with transaction.atomic(using=self.db):
            changing = list(
                self.exclude(status=status)
                .select_for_update(of=("self",))
                .select_related("article")
                .only("status", "title", "created_at", "article__title")
                .order_by("pk")
            )
            now = timezone.now()
            for start in range(0, len(changing), BATCH_SIZE):
                batch = [comment.pk for comment in changing[start : start + BATCH_SIZE]]
                Comment.objects.using(self.db).filter(pk__in=batch).update(
                    status=status, moderated_by=editor, moderated_at=now
                )
            entries = [
                Decision.for_comment(
                    comment, editor, action=status, reason=reason, note=note, at=now
                )
                for comment in changing
            ]
            Decision.objects.using(self.db).bulk_create(entries, batch_size=BATCH_SIZE)
            log_in_admin_history(entries, editor)
        return len(changing)

    def claimed_by_others(self, editor):
        """Those another editor has open now (Claim)."""
        return self.filter(
            claim__expires_at__gt=timezone.now(),
        ).exclude(claim__editor=editor)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Chờ duyệt"
        APPROVED = "approved", "Đã duyệt"
        REJECTED = "rejected", "Từ chối"

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="comments", verbose_name="bài viết"
    )
    name = models.CharField("họ tên", max_length=NAME_MAX_LENGTH)
    phone = models.CharField(
        "số điện thoại", max_length=20, blank=True, help_text="Dạng quốc tế E.164."
    )
    title = models.CharField("tiêu đề", max_length=TITLE_MAX_LENGTH)
    content = models.TextField("nội dung", max_length=CONTENT_MAX_LENGTH)
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField("gửi lúc", default=timezone.now)
    ip_address = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)
    # What flood limits and duplicate checks count against: an IPv6 /64, an
    # IPv4 address (portal.network.client_network).
    network = models.CharField("mạng", max_length=50, blank=True, editable=False)
    # The form this comment came from (comments.tokens.submission_key): a
    # second post of the same form stores nothing. NULL, not "", for comments
    # stored before forms had one: several of them must fit a unique column.
    submission_key = models.CharField(  # noqa: DJ001
        max_length=64, unique=True, null=True, editable=False
    )
    user_agent = models.CharField("trình duyệt", max_length=USER_AGENT_MAX_LENGTH, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người duyệt",
    )
    moderated_at = models.DateTimeField("duyệt lúc", null=True, blank=True)
    # The editors' answer, shown under the approved comment signed "Ban
    # biên tập" (comments/newsroom.py); who wrote it stays in the decision log.
    reply = models.TextField("trả lời của Ban biên tập", max_length=REPLY_MAX_LENGTH, blank=True)
    replied_at = models.DateTimeField("trả lời lúc", null=True, blank=True)
    # Why an editor should look closely: the word lists' matches (with where
    # they are in each field, for highlighting) and the links, as written by
    # comments.moderation.Reason.as_data().
    flags = models.JSONField("cần lưu ý", default=list, blank=True, editable=False)
    # The words of name, title and content as the editors' search reads
    # them: "Đại Hội" is "dai hoi" (comments/search.py indexes it).
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "bình luận"
        verbose_name_plural = "bình luận"
        permissions = [
            ("view_commenter_contact", "Xem số điện thoại, IP và trình duyệt của người gửi"),
        ]
        indexes = [
            # The approved comments under an article, oldest first.
            models.Index(fields=["article", "status", "created_at"], name="comment_public_list"),
            # The editors' queue: pending comments, oldest first.
            models.Index(fields=["status", "created_at"], name="comment_queue"),
            # The admin's list of all comments, and its date drill-down.
            models.Index(fields=["created_at"], name="comment_time"),
            # Flood control: one client network's recent comments.
            models.Index(fields=["network", "created_at"], name="comment_network_recent"),
            # The editors' context: the same caller's other comments.
            models.Index(fields=["phone", "created_at"], name="comment_phone"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.network = client_network(self.ip_address)
        self.set_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "network", "search_text"}
        super().save(*args, **kwargs)

    def set_search_text(self):
        from .search import folded

        self.search_text = folded(self.name, self.title, self.content)

    @property
    def review_notes(self):
        """The reasons to look closely, one a line."""
        return "\n".join(flag["text"] for flag in self.flags)


@receiver(pre_save, sender=Comment)
def fold_loaded_comment(sender, instance, raw, **kwargs):
    """loaddata saves without save(): fold there too."""
    if raw:
        instance.set_search_text()


class FilterWord(models.Model):
    class Kind(models.TextChoices):
        SUSPECT = "suspect", "Đáng ngờ (giữ lại chờ duyệt, đánh dấu)"
        BANNED = "banned", "Cấm (từ chối ngay)"

    word = models.CharField(
        "từ hoặc cụm từ",
        max_length=100,
        unique=True,
        help_text="Khớp cả từ, không phân biệt hoa thường. Viết đúng dấu tiếng Việt.",
    )
    kind = models.CharField("loại", max_length=10, choices=Kind.choices, default=Kind.SUSPECT)
    created_at = models.DateTimeField("thêm lúc", auto_now_add=True)

    class Meta:
        ordering = ["word"]
        verbose_name = "từ cần lọc"
        verbose_name_plural = "từ cần lọc"

    def __str__(self):
        return self.word

    def save(self, *args, **kwargs):
        self.word = clean_line(self.word)
        super().save(*args, **kwargs)


class RateCount(models.Model):
    """How many times a client network used something in a time window.

    Counted in the database, so that every app server and worker process
    sees the same count (see comments/throttle.py).
    """

    bucket = models.CharField(max_length=100)
    window_start = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bucket", "window_start"], name="rate_count_window")
        ]
        indexes = [models.Index(fields=["window_start"], name="rate_count_age")]

    def __str__(self):
        return f"{self.bucket} @{self.window_start}: {self.count}"


class DecisionQuerySet(models.QuerySet):
    # The log is append-only: no update or delete through the ORM either.
    def update(self, **kwargs):
        raise PermissionError("Nhật ký quyết định không sửa được.")

    def delete(self):
        raise PermissionError("Nhật ký quyết định không xoá được.")


class Decision(models.Model):
    """One line of the append-only decision log: who did what to a comment,
    when, from which status, and why.

    Snapshots keep a line's meaning when the comment, its article or the
    editor are deleted later (the links become NULL).
    """

    class Action(models.TextChoices):
        APPROVED = Comment.Status.APPROVED.value, "Duyệt"
        REJECTED = Comment.Status.REJECTED.value, "Từ chối"
        REOPENED = Comment.Status.PENDING.value, "Đưa về chờ duyệt"
        REPLIED = "replied", "Trả lời"
        REPLY_EDITED = "reply_edited", "Sửa trả lời"
        REPLY_WITHDRAWN = "reply_withdrawn", "Rút trả lời"

    class Reason(models.TextChoices):
        SPAM = "spam", "Spam"
        LANGUAGE = "language", "Ngôn từ không phù hợp"
        OFF_TOPIC = "off_topic", "Không liên quan"
        PERSONAL_DATA = "personal_data", "Chứa thông tin cá nhân"
        DUPLICATE = "duplicate", "Trùng lặp"
        OTHER = "other", "Khác"

    comment = models.ForeignKey(
        Comment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name="bình luận",
    )
    comment_number = models.PositiveBigIntegerField("số bình luận")
    comment_title = models.CharField("tiêu đề bình luận", max_length=TITLE_MAX_LENGTH)
    comment_sent_at = models.DateTimeField("bình luận gửi lúc")
    article_title = models.CharField("bài viết", max_length=500)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="biên tập viên",
    )
    editor_name = models.CharField("tên biên tập viên", max_length=150)
    action = models.CharField("quyết định", max_length=20, choices=Action.choices)
    from_status = models.CharField(
        "trạng thái trước", max_length=10, choices=Comment.Status.choices, blank=True
    )
    reason = models.CharField("lý do", max_length=20, choices=Reason.choices, blank=True)
    # The note of a "Khác" reason, or the text of a reply as it was written.
    note = models.TextField("ghi chú", blank=True)
    decided_at = models.DateTimeField("lúc", default=timezone.now)
    # From the comment's submission to an editor's decision on it while it
    # was pending: what the statistics' median wait reads.
    waited_seconds = models.PositiveBigIntegerField("chờ (giây)", null=True, blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = "quyết định"
        verbose_name_plural = "nhật ký quyết định"
        indexes = [
            models.Index(fields=["decided_at"], name="decision_time"),
            # A comment's lines by its number: found even after it is deleted.
            models.Index(fields=["comment_number", "decided_at"], name="decision_comment_number"),
            models.Index(fields=["editor", "decided_at"], name="decision_editor"),
            # The log's filters, each over its own index.
            models.Index(fields=["action", "decided_at"], name="decision_action"),
            models.Index(fields=["reason", "decided_at"], name="decision_reason"),
        ]

    def __str__(self):
        return f"{self.get_action_display()}: {self.comment_title}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Nhật ký quyết định không sửa được.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Nhật ký quyết định không xoá được.")

    @classmethod
    def for_comment(cls, comment, editor, *, action, reason="", note="", at=None, **fields):
        """A new (unsaved) line about `comment` as it is before the change."""
        at = at or timezone.now()
        if action in Comment.Status.values:
            fields.setdefault("from_status", comment.status)
        if editor is not None and fields.get("from_status") == Comment.Status.PENDING:
            fields["waited_seconds"] = max(0, int((at - comment.created_at).total_seconds()))
        return cls(
            comment=comment,
            comment_number=comment.pk,
            comment_title=comment.title,
            comment_sent_at=comment.created_at,
            article_title=comment.article.title,
            editor=editor,
            editor_name=editor_name(editor),
            action=action,
            reason=reason,
            note=note,
            decided_at=at,
            **fields,
        )

    @property
    def summary(self):
        """“Từ chối (Spam)”, “Từ chối (Khác: quảng cáo)”, “Duyệt”."""
        text = self.get_action_display()
        if self.reason and self.note and self.action in Comment.Status.values:
            return f"{text} ({self.get_reason_display()}: {self.note})"
        if self.reason:
            return f"{text} ({self.get_reason_display()})"
        return text


def editor_name(editor):
    if editor is None:
        return "Hệ thống"
    return editor.get_full_name() or editor.get_username()


def log_in_admin_history(decisions, editor):
    """The admin's own history ("Hoạt động gần đây", a comment's "Lịch sử")."""
    if editor is None or not decisions:
        return
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                user_id=editor.pk,
                content_type_id=comment_type_id(),
                object_id=str(decision.comment_number),
                object_repr=decision.comment_title[:200],
                action_flag=CHANGE,
                change_message=decision.summary,
                action_time=decision.decided_at,
            )
            for decision in decisions
        ],
        batch_size=BATCH_SIZE,
    )


def comment_type_id():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Comment).pk


class Claim(models.Model):
    """An editor has this comment open: "next pending" sends the others
    elsewhere until it expires (renewed while the page stays open)."""

    DURATION_SECONDS = 5 * 60

    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="claim")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["expires_at"], name="claim_expiry")]

    def __str__(self):
        return f"{self.comment_id} → {self.editor_id} đến {self.expires_at}"


class DigestSent(models.Model):
    """A digest period already mailed: running the command again in the
    same period sends nothing (comments/digest.py)."""

    period_start = models.DateTimeField(unique=True)
    sent_at = models.DateTimeField(default=timezone.now)
    pending = models.PositiveIntegerField()

    def __str__(self):
        return f"{self.period_start:%Y-%m-%d %H:%M}"
