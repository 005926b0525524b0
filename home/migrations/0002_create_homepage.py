from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    if HomePage.objects.exists():
        return
    # Replace the "Welcome to Wagtail" page that wagtailcore's own migration creates.
    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()

    root = Page.objects.get(depth=1)
    homepage_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    homepage = HomePage.objects.create(
        title="AMAP'artage",
        draft_title="AMAP'artage",
        seo_title="AMAP'artage, les ressources du mouvement des AMAP",
        slug="accueil",
        content_type=homepage_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/accueil/",
        locale_id=root.locale_id,
        intro=(
            "<p>Fiches expérience, guides, formations, bandes dessinées : les ressources "
            "partagées par les réseaux d'AMAP, relues par un comité de lecture et libres "
            "de réutilisation.</p>"
        ),
    )
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", root_page=homepage, is_default_site=True, site_name="AMAP'artage"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
