"""Copying a resource in the admin: the copy is a new resource, so what identifies the
original or was earned by it (import key, download count, the committee's review) stays with
the original. Copying an imported resource used to be a 500 (unique `source_id`)."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from downloads.models import DownloadDay
from resources.models import GuidePage, ResourceIndexPage, ResourcePage

from .conftest import make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(networks):
    page = make_resource("Fiche importée", live=True, source_id="ancien-amapartage-42")
    reviewed = timezone.now() - datetime.timedelta(days=30)
    ResourcePage.objects.filter(pk=page.pk).update(
        last_reviewed_at=reviewed, review_date=datetime.date(2027, 1, 1)
    )
    DownloadDay.objects.create(resource=page, day=datetime.date(2026, 11, 1), count=17)
    page.refresh_from_db()
    return page


def copy(client, page, slug, publish=False):
    data = {
        "new_title": f"Copie de {page.title}",
        "new_slug": slug,
        "new_parent_page": ResourceIndexPage.objects.get().pk,
    }
    if publish:
        data["publish_copies"] = "on"
    return client.post(reverse("wagtailadmin_pages:copy", args=[page.pk]), data)


def state(page):
    page = GuidePage.objects.get(pk=page.pk)
    return (
        page.title,
        page.slug,
        page.source_id,
        page.download_total,
        page.last_reviewed_at,
        page.review_date,
        page.live,
        list(DownloadDay.objects.filter(resource=page).values_list("day", "count")),
    )


def test_moderator_copies_an_imported_resource(client, moderator, admin_user, imported):
    before = state(imported)
    client.force_login(moderator)

    response = copy(client, imported, "fiche-importee-copie")
    assert response.status_code == 302, response.content.decode()[:2000]
    # Publishing a copy skips the committee's review: administrators only (issue 12).
    client.force_login(admin_user)
    response = copy(client, imported, "fiche-importee-copie-2", publish=True)
    assert response.status_code == 302, response.content.decode()[:2000]

    first = GuidePage.objects.get(slug="fiche-importee-copie")
    second = GuidePage.objects.get(slug="fiche-importee-copie-2")
    for page in (first, second):
        assert page.pk != imported.pk
        assert page.source_id is None
        assert page.download_total == 0
        assert page.last_reviewed_at is None
        assert not DownloadDay.objects.filter(resource=page).exists()
        # The copy's revisions carry none of it either: publishing one cannot bring it back.
        content = page.get_latest_revision().content
        assert content["source_id"] is None and "download_count" not in content
        assert content["last_reviewed_at"] is None
        assert list(page.themes.all()) == list(imported.themes.all())
    assert not first.live and first.review_date is None
    # Published copy: live, without the original's review date.
    assert second.live and second.review_date != imported.review_date

    assert state(imported) == before
    assert GuidePage.objects.filter(source_id="ancien-amapartage-42").get().pk == imported.pk
