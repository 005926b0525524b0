"""Groups of everyday words the sheets write otherwise (issue 13, second pass): « chaleur »
and « canicule », « désaccord » and « conflit », « tarif » and « prix ». Added only where a
group with these terms is absent, so moderators' edits stay."""

from django.db import migrations

# Frozen copy of the groups added to search.synonyms.DEFAULT_GROUPS by this migration.
EVERYDAY_GROUPS = [
    ("canicule, chaleur, fortes chaleurs, vague de chaleur", "Les épisodes de chaleur"),
    ("conflit, désaccord, différend, litige", "Les tensions dans une AMAP"),
    ("prix, tarif", "Le prix du panier"),
]


def add_groups(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for terms, note in EVERYDAY_GROUPS:
        text = "\n".join(t.strip() for t in terms.split(","))
        if not SynonymGroup.objects.filter(terms=text).exists():
            SynonymGroup.objects.create(terms=text, note=note)


def remove_groups(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for terms, _note in EVERYDAY_GROUPS:
        text = "\n".join(t.strip() for t in terms.split(","))
        SynonymGroup.objects.filter(terms=text).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_quality_question_synonyms")]

    operations = [migrations.RunPython(add_groups, remove_groups)]
