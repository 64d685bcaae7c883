"""The search index over the folded words, made by the database itself
(comments/search.py)."""

from django.db import migrations

from comments.search import create_index, drop_index


def create(apps, schema_editor):
    create_index(schema_editor.connection)


def drop(apps, schema_editor):
    drop_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("comments", "0008_search_text")]

    operations = [migrations.RunPython(create, drop)]
