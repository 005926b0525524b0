"""Deleting a resource or a document is recoverable for 30 days, then purged."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from operations.models import BinEntry
from resources.models import ResourceDocument, ResourceDownload, ResourcePage
from search import backends
from tests.moderation.conftest import make_resource
from tests.sitedata import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_resource(commit, networks):
    document = make_document("Fiche à garder", "lombricompost", "garder.pdf")
    with commit():
        page = make_resource("Ressource à garder", network=networks[0], live=True)
        page.downloads = [ResourceDownload(document=document, sort_order=0)]
        page.save_revision().publish()
    return ResourcePage.objects.get(pk=page.pk), document


def test_deleting_a_resource_puts_it_in_the_bin(client, admin_client, live_resource, commit):
    page, document = live_resource
    url = page.url
    with commit():
        response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    assert response.status_code == 302
    page = ResourcePage.objects.get(pk=page.pk)  # still there
    assert not page.live
    assert page.get_parent().slug == "corbeille"
    assert client.get(url).status_code == 404
    assert client.get(document.url).status_code == 404  # its file went private
    assert page.pk not in backends.embedded_backend().indexed_versions()
    entry = BinEntry.objects.get()
    assert (entry.kind, entry.title) == ("page", "Ressource à garder")
    assert entry.deleted_by.username == "admin"


def test_moderator_restores_it_as_a_draft(admin_client, moderator, live_resource, client, commit):
    page, _document = live_resource
    index = page.get_parent()
    admin_client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    client.force_login(moderator)
    listing = client.get(reverse("operations_bin"))
    assert "Ressource à garder" in listing.content.decode()
    entry = BinEntry.objects.get()
    response = client.post(reverse("operations_bin_restore", args=[entry.pk]))
    assert response.status_code == 302
    page = ResourcePage.objects.get(pk=page.pk)
    assert page.get_parent().pk == index.pk
    assert not page.live  # back as a draft, to be reviewed and published again
    assert not BinEntry.objects.exists()


def test_contributor_cannot_see_or_use_the_bin(client, contributor, admin_client, live_resource):
    page, _document = live_resource
    admin_client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    entry = BinEntry.objects.get()
    client.force_login(contributor)
    assert client.get(reverse("operations_bin")).status_code in (302, 403)
    client.post(reverse("operations_bin_purge", args=[entry.pk]))
    assert BinEntry.objects.filter(pk=entry.pk).exists()


def test_deleting_a_document_puts_it_in_the_bin(admin_client, client, live_resource, commit):
    page, document = live_resource
    with commit():
        response = admin_client.post(reverse("wagtaildocs:delete", args=[document.pk]))
    assert response.status_code == 302
    document = ResourceDocument.objects.get(pk=document.pk)
    assert document.in_bin
    assert client.get(document.url).status_code == 404
    html = client.get(page.url).content.decode()
    assert "Fiche à garder" not in html  # no longer offered for download
    entry = BinEntry.objects.get()
    assert entry.kind == "document" and entry.deleted_by.username == "admin"
    # Republishing the page must not bring the deleted file back to the public.
    with commit():
        page.specific.save_revision().publish()
    assert ResourceDocument.objects.get(pk=document.pk).in_bin
    admin_client.post(reverse("operations_bin_restore", args=[entry.pk]))
    assert not ResourceDocument.objects.get(pk=document.pk).in_bin


def test_purge_after_thirty_days_only(admin_client, live_resource):
    page, document = live_resource
    admin_client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    document.delete()
    assert BinEntry.objects.count() == 2
    call_command("purge_bin", stdout=StringIO())
    assert BinEntry.objects.count() == 2  # not yet
    BinEntry.objects.update(deleted_at=timezone.now() - datetime.timedelta(days=31))
    out = StringIO()
    call_command("purge_bin", stdout=out)
    assert "2 élément(s) effacé(s)" in out.getvalue()
    assert not ResourcePage.objects.filter(pk=page.pk).exists()
    assert not ResourceDocument.objects.filter(pk=document.pk).exists()


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)"],
)
def test_bulk_delete_never_redirects_off_site(client, moderator, live_resource, commit, next_url):
    """A moderator who confirms a bulk delete with a hostile ?next= stays in the admin."""
    page, _document = live_resource
    client.force_login(moderator)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    with commit():
        response = client.post(f"{url}?id={page.pk}&next={next_url}")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert "evil" not in response["Location"] and "javascript" not in response["Location"]
    # The delete itself went to the bin as asked, nothing else.
    page = ResourcePage.objects.get(pk=page.pk)
    assert page.get_parent().slug == "corbeille"
    assert BinEntry.objects.count() == 1


def test_bulk_delete_keeps_a_next_on_the_site(client, moderator, live_resource, commit):
    page, _document = live_resource
    index = page.get_parent()
    client.force_login(moderator)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    target = reverse("wagtailadmin_explore", args=[index.pk])
    with commit():
        response = client.post(f"{url}?id={page.pk}&next={target}")
    assert response.status_code == 302
    assert response["Location"] == target
