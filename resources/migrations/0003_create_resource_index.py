from django.db import migrations


def create_resource_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    HomePage = apps.get_model("home.HomePage")
    ResourceIndexPage = apps.get_model("resources.ResourceIndexPage")

    if ResourceIndexPage.objects.exists():
        return
    home = HomePage.objects.filter(depth=2).first()
    if home is None or home.numchild:
        # Not a fresh tree: leave it to `load_demo` or to the editors.
        return
    index_type, _ = ContentType.objects.get_or_create(
        model="resourceindexpage", app_label="resources"
    )
    ResourceIndexPage.objects.create(
        title="Ressources",
        draft_title="Ressources",
        slug="ressources",
        content_type=index_type,
        path=home.path + "0001",
        depth=home.depth + 1,
        numchild=0,
        url_path=home.url_path + "ressources/",
        locale_id=home.locale_id,
        intro="<p>Toutes les ressources de la bibliothèque, des plus récentes aux plus "
        "anciennes.</p>",
    )
    home.numchild = 1
    home.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0002_vocabulary"),
        ("home", "0002_create_homepage"),
    ]

    operations = [migrations.RunPython(create_resource_index, migrations.RunPython.noop)]
