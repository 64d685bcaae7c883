from django.db import migrations

# The main menu of the original portal, in its order. Slugs follow the
# original URLs ("chidaodieuhanh").
SECTIONS = [
    ("Tin tức - Sự kiện", "tintucsukien"),
    ("Chỉ đạo điều hành", "chidaodieuhanh"),
    ("Văn bản pháp quy", "vanbanphapquy"),
    ("Thủ tục hành chính", "thutuchanhchinh"),
    ("Hỏi đáp", "hoidap"),
]


def create_sections(apps, schema_editor):
    Category = apps.get_model("articles", "Category")
    for order, (name, slug) in enumerate(SECTIONS, start=1):
        Category.objects.using(schema_editor.connection.alias).get_or_create(slug=slug, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(create_sections, migrations.RunPython.noop)]
