"""The search index over the folded columns, made by the database itself
(articles/search_index.py), and the old single folded column gone."""

from django.db import migrations

from articles.search_index import create_index, drop_index


def create(apps, schema_editor):
    create_index(schema_editor.connection)


def drop(apps, schema_editor):
    drop_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_search_columns")]

    operations = [
        migrations.RemoveField(model_name="article", name="search_text"),
        # Last: on SQLite the operations above may remake the table, which
        # would drop the triggers.
        migrations.RunPython(create, drop),
    ]
