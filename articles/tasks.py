"""Background tasks of the articles app, run by the worker (`manage.py db_worker`)."""

from django_tasks import task

from . import images
from .models import Article


@task()
def make_image_renditions(article_id, image_name):
    """Make the renditions of an article's image, unless the article is gone
    or has another image by now (its own task makes those)."""
    if not Article.objects.filter(pk=article_id, image=image_name).exists():
        return {"made": 0, "reason": "the article or its image changed"}
    renditions = images.make_renditions(image_name)
    Article.objects.filter(pk=article_id, image=image_name).update(image_renditions=renditions)
    return {"made": len(renditions["sizes"])}
