"""Before the page field `download_count` is dropped, what it holds beyond the daily rows
becomes a daily row: no count is lost by moving them all to DownloadDay."""

import datetime

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

import pytest

from downloads.models import DownloadDay
from resources.models import GuidePage, ResourceIndexPage, Theme

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("downloads", "0001_initial"), ("resources", "0005_contrib_network_email")]
AFTER = [
    ("downloads", "0002_carry_page_counts_over"),
    ("resources", "0006_download_counts_only_in_download_days"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_counts_only_on_the_page_are_carried_over_to_a_daily_row():
    index = ResourceIndexPage.objects.get()
    theme = Theme.objects.first()
    pages = {}
    for slug in ("a-jour", "en-retard", "jamais"):
        page = GuidePage(title=slug, slug=slug, summary="Résumé.")
        index.add_child(instance=page)
        page.themes = [theme]
        page.save_revision().publish()
        pages[slug] = page
    DownloadDay.objects.create(resource=pages["a-jour"], day=datetime.date(2026, 3, 1), count=4)
    DownloadDay.objects.create(resource=pages["en-retard"], day=datetime.date(2026, 3, 1), count=2)
    try:
        old_apps = migrate(BEFORE)
        OldPage = old_apps.get_model("resources", "ResourcePage")
        OldPage.objects.filter(pk=pages["a-jour"].pk).update(download_count=4)
        OldPage.objects.filter(pk=pages["en-retard"].pk).update(download_count=7)
    finally:
        migrate(AFTER)

    totals = {slug: GuidePage.objects.get(pk=p.pk).download_total for slug, p in pages.items()}
    assert totals == {"a-jour": 4, "en-retard": 7, "jamais": 0}
    assert DownloadDay.objects.filter(resource=pages["a-jour"]).count() == 1  # nothing added
    carried = DownloadDay.objects.get(resource=pages["en-retard"], count=5)
    published = GuidePage.objects.get(pk=pages["en-retard"].pk).first_published_at
    assert carried.day == timezone.localdate(published)  # not before the page existed
