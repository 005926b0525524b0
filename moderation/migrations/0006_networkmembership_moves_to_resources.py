"""NetworkMembership is the content's rule (who writes for which network): its model moves to
`resources` (resources 0006). Only the state changes here: the table stays where it is."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0005_contrib_proposal_typed"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="NetworkMembership")],
            database_operations=[],
        ),
    ]
