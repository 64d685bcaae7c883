from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Biên tập viên"
CODENAMES = ["add_filterword", "change_filterword", "delete_filterword", "view_filterword"]


def grant_word_lists(apps, schema_editor):
    app_config = apps.get_app_config("comments")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, using=schema_editor.connection.alias)
    app_config.models_module = None
    group = apps.get_model("auth", "Group").objects.using(schema_editor.connection.alias).filter(name=GROUP_NAME).first()
    if group is not None:
        Permission = apps.get_model("auth", "Permission")
        group.permissions.add(
            *Permission.objects.using(schema_editor.connection.alias).filter(content_type__app_label="comments", codename__in=CODENAMES)
        )


def revoke_word_lists(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.using(schema_editor.connection.alias).filter(name=GROUP_NAME).first()
    if group is not None:
        group.permissions.remove(*group.permissions.filter(codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [("comments", "0003_word_lists_and_review_notes")]

    operations = [migrations.RunPython(grant_word_lists, revoke_word_lists)]
