"""The movement's synonyms shipped with the project; moderators edit them afterwards."""

from django.db import migrations

from search.synonyms import DEFAULT_GROUPS


def load_synonyms(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    if SynonymGroup.objects.exists():
        return
    SynonymGroup.objects.bulk_create(
        SynonymGroup(terms="\n".join(t.strip() for t in terms.split(",")), note=note)
        for terms, note in DEFAULT_GROUPS
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(load_synonyms, migrations.RunPython.noop)]
