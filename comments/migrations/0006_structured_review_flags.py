from django.db import migrations, models


def notes_to_flags(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    for comment in Comment.objects.using(schema_editor.connection.alias).exclude(review_notes="").iterator():
        comment.flags = [
            {"rule": "note", "match": "", "word": "", "places": [], "count": 0, "text": line}
            for line in comment.review_notes.splitlines()
            if line.strip()
        ]
        comment.save(update_fields=["flags"])


def flags_to_notes(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    for comment in Comment.objects.using(schema_editor.connection.alias).exclude(flags=[]).iterator():
        comment.review_notes = "\n".join(flag["text"] for flag in comment.flags)
        comment.save(update_fields=["review_notes"])


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0005_client_network_submission_key_rate_counts"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="flags",
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name="cần lưu ý"),
        ),
        migrations.RunPython(notes_to_flags, flags_to_notes),
        migrations.RemoveField(model_name="comment", name="review_notes"),
    ]
