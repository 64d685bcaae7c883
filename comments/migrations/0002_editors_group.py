from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Biên tập viên"
# Exactly what the editors' job needs: write articles, moderate comments.
# Nothing about users or groups.
PERMISSIONS = {
    "articles": ["add_article", "change_article", "delete_article", "view_article", "view_category"],
    "comments": ["view_comment", "change_comment", "view_commenter_contact"],
}


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after all migrations have run; make
    # sure the ones we grant exist now.
    for app_label in PERMISSIONS:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(schema_editor.connection.alias).get_or_create(name=GROUP_NAME)
    for app_label, codenames in PERMISSIONS.items():
        group.permissions.add(
            *Permission.objects.using(schema_editor.connection.alias).filter(content_type__app_label=app_label, codename__in=codenames)
        )


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.using(schema_editor.connection.alias).filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("comments", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
