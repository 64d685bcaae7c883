"""The editors' search by whole words, without diacritics: the folded words
of each comment (see comments/search.py). The index comes in 0009, in a
transaction of its own: PostgreSQL refuses to alter a table while deferred
constraint checks of rows written in the same transaction are pending."""

from django.db import migrations, models

from comments.search import folded

CHUNK = 500


def fold_comments(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    comments = Comment.objects.using(schema_editor.connection.alias)
    batch = []
    for comment in comments.only("name", "title", "content").iterator(chunk_size=CHUNK):
        comment.search_text = folded(comment.name, comment.title, comment.content)
        batch.append(comment)
        if len(batch) == CHUNK:
            comments.bulk_update(batch, ["search_text"])
            batch = []
    comments.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("comments", "0007_admin_list_indexes")]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fold_comments, migrations.RunPython.noop),
    ]
