"""Search by whole words, ranked: folded title, lead and body in their own
columns (see articles/search_index.py). The index comes in 0007, in a
transaction of its own: PostgreSQL refuses to alter a table while deferred
constraint checks of rows written in the same transaction are pending."""

from django.db import migrations, models

from articles.models import fold_for_search

TEXTS = {"title": "search_title", "lead": "search_lead", "body": "search_body"}


def fold_columns(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    articles = Article.objects.using(schema_editor.connection.alias)
    batch = []
    for article in articles.only(*TEXTS).iterator(chunk_size=500):
        for name, column in TEXTS.items():
            setattr(article, column, fold_for_search(getattr(article, name)))
        batch.append(article)
        if len(batch) == 500:
            articles.bulk_update(batch, list(TEXTS.values()))
            batch = []
    articles.bulk_update(batch, list(TEXTS.values()))


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_admin_list_indexes")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_title",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="search_lead",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="search_body",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fold_columns, migrations.RunPython.noop),
    ]
