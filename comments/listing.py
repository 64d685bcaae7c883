"""The approved comments under an article: newest first, a page at a time."""

from dataclasses import dataclass

from django.db.models import Count, Window

from .models import Comment

PAGE_SIZE = 20


@dataclass(frozen=True)
class CommentPage:
    comments: list
    total: int  # every approved comment of the article, on all pages
    number: int

    @property
    def last_number(self):
        return max(1, -(-self.total // PAGE_SIZE))

    @property
    def newer_number(self):
        return self.number - 1 if self.number > 1 else None

    @property
    def older_number(self):
        return self.number + 1 if self.number < self.last_number else None


def comment_page(article, number):
    """Page `number` (1 = newest) of the article's approved comments, and their
    total, in one query; a number past the end gives the last page."""
    number = max(number, 1)
    shown = (
        Comment.objects.approved()
        .for_article(article)
        .annotate(total=Window(Count("pk")))
        .only("title", "name", "content", "created_at", "reply", "replied_at")
        .order_by("-created_at", "-pk")
    )
    start = (number - 1) * PAGE_SIZE
    comments = list(shown[start : start + PAGE_SIZE])
    if comments:
        return CommentPage(comments, comments[0].total, number)
    if number == 1:
        return CommentPage([], 0, 1)
    last = max(1, -(-Comment.objects.approved().for_article(article).count() // PAGE_SIZE))
    return comment_page(article, last) if last < number else CommentPage([], 0, 1)


def page_number(value):
    """The page asked for in the URL; anything that is not a number is page 1."""
    try:
        return int(value or 1)
    except ValueError:
        return 1
