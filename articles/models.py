import re
from datetime import datetime, time, timedelta

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from portal.text import fold, make_slug

SEARCH_MAX_TERMS = 10
NEWEST_FIRST = ["-published_at", "-pk"]
SLUG_MAX_LENGTH = 200
# A blank line, whatever the line ends a browser or a file used.
PARAGRAPH_BREAK = re.compile(r"\r?\n[^\S\r\n]*\r?\n\s*")


class Category(models.Model):
    name = models.CharField("tên", max_length=100, unique=True)
    slug = models.SlugField("đường dẫn", max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(
        "thứ tự", default=0, help_text="Số nhỏ đứng trước trên thanh menu."
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def in_category(self, category):
        return self.filter(category=category)

    def listed(self):
        """Only what lists show: title, time, lead and section, never the body."""
        return self.select_related("category").defer("body", "search_text")

    def on_day(self, day):
        """Articles published on that day, Hanoi time."""
        start = timezone.make_aware(datetime.combine(day, time.min))
        return self.filter(published_at__gte=start, published_at__lt=start + timedelta(days=1))

    def search(self, query):
        """Articles whose title, lead or body contain every word of the query,
        with or without diacritics and whatever the case."""
        terms = fold(query).split()[:SEARCH_MAX_TERMS]
        if not terms:
            return self.none()
        return self.filter(*[Q(search_text__contains=term) for term in terms])

    def latest_per_category(self, count):
        """[(category, [its newest articles])] in menu order, sections without
        articles left out: one indexed query per section, so the cost does
        not grow with the archive."""
        sections = []
        for category in Category.objects.all():
            newest = list(self.in_category(category).listed().order_by(*NEWEST_FIRST)[:count])
            if newest:
                sections.append((category, newest))
        return sections

    def neighbours(self, article, count):
        """(newer, older): the `count` articles just after and just before this
        one in these, each list newest first, in one query."""
        newer = self.newer_than(article).values("pk")[:count]
        older = self.older_than(article).values("pk")[:count]
        around = self.filter(Q(pk__in=newer) | Q(pk__in=older)).listed().order_by(*NEWEST_FIRST)
        after, before = [], []
        for other in around:
            is_newer = (other.published_at, other.pk) > (article.published_at, article.pk)
            (after if is_newer else before).append(other)
        return after, before

    def newer_than(self, article):
        """Articles after this one, the nearest first (pk breaks ties)."""
        same_time = Q(published_at=article.published_at, pk__gt=article.pk)
        return self.filter(Q(published_at__gt=article.published_at) | same_time).order_by(
            "published_at", "pk"
        )

    def older_than(self, article):
        """Articles before this one, the nearest first (pk breaks ties)."""
        same_time = Q(published_at=article.published_at, pk__lt=article.pk)
        return self.filter(Q(published_at__lt=article.published_at) | same_time).order_by(
            "-published_at", "-pk"
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Bản nháp"
        PUBLISHED = "published", "Đã đăng"

    title = models.CharField("tiêu đề", max_length=500)
    slug = models.SlugField(
        "đường dẫn",
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        blank=True,
        help_text="Để trống để tạo tự động từ tiêu đề.",
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name="chuyên mục",
    )
    outlet_code = models.CharField(
        "mã nguồn",
        max_length=20,
        blank=True,
        default="HNP",
        help_text="Mã đứng trước phần tóm tắt, ví dụ HNP.",
    )
    lead = models.TextField("tóm tắt (sapo)")
    body = models.TextField(
        "nội dung", blank=True, help_text="Mỗi đoạn văn cách nhau bằng một dòng trống."
    )
    author = models.CharField("tác giả", max_length=200, blank=True)
    image = models.ImageField("ảnh minh hoạ", upload_to="articles/%Y/%m/", blank=True)
    image_caption = models.CharField(
        "chú thích ảnh",
        max_length=300,
        blank=True,
        help_text="Mô tả ảnh cho người đọc không xem được ảnh.",
    )
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField("thời gian đăng", default=timezone.now)
    # Title, lead and body without diacritics, so that "dai hoi" finds "Đại hội".
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = "bài viết"
        verbose_name_plural = "bài viết"
        indexes = [
            # A section's articles, newest first, and their count: the index
            # holds every column the filter needs (published, up to now).
            models.Index(
                fields=["category", "status", "published_at"], name="article_section_time"
            ),
            models.Index(fields=["status", "published_at"], name="article_status_time"),
            # The admin's list, newest first, and its date drill-down.
            models.Index(fields=["published_at"], name="article_time"),
        ]
        constraints = [
            # The natural key of a notice: importing it again updates this row.
            models.UniqueConstraint(
                fields=["title", "published_at"],
                name="article_unique_title_time",
                violation_error_message="Đã có bài viết cùng tiêu đề và thời gian đăng.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug()
        self.search_text = self.folded_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "slug", "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def folded_text(self):
        """What search looks in: title, lead and body, folded (portal.text.fold)."""
        return fold(" ".join([self.title, self.lead, self.body]))

    @property
    def paragraphs(self):
        parts = PARAGRAPH_BREAK.split(self.body)
        return [part.strip() for part in parts if part.strip()]

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    def unique_slug(self):
        base = make_slug(self.title) or "bai-viet"
        taken = set(
            Article.objects.filter(slug__startswith=base)
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        slug, suffix = base, 2
        while slug in taken:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        return slug
