"""Groups that bridge how visitors ask (« lancer », « combien gagne », « qui arrive ») and
how the sheets are written (issue 13). Added only where a group with these terms is absent,
so moderators' edits stay."""

from django.db import migrations

# Frozen copy of the groups added to search.synonyms.DEFAULT_GROUPS by this migration.
QUESTION_GROUPS = [
    ("créer, lancer, monter, démarrer, fonder", "Commencer une AMAP"),
    ("récolte, culture, production", "Ce que la ferme produit"),
    ("revenu, gagner, rémunération, salaire", "Ce que gagnent les paysan·nes"),
    (
        "nouvel adhérent, nouveaux adhérents, nouveau venu, arrivant, arriver, débutant",
        "Les personnes qui rejoignent une AMAP",
    ),
    ("papiers, documents, formulaire", "Les documents à remettre"),
    ("pauvre, précarité, précaire, modeste, faibles revenus", "Les foyers aux petits moyens"),
]


def add_groups(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for terms, note in QUESTION_GROUPS:
        text = "\n".join(t.strip() for t in terms.split(","))
        if not SynonymGroup.objects.filter(terms=text).exists():
            SynonymGroup.objects.create(terms=text, note=note)


def remove_groups(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for terms, _note in QUESTION_GROUPS:
        text = "\n".join(t.strip() for t in terms.split(","))
        SynonymGroup.objects.filter(terms=text).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0003_sec_500s_scrub_stored_queries")]

    operations = [migrations.RunPython(add_groups, remove_groups)]
