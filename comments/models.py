from django.conf import settings
from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone

from articles.models import Article
from portal.network import client_network
from portal.text import clean_line

NAME_MAX_LENGTH = 100
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

    def moderate(self, status, editor):
        """Give these comments an editor's decision; return how many changed.

        The one place where a comment's status changes, for bulk actions and
        single-comment buttons alike.
        """
        return self.exclude(status=status).update(
            status=status, moderated_by=editor, moderated_at=timezone.now()
        )


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
