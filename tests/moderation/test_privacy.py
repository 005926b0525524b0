"""Files of a resource that is not published are not for the public: checked with real
requests through Django, and on disk (what a web server could hand out)."""

from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse

from wagtail.models import Collection

import pytest

from resources.models import ResourceDocument, ResourceDownload, ResourceImage
from resources.privacy import PENDING_COLLECTION_NAME
from tests.conftest import minimal_pdf, png_bytes

from .conftest import make_resource
from .test_workflow import CHECKED, act

pytestmark = pytest.mark.django_db


def under(path, root):
    return Path(path).resolve().is_relative_to(Path(root).resolve())


def new_document(name="fiche.pdf"):
    document = ResourceDocument(title="Fiche")
    document.file.save(name, ContentFile(minimal_pdf("Cagnotte")), save=False)
    document.save()
    return document


def new_image(name="couverture.png"):
    return ResourceImage.objects.create(
        title="Couverture", file=ImageFile(BytesIO(png_bytes()), name=name)
    )


def pending_with(document=None, image=None, network=None, title="Fiche en attente"):
    page = make_resource(title, network=network, cover_image=image)
    if document:
        page.downloads = [ResourceDownload(document=document, sort_order=0)]
        page.save_revision()
    return page


def test_new_files_start_private(db):
    document, image = new_document(), new_image()
    for item in (document, image):
        assert item.collection.name == PENDING_COLLECTION_NAME
        assert under(item.file.path, settings.PRIVATE_MEDIA_ROOT)
        assert not under(item.file.path, settings.MEDIA_ROOT)
    assert image.file.url.startswith("/fichiers-prives/")


def test_contributor_upload_through_the_admin_is_private(client, contributor):
    client.force_login(contributor)
    pending = Collection.objects.get(name=PENDING_COLLECTION_NAME)
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Photo de distribution",
            "description": "Des cagettes sous un préau",
            "file": ContentFile(png_bytes(), name="distribution.png"),
            "collection": pending.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = ResourceImage.objects.get(title="Photo de distribution")
    assert under(image.file.path, settings.PRIVATE_MEDIA_ROOT)
    rendition = image.get_rendition("max-165x165")
    assert rendition.url.startswith("/fichiers-prives/images/")
    assert under(rendition.file.path, settings.PRIVATE_MEDIA_ROOT)


def test_anonymous_visitor_cannot_download_a_pending_resources_file(client, contributor, networks):
    document, image = new_document(), new_image()
    page = pending_with(document, image, network=networks[0])  # the contributor's network
    page.save()  # the row and its downloads: what the reference index reads
    assert client.get(document.url).status_code == 404
    assert client.get(image.file.url).status_code == 404
    rendition = image.get_rendition("max-165x165")
    assert client.get(rendition.url).status_code == 404

    client.force_login(contributor)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    response = client.get(image.file.url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


def test_files_become_public_with_the_publication(client, contributor, moderator, networks, commit):
    document, image = new_document(), new_image()
    page = pending_with(document, image, network=networks[0])
    private_path = image.file.path
    page.get_workflow().start(page, contributor)
    with commit():
        act(client, moderator, page, "approve", {**CHECKED, "comment": ""})
    page.refresh_from_db()
    assert page.live
    document.refresh_from_db()
    image.refresh_from_db()
    assert under(document.file.path, settings.MEDIA_ROOT)
    assert under(image.file.path, settings.MEDIA_ROOT)
    assert image.file.url.startswith(settings.MEDIA_URL)
    assert not Path(private_path).exists(), "no copy left on the private side"

    client.logout()
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    html = client.get(page.url).content.decode()
    assert "/fichiers-prives/" not in html and settings.MEDIA_URL + "images/" in html


def test_unpublished_resource_files_go_private_again(client, moderator, commit):
    document, image = new_document(), new_image()
    page = pending_with(document, image)
    with commit():
        page.get_latest_revision().publish()
    document.refresh_from_db()
    assert client.get(document.url).status_code == 200

    client.force_login(moderator)
    with commit():
        response = client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert response.status_code == 302
    client.logout()
    document.refresh_from_db()
    image.refresh_from_db()
    assert client.get(document.url).status_code == 404
    assert under(document.file.path, settings.PRIVATE_MEDIA_ROOT)
    assert under(image.file.path, settings.PRIVATE_MEDIA_ROOT)
    assert client.get(image.file.url).status_code == 404


def test_a_file_another_published_resource_uses_stays_public(client, commit):
    document = new_document()
    first = pending_with(document, title="Première")
    second = pending_with(document, title="Seconde")
    with commit():
        first.get_latest_revision().publish()
        second.get_latest_revision().publish()
    with commit():
        first.refresh_from_db()
        first.unpublish()
    document.refresh_from_db()
    assert client.get(document.url).status_code == 200
    assert under(document.file.path, settings.MEDIA_ROOT)


def test_a_document_thumbnail_follows_its_document(commit):
    from downloads import thumbnails

    document = new_document()
    assert thumbnails.update_thumbnail(document) == "made"
    thumbnail = document.thumbnail
    assert under(thumbnail.file.path, settings.PRIVATE_MEDIA_ROOT)
    page = pending_with(document)
    with commit():
        page.get_latest_revision().publish()
    thumbnail.refresh_from_db()
    assert under(thumbnail.file.path, settings.MEDIA_ROOT)


def test_contributors_upload_only_into_the_pending_collection(client, contributor):
    client.force_login(contributor)
    root = Collection.get_first_root_node()
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Fiche publique en douce",
            "file": ContentFile(minimal_pdf(), name="fiche.pdf"),
            "collection": root.pk,
        },
    )
    assert response.status_code == 302
    document = ResourceDocument.objects.get(title="Fiche publique en douce")
    assert document.collection.name == PENDING_COLLECTION_NAME
    assert under(document.file.path, settings.PRIVATE_MEDIA_ROOT)
    client.logout()
    assert client.get(document.url).status_code == 404
