from django.db import migrations

from portal.text import fold


def refold(apps, schema_editor):
    """Search text folded the way portal/text.py now folds (invisible
    characters and compatibility forms too); what `rebuild_search` does."""
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.using(schema_editor.connection.alias).only("title", "lead", "body", "search_text").iterator():
        folded = fold(" ".join([article.title, article.lead, article.body]))
        if folded != article.search_text:
            article.search_text = folded
            article.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_portal_sections")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop)]
