"""The admin surfaces Wagtail's security advisories of recent years were about, for our
roles: bulk actions, choosers, image and document views, the admin API. A contributor reads
every network's resources but changes only their own network's."""

from django.urls import reverse

import pytest

from resources.models import ResourcePage

from .conftest import make_resource
from .test_permissions import login, refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign(networks):
    return make_resource("Fiche bretonne", network=networks[1], live=True)


@pytest.fixture
def foreign_draft(networks):
    return make_resource("Brouillon breton", network=networks[1], live=False)


def bulk_url(action, page):
    return (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
        + f"?id={page.pk}&next=/admin/"
    )


@pytest.mark.parametrize("action", ["delete", "unpublish", "publish"])
def test_contributor_bulk_action_on_another_network_changes_nothing(
    client, contributor, foreign, foreign_draft, action
):
    login(client, contributor)
    target = foreign_draft if action == "publish" else foreign
    response = client.post(bulk_url(action, target), {"include_descendants": ""})
    target_after = ResourcePage.objects.filter(pk=target.pk).first()
    assert target_after is not None, "not deleted"
    assert target_after.live == target.live, "publication state unchanged"
    # Wagtail answers with the list of pages the user may not act on, or refuses outright.
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        html = response.content.decode()
        assert "Brouillon breton" in html or "Fiche bretonne" in html


def test_contributor_bulk_move_of_another_network_is_refused(client, contributor, foreign):
    login(client, contributor)
    parent = foreign.get_parent()
    response = client.post(bulk_url("move", foreign), {"chooser": parent.pk})
    foreign.refresh_from_db()
    assert foreign.get_parent().pk == parent.pk
    assert response.status_code in (200, 302)


def test_page_chooser_shows_but_the_explorer_does_not_offer_edit(client, contributor, foreign):
    login(client, contributor)
    response = client.get(reverse("wagtailadmin_choose_page"))
    assert response.status_code == 200
    # Reading other networks is allowed; editing is not offered in the explorer listing.
    listing = client.get(reverse("wagtailadmin_explore", args=[foreign.get_parent().pk]))
    html = listing.content.decode()
    assert "Fiche bretonne" in html
    assert reverse("wagtailadmin_pages:edit", args=[foreign.pk]) not in html


def test_admin_api_needs_admin_access(client, foreign_draft):
    # Anonymous visitors get nothing from the admin API, not even titles of drafts.
    response = client.get("/admin/api/main/pages/")
    assert response.status_code in (302, 403)
    assert b"Brouillon breton" not in response.content


def test_private_document_preview_needs_admin_access(client, contributor, networks, commit):
    from django.core.files.base import ContentFile

    from resources.models import ResourceDocument
    from tests.conftest import minimal_pdf

    document = ResourceDocument(title="Pièce en relecture", uploaded_by_user=contributor)
    document.file.save("relecture.pdf", ContentFile(minimal_pdf("en relecture")), save=False)
    document.save()
    url = document.url
    assert client.get(url).status_code == 404  # anonymous: as if it did not exist
    login(client, contributor)
    assert client.get(url).status_code == 200
    # A file nobody of the contributor's networks uploaded or uses (a volunteer's proposal)
    # is the committee's until published.
    orphan = ResourceDocument(title="Proposition")
    orphan.file.save("proposition.pdf", ContentFile(minimal_pdf("bénévole")), save=False)
    orphan.save()
    assert client.get(orphan.url).status_code == 404


def test_contributor_cannot_delete_an_image_of_a_published_resource(
    client, contributor, moderator, networks, commit
):
    from wagtail.images.tests.utils import get_test_image_file

    from resources.models import ResourceImage

    image = ResourceImage.objects.create(
        title="Photo de la ferme", uploaded_by_user=moderator, file=get_test_image_file()
    )
    with commit():  # publishing makes the files it uses public
        make_resource("Fiche illustrée", network=networks[1], live=True, cover_image=image)
    image.refresh_from_db()
    assert image.collection.name != "Fichiers en relecture"
    login(client, contributor)
    response = client.post(reverse("wagtailimages:delete", args=[image.pk]))
    assert ResourceImage.objects.filter(pk=image.pk).exists()
    assert refused(response) or response.status_code == 404
