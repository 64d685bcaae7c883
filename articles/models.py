import re
from datetime import datetime, time, timedelta

from django.core.validators import FileExtensionValidator
from django.db import connections, models, router, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from portal.text import make_slug, search_words

from . import images

NEWEST_FIRST = ["-published_at", "-pk"]
# How many of the newest featured articles (or with an image) the home page
# considers: drafts, scheduled or ended ones among them are skipped.
FEATURED_CANDIDATES = 20
SLUG_MAX_LENGTH = 200
# A blank line, whatever the line ends a browser or a file used.
PARAGRAPH_BREAK = re.compile(r"\r?\n[^\S\r\n]*\r?\n\s*")
# Search reads folded copies of these fields: field -> column.
SEARCH_COLUMNS = {"title": "search_title", "lead": "search_lead", "body": "search_body"}
# Search reads this much of a text (folded): PostgreSQL keeps word positions
# only up to 16,383 per article, and a long notice is about 10,000 characters.
SEARCH_TEXT_LIMIT = 60_000


def fold_for_search(text):
    """A text as search reads it: its folded words (portal.text.search_words)
    separated by single spaces, so that both databases split it the same way."""
    folded = " ".join(search_words(text[: SEARCH_TEXT_LIMIT * 2]))
    if len(folded) <= SEARCH_TEXT_LIMIT:
        return folded
    cut = folded.rfind(" ", 0, SEARCH_TEXT_LIMIT + 1)
    return folded[: cut if cut > 0 else SEARCH_TEXT_LIMIT]


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


def is_public():
    """The condition of an article readers may see: published, and its time come."""
    return Q(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_public())

    def in_category(self, category):
        return self.filter(category=category)

    def listed(self):
        """Only what lists show: title, time, lead and section, never the body."""
        return self.select_related("category").defer("body", *SEARCH_COLUMNS.values())

    def on_day(self, day):
        """Articles published on that day, Hanoi time."""
        start = timezone.make_aware(datetime.combine(day, time.min))
        return self.filter(published_at__gte=start, published_at__lt=start + timedelta(days=1))

    def search(self, query):
        """The newest matches of the query among these articles (at most
        articles.search.CANDIDATES): every word and "quoted phrase", as whole
        words, with or without diacritics and whatever the case. For lists
        kept in their own order, such as the admin's; the readers' search
        ranks with articles.search.find()."""
        from . import search

        return search.newest_matches(self, search.parse_query(query))

    # The folded copies of title, lead and body (SEARCH_COLUMNS) follow every
    # way Django writes articles: save() and loaddata (below), and these bulk
    # paths, which skip save(). The database indexes the folded columns itself
    # (articles/search_index.py). Only raw SQL can leave them behind:
    # `manage.py rebuild_search` puts them right.

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for article in objs:
            article.set_search_columns()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs, fields = list(objs), list(fields)
        if searched := [name for name in SEARCH_COLUMNS if name in fields]:
            for article in objs:
                article.set_search_columns()
            fields = list(dict.fromkeys([*fields, *(SEARCH_COLUMNS[name] for name in searched)]))
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs):
        searched = [name for name in SEARCH_COLUMNS if name in kwargs]
        if all(isinstance(kwargs[name], str) for name in searched):
            kwargs |= {SEARCH_COLUMNS[name]: fold_for_search(kwargs[name]) for name in searched}
            return super().update(**kwargs)
        # An expression (F(), Concat()...): fold what the database made of it.
        from .search_index import refold

        using = self._db or router.db_for_write(self.model)
        with transaction.atomic(using=using):
            pks = list(self.values_list("pk", flat=True))
            updated = super().update(**kwargs)
            refold(pks, using=using)
        return updated

    def slugs_from(self, base):
        """The slugs in use among these that Article.unique_slug would derive
        from `base` ("base", "base-2", ...), found over the slug's index:
        what a new article's slug costs stays the same as the archive grows."""
        if connections[self.db].vendor == "sqlite":
            # SQLite uses no index for LIKE (Django's startswith), but
            # compares text byte by byte: "base-" followed by digits lies
            # below "base-:" (":" follows "9").
            family = Q(slug=base) | Q(slug__gte=f"{base}-", slug__lt=f"{base}-:")
        else:
            # PostgreSQL's collation may ignore hyphens when comparing; its
            # pattern index (Django makes one for each slug field) serves LIKE.
            family = Q(slug__startswith=base)
        numbered = re.compile(rf"{re.escape(base)}(?:-\d+)?")
        return {
            slug
            for slug in self.filter(family).values_list("slug", flat=True)
            if numbered.fullmatch(slug)
        }

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

    def featured(self):
        """The home page's featured story: the newest article the editors
        marked `Tin nổi bật` (until its end, if it has one), else the newest
        with an image; None when neither exists.

        Each reads the newest FEATURED_CANDIDATES rows of its partial index
        and checks them here: given the publication condition too, SQLite
        walks the (status, time) index instead, over the whole archive when
        no article has an image."""
        now = timezone.now()
        marked = self.filter(is_featured=True)
        with_image = self.exclude(image="")
        for candidates, still_featured in [
            (marked, lambda story: story.featured_until is None or story.featured_until > now),
            (with_image, lambda story: True),
        ]:
            newest = candidates.listed().order_by(*NEWEST_FIRST)[:FEATURED_CANDIDATES]
            for story in newest:
                if story.is_public and still_featured(story):
                    return story
        return None

    def neighbours(self, article, count):
        """(newer, older): the `count` articles just after and just before this
        one in these, each list newest first, in one query."""
        newer = self.newer_than(article).values("pk")[:count]
        older = self.older_than(article).values("pk")[:count]
        # The ids alone in WHERE: with these articles' own conditions as
        # well, SQLite walks the whole section checking each id.
        around = (
            self.model.objects.using(self.db)
            .filter(Q(pk__in=newer) | Q(pk__in=older))
            .listed()
            .order_by(*NEWEST_FIRST)
        )
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
    image = models.ImageField(
        "ảnh minh hoạ",
        upload_to="articles/%Y/%m/",
        blank=True,
        width_field="image_width",
        height_field="image_height",
        validators=[FileExtensionValidator(images.ALLOWED_EXTENSIONS)],
        help_text="Ảnh JPEG, PNG hoặc WebP. Thông tin EXIF (máy ảnh, vị trí GPS) được xoá khi lưu.",
    )
    # Set by the image field on save: pages give the image its size before
    # it loads, so that nothing below it moves.
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_caption = models.CharField(
        "chú thích ảnh",
        max_length=300,
        blank=True,
        help_text="Mô tả ảnh cho người đọc không xem được ảnh.",
    )
    # {"source": image name, "sizes": [{"width", "height", "webp", "jpg"}]},
    # made by a task after the image is saved (articles/images.py).
    image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    is_featured = models.BooleanField(
        "tin nổi bật",
        default=False,
        help_text="Đưa bài lên đầu trang chủ. Nếu không có tin nổi bật, trang chủ "
        "đưa bài mới nhất có ảnh.",
    )
    featured_until = models.DateTimeField(
        "nổi bật đến",
        null=True,
        blank=True,
        help_text="Để trống: nổi bật đến khi có tin nổi bật mới hơn.",
    )
    published_at = models.DateTimeField("thời gian đăng", default=timezone.now)
    # Title, lead and body as search sees them (fold_for_search): "dai hoi"
    # finds "Đại hội". The database indexes these (articles/search_index.py).
    search_title = models.TextField(editable=False, blank=True, default="")
    search_lead = models.TextField(editable=False, blank=True, default="")
    search_body = models.TextField(editable=False, blank=True, default="")
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
            # The home page's featured story: the few featured articles, and
            # those with an image, newest first, without walking the archive.
            models.Index(
                fields=["published_at"], condition=Q(is_featured=True), name="article_featured"
            ),
            models.Index(
                fields=["published_at"], condition=~Q(image=""), name="article_with_image"
            ),
            # The next end of a featured story, asked on every page view
            # (portal/content.py): one index look-up however many there were.
            models.Index(
                fields=["featured_until"],
                condition=Q(is_featured=True),
                name="article_featured_end",
            ),
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
        self.set_search_columns()
        if self.image and not self.image._committed:  # a new upload
            self.image = images.without_metadata(self.image)
        stale_renditions = self.image_renditions.get("source") != (self.image.name or None)
        if stale_renditions:
            replaced, self.image_renditions = self.image_renditions, {}
            # Once the new image is saved for good: a rolled-back save keeps them.
            using = kwargs.get("using") or router.db_for_write(Article, instance=self)
            transaction.on_commit(lambda: images.delete_renditions(replaced), using=using)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "slug",
                "image_renditions",
                *SEARCH_COLUMNS.values(),
            }
        super().save(*args, **kwargs)
        if stale_renditions and self.image:
            from .tasks import make_image_renditions

            # Enqueued in the same transaction: the task exists if the save does.
            make_image_renditions.enqueue(self.pk, self.image.name)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def search_columns(self):
        """{column: value} of the folded copies search reads, from this
        article's title, lead and body."""
        return {
            column: fold_for_search(getattr(self, name)) for name, column in SEARCH_COLUMNS.items()
        }

    def set_search_columns(self):
        """Set the folded copies from title, lead and body: what any code
        writing articles without save() or the ORM's bulk methods must call."""
        for column, value in self.search_columns().items():
            setattr(self, column, value)

    @property
    def paragraphs(self):
        parts = PARAGRAPH_BREAK.split(self.body)
        return [part.strip() for part in parts if part.strip()]

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    def slug_base(self):
        return make_slug(self.title) or "bai-viet"

    def unique_slug(self):
        base = self.slug_base()
        return first_free_slug(base, Article.objects.exclude(pk=self.pk).slugs_from(base))


def first_free_slug(base, taken):
    """`base`, or the first of "base-2", "base-3"... not in `taken`."""
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


@receiver(post_delete, sender=Article)
def delete_image_renditions(sender, instance, using, **kwargs):
    """The renditions go with their article (Django keeps uploaded originals)."""
    renditions = instance.image_renditions
    transaction.on_commit(lambda: images.delete_renditions(renditions), using=using)


@receiver(pre_save, sender=Article)
def fold_loaded_article(sender, instance, raw, **kwargs):
    """loaddata saves without save(): fold there too (save() folds already)."""
    if raw:
        instance.set_search_columns()


class SitemapPage(models.Model):
    """A page of the articles' sitemap: the published articles whose ids fall
    in its range (articles/sitemap_pages.py). Database triggers keep each
    page's number of entries and the time it last changed, so the sitemap
    index reads one short row per page instead of walking the archive.

    `entries` counts scheduled articles too (they are published, only not
    yet): a page may list fewer.
    """

    number = models.PositiveIntegerField("trang", primary_key=True)
    entries = models.IntegerField("số bài", default=0)
    changed_at = models.DateTimeField("thay đổi lúc", null=True)

    class Meta:
        ordering = ["number"]
        verbose_name = "trang sơ đồ trang"
        verbose_name_plural = "trang sơ đồ trang"

    def __str__(self):
        return str(self.number)
