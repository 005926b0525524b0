"""The default vocabulary of the movement (../shared/vocabulary.json), frozen here.

A test checks that these lists still match the shared contract.
"""

from django.db import migrations

THEMES = [
    ("accessibilite-alimentaire", "Accessibilité alimentaire"),
    ("installation-transmission", "Installation et transmission"),
    ("cagnottes-solidaires", "Cagnottes et fonds solidaires"),
    ("aleas-de-production", "Solidarité face aux aléas de production"),
    ("creation-amap", "Créer une AMAP"),
    ("reseaux-amap", "Créer et animer un réseau d'AMAP"),
    ("accompagnement-paysans", "Accompagnement des paysan·nes en AMAP"),
    ("territoires", "Place des AMAP dans les territoires"),
    ("charte-ethique", "Charte des AMAP et éthique"),
    ("numerique-rgpd", "Numérique et RGPD"),
    ("education-populaire", "Sensibilisation et éducation populaire"),
    ("economie-fiscalite", "Modèle économique et fiscalité"),
    ("vie-associative", "Vie associative et gouvernance"),
    ("gestion-de-crise", "Gestion de crise"),
]

AUDIENCES = [
    ("amapiens", "Amapien·nes"),
    ("paysans", "Paysan·nes en AMAP"),
    ("porteurs-de-projet", "Porteur·ses de projet agricole"),
    ("reseaux", "Salarié·es et bénévoles de réseaux"),
    ("formateurs", "Formateur·rices et animateur·rices"),
    ("scolaires", "Scolaires et étudiant·es"),
    ("collectivites", "Élu·es et collectivités"),
    ("grand-public", "Grand public"),
]

LICENCES = [
    (
        "CC-BY-4.0",
        "Creative Commons Attribution 4.0",
        "https://creativecommons.org/licenses/by/4.0/deed.fr",
        True,
    ),
    (
        "CC-BY-SA-4.0",
        "Creative Commons Attribution - Partage dans les mêmes conditions 4.0",
        "https://creativecommons.org/licenses/by-sa/4.0/deed.fr",
        True,
    ),
    (
        "CC-BY-NC-SA-4.0",
        "Creative Commons Attribution - Pas d'utilisation commerciale - Partage dans les mêmes "
        "conditions 4.0",
        "https://creativecommons.org/licenses/by-nc-sa/4.0/deed.fr",
        False,
    ),
    (
        "CC-BY-NC-ND-4.0",
        "Creative Commons Attribution - Pas d'utilisation commerciale - Pas de modification 4.0",
        "https://creativecommons.org/licenses/by-nc-nd/4.0/deed.fr",
        False,
    ),
    ("all-rights-reserved", "Tous droits réservés", "", False),
]


def load_vocabulary(apps, schema_editor):
    Theme = apps.get_model("resources", "Theme")
    Audience = apps.get_model("resources", "Audience")
    Licence = apps.get_model("resources", "Licence")
    for order, (slug, name) in enumerate(THEMES):
        Theme.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    for order, (slug, name) in enumerate(AUDIENCES):
        Audience.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    for order, (slug, name, url, is_free) in enumerate(LICENCES):
        Licence.objects.update_or_create(
            slug=slug, defaults={"name": name, "url": url, "is_free": is_free, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [migrations.RunPython(load_vocabulary, migrations.RunPython.noop)]
