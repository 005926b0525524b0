"""Images and documents follow the network rule of the resources that use them
(moderation.media_permissions): checked on every admin path with real requests, real files on
disk and the database; a refusal changes nothing (title, bytes, row, bin)."""

from io import BytesIO
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils.http import urlencode

from wagtail.models import Collection

import pytest

from operations.models import BinEntry
from resources.models import ResourceDocument, ResourceDownload, ResourceImage
from resources.privacy import PENDING_COLLECTION_NAME
from tests.conftest import minimal_pdf, png_bytes

from .conftest import make_resource

pytestmark = pytest.mark.django_db


def refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to its home and a French
    message, or a 403 for its AJAX views."""
    if response.status_code == 302 and response.url == reverse("wagtailadmin_home"):
        return True
    return response.status_code in (403, 404)


def new_image(title, uploader=None, color=(40, 120, 60)):
    return ResourceImage.objects.create(
        title=title,
        uploaded_by_user=uploader,
        file=ImageFile(BytesIO(png_bytes(color=color)), name="couverture.png"),
    )


def new_document(title, uploader=None, text="Cagnotte"):
    document = ResourceDocument(title=title, uploaded_by_user=uploader)
    document.file.save("fiche.pdf", ContentFile(minimal_pdf(text)), save=False)
    document.save()
    return document


def pending_resource(title, network, image=None, document=None):
    page = make_resource(title, network=network, cover_image=image)
    if document is not None:
        page.downloads = [ResourceDownload(document=document, sort_order=0)]
        page.save()  # the row and its children: what the reference index reads
        page.save_revision()
    return page


@pytest.fixture
def files(networks, contributor, other_contributor):
    """Network A's (the contributor's) and network B's pending comic cover and PDF; B's PDF
    came from an anonymous proposal naming B."""
    own_image = new_image("Couverture A", uploader=contributor)
    own_document = new_document("Livret A", uploader=contributor)
    pending_resource("BD de A", networks[0], own_image, own_document)
    foreign_image = new_image("Couverture B", uploader=other_contributor, color=(200, 10, 10))
    foreign_document = new_document("Livret B", uploader=None, text="Proposition anonyme")
    pending_resource("BD de B", networks[1], foreign_image, foreign_document)
    return {
        "own_image": own_image,
        "own_document": own_document,
        "foreign_image": foreign_image,
        "foreign_document": foreign_document,
    }


def snapshot(item):
    item = type(item).objects.get(pk=item.pk)
    with item.file.open("rb") as f:
        content = f.read()
    return (item.title, item.file.name, content, item.collection_id)


def image_form(image, title):
    return {
        "title": title,
        "description": "Une couverture de bande dessinée",
        "collection": image.collection_id,
        "credit": "",
        "tags": "",
    }


def document_form(document, title, replace=False):
    data = {"title": title, "collection": document.collection_id, "tags": ""}
    if replace:
        data["file"] = ContentFile(minimal_pdf("Autres octets"), name="remplace.pdf")
    return data


# -- each admin path: contributor of A refused on B's files, nothing changed -----------------


def test_contributor_cannot_rename_another_networks_image(client, contributor, files):
    image = files["foreign_image"]
    before = snapshot(image)
    client.force_login(contributor)
    assert refused(client.get(reverse("wagtailimages:edit", args=[image.pk])))
    response = client.post(
        reverse("wagtailimages:edit", args=[image.pk]), image_form(image, "Volée"), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert "vous n&#x27;avez pas les autorisations" in response.content.decode()
    assert snapshot(image) == before


def test_contributor_cannot_delete_another_networks_image(client, contributor, files):
    image = files["foreign_image"]
    before = snapshot(image)
    client.force_login(contributor)
    response = client.post(reverse("wagtailimages:delete", args=[image.pk]))
    assert refused(response)
    assert snapshot(image) == before
    assert not BinEntry.objects.exists()


def test_contributor_cannot_replace_another_networks_document(client, contributor, files):
    document = files["foreign_document"]
    before = snapshot(document)
    client.force_login(contributor)
    response = client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        document_form(document, "Remplacé", replace=True),
    )
    assert refused(response)
    assert snapshot(document) == before
    assert ResourceDocument.objects.get(pk=document.pk).file_hash == document.file_hash


def test_contributor_cannot_bin_another_networks_document(client, contributor, files):
    document = files["foreign_document"]
    before = snapshot(document)
    client.force_login(contributor)
    response = client.post(reverse("wagtaildocs:delete", args=[document.pk]))
    assert refused(response)
    assert snapshot(document) == before
    assert not BinEntry.objects.exists()


def test_multiple_upload_edit_and_delete_are_refused(client, contributor, files):
    image, document = files["foreign_image"], files["foreign_document"]
    before = snapshot(image), snapshot(document)
    client.force_login(contributor)
    ajax = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
    response = client.post(
        reverse("wagtailimages:edit_multiple", args=[image.pk]),
        {f"image-{image.pk}-{k}": v for k, v in image_form(image, "Volée").items()},
        **ajax,
    )
    assert refused(response)
    response = client.post(reverse("wagtailimages:delete_multiple", args=[image.pk]), **ajax)
    assert refused(response)
    response = client.post(
        reverse("wagtaildocs:edit_multiple", args=[document.pk]),
        {f"doc-{document.pk}-{k}": v for k, v in document_form(document, "Volé").items()},
        **ajax,
    )
    assert refused(response)
    response = client.post(reverse("wagtaildocs:delete_multiple", args=[document.pk]), **ajax)
    assert refused(response)
    assert (snapshot(image), snapshot(document)) == before
    assert not BinEntry.objects.exists()


@pytest.mark.parametrize("model,key", [
    ("resourceimage", "image"),
    ("resourcedocument", "document"),
])  # fmt: skip
def test_bulk_delete_of_another_networks_file_is_refused(client, contributor, files, model, key):
    foreign, own = files[f"foreign_{key}"], files[f"own_{key}"]
    before = snapshot(foreign)
    client.force_login(contributor)
    url = reverse("wagtail_bulk_action", args=["resources", model, "delete"])
    response = client.post(url + "?" + urlencode({"id": foreign.pk}), {})
    assert response.status_code in (200, 302)
    assert snapshot(foreign) == before
    assert not BinEntry.objects.exists()
    # The same action on the contributor's own network's file goes through (to the bin).
    response = client.post(url + "?" + urlencode({"id": own.pk}), {})
    assert response.status_code == 302
    assert BinEntry.objects.get().object_id == own.pk
    assert type(own).objects.get(pk=own.pk).in_bin
    assert snapshot(foreign) == before


@pytest.mark.parametrize("endpoint,key", [("images", "image"), ("documents", "document")])
def test_admin_api_alters_no_file(client, contributor, files, endpoint, key):
    """The admin API only reads: no method of it changes or deletes another network's file."""
    item = files[f"foreign_{key}"]
    before = snapshot(item)
    client.force_login(contributor)
    url = f"/admin/api/main/{endpoint}/{item.pk}/"
    assert client.get(url).status_code == 200  # the route exists
    for method in (client.delete, client.put, client.patch, client.post):
        response = method(url, data='{"title": "Volé"}', content_type="application/json")
        assert response.status_code in (403, 404, 405), method
    assert snapshot(item) == before
    assert not BinEntry.objects.exists()


def test_other_networks_files_leave_the_contributors_listings(client, contributor, files):
    client.force_login(contributor)
    html = client.get(reverse("wagtailimages:index")).content.decode()
    assert "Couverture A" in html and "Couverture B" not in html
    html = client.get(reverse("wagtaildocs:index")).content.decode()
    assert "Livret A" in html and "Livret B" not in html


# -- what stays allowed ----------------------------------------------------------------------


def test_contributor_edits_replaces_and_deletes_own_networks_files(client, contributor, files):
    image, document = files["own_image"], files["own_document"]
    client.force_login(contributor)
    response = client.post(
        reverse("wagtailimages:edit", args=[image.pk]), image_form(image, "Couverture A bis")
    )
    assert response.status_code == 302 and not refused(response)
    assert ResourceImage.objects.get(pk=image.pk).title == "Couverture A bis"
    response = client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        document_form(document, "Livret A bis", replace=True),
    )
    assert response.status_code == 302 and not refused(response)
    document.refresh_from_db()
    assert document.title == "Livret A bis"
    with document.file.open("rb") as f:
        assert b"Autres octets" in f.read()
    response = client.post(reverse("wagtailimages:delete", args=[image.pk]))
    assert response.status_code == 302 and not refused(response)
    assert ResourceImage.objects.get(pk=image.pk).in_bin


def test_anonymous_proposals_file_belongs_to_the_named_network(client, other_contributor, files):
    document = files["foreign_document"]
    client.force_login(other_contributor)
    response = client.post(
        reverse("wagtaildocs:edit", args=[document.pk]), document_form(document, "Livret B bis")
    )
    assert response.status_code == 302 and not refused(response)
    assert ResourceDocument.objects.get(pk=document.pk).title == "Livret B bis"


def test_unused_file_belongs_to_its_uploaders_network_anonymous_one_to_moderators(
    client, contributor, other_contributor
):
    mine = new_image("Pas encore utilisée", uploader=contributor)
    orphan = new_document("Sans auteur ni ressource", uploader=None)
    before = snapshot(orphan)
    client.force_login(other_contributor)
    assert refused(client.post(reverse("wagtailimages:delete", args=[mine.pk])))
    assert refused(client.post(reverse("wagtaildocs:delete", args=[orphan.pk])))
    client.force_login(contributor)
    assert refused(client.post(reverse("wagtaildocs:delete", args=[orphan.pk])))
    assert snapshot(orphan) == before
    response = client.post(reverse("wagtailimages:delete", args=[mine.pk]))
    assert response.status_code == 302 and not refused(response)
    assert ResourceImage.objects.get(pk=mine.pk).in_bin


def test_moderator_alters_every_networks_files(client, moderator, files):
    client.force_login(moderator)
    for key in ("own_image", "foreign_image"):
        image = files[key]
        response = client.post(
            reverse("wagtailimages:edit", args=[image.pk]), image_form(image, f"{key} relu")
        )
        assert response.status_code == 302 and not refused(response), key
        assert ResourceImage.objects.get(pk=image.pk).title == f"{key} relu"
    for key in ("own_document", "foreign_document"):
        document = files[key]
        response = client.post(
            reverse("wagtaildocs:edit", args=[document.pk]),
            document_form(document, f"{key} relu", replace=True),
        )
        assert response.status_code == 302 and not refused(response), key
        assert ResourceDocument.objects.get(pk=document.pk).title == f"{key} relu"


def test_contributor_may_still_choose_any_published_image(
    client, contributor, moderator, networks, commit
):
    image = new_image("Photo publiée de B", uploader=moderator)
    with commit():
        make_resource("Fiche publiée de B", network=networks[1], live=True, cover_image=image)
    image.refresh_from_db()
    assert image.collection.name != PENDING_COLLECTION_NAME
    client.force_login(contributor)
    html = client.get(reverse("wagtailimages_chooser:choose")).json()["html"]
    assert "Photo publiée de B" in html
    response = client.get(reverse("wagtailimages_chooser:chosen", args=[image.pk]))
    assert response.status_code == 200
    # ... but may not alter it.
    assert refused(client.post(reverse("wagtailimages:delete", args=[image.pk])))
    assert ResourceImage.objects.filter(pk=image.pk, collection=image.collection).exists()


def test_private_files_are_chosen_and_downloaded_only_by_those_who_may_see_them(
    client, contributor, moderator, files
):
    """A file not yet published (another network's draft, a volunteer's proposal nobody has
    read) stays out of a contributor's choosers and downloads; their own network's files,
    what they uploaded, and published files stay choosable."""
    proposal = new_document("Proposition pas encore lue", uploader=None, text="Bénévole")
    client.force_login(contributor)
    html = client.get(reverse("wagtaildocs_chooser:choose")).json()["html"]
    assert "Livret A" in html
    assert "Livret B" not in html and "Proposition pas encore lue" not in html
    html = client.get(reverse("wagtaildocs_chooser:choose"), {"q": "Proposition"}).json()["html"]
    assert "Proposition pas encore lue" not in html
    images = client.get(reverse("wagtailimages_chooser:choose")).json()["html"]
    assert "Couverture A" in images and "Couverture B" not in images
    for document in (proposal, files["foreign_document"]):
        assert client.get(document.url).status_code == 404
        assert refused(client.get(reverse("wagtaildocs_chooser:chosen", args=[document.pk])))
    assert client.get(files["own_document"].url).status_code == 200
    # The committee sees them all.
    client.force_login(moderator)
    html = client.get(reverse("wagtaildocs_chooser:choose")).json()["html"]
    assert "Livret B" in html and "Proposition pas encore lue" in html
    assert client.get(proposal.url).status_code == 200


# -- deleting an image goes to the bin -------------------------------------------------------


def test_deleting_an_image_puts_it_in_the_bin_and_it_can_be_restored(
    client, moderator, admin_user, files
):
    image = files["foreign_image"]
    collection = image.collection_id
    content = snapshot(image)[2]
    client.force_login(moderator)
    response = client.post(reverse("wagtailimages:delete", args=[image.pk]))
    assert response.status_code == 302 and not refused(response)
    image = ResourceImage.objects.get(pk=image.pk)
    assert image.in_bin
    entry = BinEntry.objects.get()
    assert entry.kind == BinEntry.IMAGE and entry.deleted_by == moderator
    assert client.get(image.file.url).status_code == 200  # editors still see it
    client.logout()
    assert client.get(image.file.url).status_code == 404

    client.force_login(admin_user)
    response = client.post(reverse("operations_bin_restore", args=[entry.pk]))
    assert response.status_code == 302
    image = ResourceImage.objects.get(pk=image.pk)
    assert not image.in_bin and image.collection_id == collection
    assert snapshot(image)[2] == content
    assert not BinEntry.objects.exists()


def test_an_image_deleted_for_good_from_the_bin(client, admin_user, files, commit):
    image = files["own_image"]
    image.delete()
    entry = BinEntry.objects.get(kind=BinEntry.IMAGE)
    path = Path(ResourceImage.objects.get(pk=image.pk).file.path)
    assert path.exists()
    client.force_login(admin_user)
    with commit():  # Wagtail deletes the file once the deletion is committed
        client.post(reverse("operations_bin_purge", args=[entry.pk]))
    assert not ResourceImage.objects.filter(pk=image.pk).exists()
    assert not path.exists()


def test_pending_collection_is_what_contributors_upload_into(files):
    # Guards the fixture: the files compared above really sit where contributors may act.
    pending = Collection.objects.get(name=PENDING_COLLECTION_NAME)
    assert {files[k].collection_id for k in files} == {pending.pk}
