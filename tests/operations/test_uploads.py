"""Uploads through the admin: checked by content, bounded in size and pixels, names made
harmless; a refused file leaves nothing behind."""

import os

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import Image

from resources.models import ResourceDocument, ResourceImage
from resources.privacy import pending_collection
from tests.conftest import minimal_pdf, png_bytes

pytestmark = pytest.mark.django_db


def stored_files():
    found = set()
    for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        for folder, _dirs, files in os.walk(root):
            found.update(os.path.join(folder, f) for f in files)
    return found


def upload_document(admin_client, name, content, content_type="application/pdf"):
    return admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Un document",
            "file": SimpleUploadedFile(name, content, content_type),
            "collection": pending_collection().pk,
        },
    )


def upload_image(admin_client, name, content):
    return admin_client.post(
        "/admin/images/add/",
        {
            "title": "Une image",
            "description": "Une image de test",
            "file": SimpleUploadedFile(name, content, "image/png"),
            "collection": pending_collection().pk,
        },
    )


BAD_DOCUMENTS = [
    (
        "page.pdf",
        b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        "ne contient pas un fichier PDF (contenu reconnu : HTML)",
    ),
    ("vide.pdf", b"", "est vide"),
    ("script.html", b"<html></html>", "extension « html » non acceptée"),
    ("image.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "extension « svg » non acceptée"),
    ("faux.docx", b"PK\x03\x04" + b"\x00" * 64, "ne contient pas un fichier Word"),
]


@pytest.mark.parametrize(
    ("name", "content", "message"), BAD_DOCUMENTS, ids=[n for n, *_r in BAD_DOCUMENTS]
)
def test_bad_document_is_refused_in_french_and_nothing_stored(admin_client, name, content, message):
    before = stored_files()
    response = upload_document(admin_client, name, content)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert message in errors, errors
    assert not ResourceDocument.objects.exists()
    assert stored_files() == before


def test_good_document_is_accepted(admin_client):
    response = upload_document(admin_client, "fiche.pdf", minimal_pdf("Bonjour"))
    assert response.status_code == 302
    assert ResourceDocument.objects.get().file_extension == "pdf"


def test_huge_image_is_refused_before_decoding(admin_client, tmp_path):
    path = tmp_path / "geante.png"
    Image.new("1", (20000, 20000)).save(path)  # 400 million pixels in a few kilobytes
    before = stored_files()
    response = upload_image(admin_client, "geante.png", path.read_bytes())
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert "trop grand" in errors or "trop grande" in errors, errors
    assert not ResourceImage.objects.exists()
    assert stored_files() == before


def test_image_whose_content_is_not_an_image_is_refused(admin_client):
    response = upload_image(admin_client, "photo.png", minimal_pdf())
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not ResourceImage.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "../../../etc/passwd.pdf",
        "fiche\u202etxt.exe.pdf",  # right-to-left override: would display as «fichefdp.exe.txt»
        "fiche\x00\x07\x1b[31m.pdf",
        "..\\..\\fiche.pdf",
    ],
)
def test_file_names_are_made_harmless(admin_client, name):
    response = upload_document(admin_client, name, minimal_pdf())
    if response.status_code != 302:  # refused outright is fine too
        assert not ResourceDocument.objects.exists()
        return
    stored = ResourceDocument.objects.get().file.name
    base = os.path.basename(stored)
    assert "/" not in base and "\\" not in base and ".." not in base
    assert all(ch.isprintable() for ch in stored)
    assert not any(0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069 for ch in stored)
    real = os.path.realpath(ResourceDocument.objects.get().file.path)
    assert real.startswith(
        (os.path.realpath(settings.MEDIA_ROOT), os.path.realpath(settings.PRIVATE_MEDIA_ROOT))
    )


def test_image_of_the_allowed_kinds(admin_client):
    assert upload_image(admin_client, "cagettes.png", png_bytes()).status_code == 302
