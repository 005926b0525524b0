"""Titles lose the characters that change how text reads without being seen (bidi controls,
zero-width spaces, control characters): images, documents, resources and proposals, through
one helper (resources.textformat.clean_title)."""

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from moderation.models import Proposal
from resources.models import GuidePage, ResourceDocument, ResourceImage, ResourcePage
from resources.privacy import pending_collection
from resources.textformat import clean_title
from tests.conftest import minimal_pdf, png_bytes, resource_line
from tests.moderation.test_proposals import form_data

pytestmark = pytest.mark.django_db

# (NUL is refused outright by the forms and the importer.)
HOSTILE = "Fiche\u202e fdp.exe\u202c \u2066paniers\u2069\u200b\tsolidaires\x07\u061c"
CLEAN = "Fiche fdp.exe paniers solidaires"


def test_the_helper():
    assert clean_title(HOSTILE + "\x00\x1b[31m") == CLEAN + " [31m"
    assert clean_title("Légumes\u200e\u200f\ufeff de saison\n") == "Légumes de saison"
    # Emoji sequences keep their joiner.
    farmer = "La ferme \U0001f468\u200d\U0001f33e"
    assert clean_title(farmer) == farmer


def test_proposal_title_is_cleaned(client):
    cache.clear()
    response = client.post("/proposer/", form_data(title=HOSTILE))
    assert response.status_code == 302
    assert Proposal.objects.get().page.title == CLEAN


def test_proposal_title_of_invisible_characters_only_is_refused(client):
    cache.clear()
    response = client.post("/proposer/", form_data(title="\u202e\u200b\u2066"))
    assert response.status_code == 200
    assert response.context["form"].errors["title"] == [
        "Le titre ne contient aucun caractère visible."
    ]
    assert not Proposal.objects.exists()
    assert not ResourcePage.objects.filter(live=False).exists()


def test_admin_document_and_image_titles_are_cleaned(admin_client):
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": HOSTILE,
            "file": SimpleUploadedFile("fiche.pdf", minimal_pdf(), "application/pdf"),
            "collection": pending_collection().pk,
        },
    )
    assert response.status_code == 302
    assert ResourceDocument.objects.get().title == CLEAN
    response = admin_client.post(
        "/admin/images/add/",
        {
            "title": HOSTILE,
            "description": "Une image de test",
            "file": SimpleUploadedFile("photo.png", png_bytes(), "image/png"),
            "collection": pending_collection().pk,
        },
    )
    assert response.status_code == 302
    assert ResourceImage.objects.get().title == CLEAN


def test_imported_resource_title_is_cleaned(import_file):
    run = import_file([resource_line(title=HOSTILE)])
    assert run.exit_code == 0, run.stderr
    assert GuidePage.objects.get().title == CLEAN
