"""Counts the page field `ResourcePage.download_count` holds beyond its daily rows become a
daily row, before resources 0006 drops the field: DownloadDay is then the only count."""

from django.db import migrations
from django.db.models import Sum
from django.utils import timezone


def carry_over(apps, schema_editor):
    ResourcePage = apps.get_model("resources", "ResourcePage")
    DownloadDay = apps.get_model("downloads", "DownloadDay")
    totals = dict(
        DownloadDay.objects.values_list("resource_id").annotate(n=Sum("count")).order_by()
    )
    pages = ResourcePage.objects.filter(download_count__gt=0).values_list(
        "pk", "download_count", "first_published_at"
    )
    for pk, on_page, first_published_at in pages.iterator():
        missing = on_page - totals.get(pk, 0)
        if missing <= 0:
            continue
        # The day they happened is unknown; they cannot predate the first publication.
        day = timezone.localdate(first_published_at) if first_published_at else timezone.localdate()
        row, _created = DownloadDay.objects.get_or_create(resource_id=pk, day=day)
        row.count += missing
        row.save(update_fields=["count"])


class Migration(migrations.Migration):
    dependencies = [
        ("downloads", "0001_initial"),
        ("resources", "0005_contrib_network_email"),
    ]

    operations = [migrations.RunPython(carry_over, migrations.RunPython.noop)]
