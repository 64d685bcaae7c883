"""Keep what search looks in up to date when the way text is folded changes."""

from .models import Article

CHUNK = 500


def rebuild_search_text(articles=None):
    """Refold every article's search text; return how many changed."""
    articles = Article.objects.order_by("pk") if articles is None else articles
    changed = 0
    last_pk = 0
    while True:
        chunk = list(
            articles.filter(pk__gt=last_pk).only("title", "lead", "body", "search_text")[:CHUNK]
        )
        if not chunk:
            return changed
        stale = [article for article in chunk if article.search_text != article.folded_text()]
        for article in stale:
            article.search_text = article.folded_text()
        Article.objects.bulk_update(stale, ["search_text"])
        changed += len(stale)
        last_pk = chunk[-1].pk
