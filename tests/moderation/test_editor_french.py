"""Issue 12: the editor reads as a French tool for network staff, fetched as they see it."""

import re

from django.urls import reverse

from wagtail.models import Page

import pytest

from resources.models import RESOURCE_PAGE_CLASSES, GuidePage, Licence, ResourceIndexPage
from resources.models.pages import DEFAULT_LICENCE

from .test_permissions import guide_data

pytestmark = pytest.mark.django_db


def add_url():
    index = ResourceIndexPage.objects.get()
    return reverse("wagtailadmin_pages:add", args=["resources", "guidepage", index.pk])


def html_of(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_resource_form_labels_and_required_fields_on_the_first_tab(client, contributor):
    html = html_of(client, contributor, add_url())
    assert "Ajouter un document à télécharger" in html
    assert "Ajouter un(e)" not in html
    # Themes and network are required: on the first tab, before the second tab's documents.
    second_tab = html.index('id="id_downloads-FORMS"')
    assert html.index('name="themes"') < second_tab
    assert html.index('name="network"') < second_tab


def test_default_licence_is_preselected(client, contributor):
    html = html_of(client, contributor, add_url())
    default = Licence.objects.get(slug=DEFAULT_LICENCE)
    assert f'<input type="hidden" name="licence" value="{default.pk}"' in html


def test_choose_a_type_screen_describes_each_type(client, contributor):
    index = ResourceIndexPage.objects.get()
    html = html_of(client, contributor, reverse("wagtailadmin_pages:add_subpage", args=[index.pk]))
    for page_class in RESOURCE_PAGE_CLASSES:
        description = str(page_class.page_description)
        assert description and description.replace("'", "&#x27;") in html, page_class


def test_upload_button_says_envoyer(client, contributor):
    html = html_of(client, contributor, reverse("wagtaildocs:add"))
    assert "Transférer" not in html
    assert "Envoyer" in html


def test_help_menu_is_the_french_contributor_guide(client, contributor):
    html = html_of(client, contributor, reverse("wagtailadmin_home"))
    assert "Guide de la contribution" in html
    assert "guide.wagtail.org" not in html and "docs.wagtail.org" not in html
    assert "Guide de l'éditeur" not in html
    guide = html_of(client, contributor, reverse("moderation_contributor_guide"))
    for heading in ("Une bonne fiche", "Licences", "Accord des personnes", "Données personnelles"):
        assert heading in guide


def test_page_chooser_root_is_french(admin_client):
    assert Page.objects.get(depth=1).title == "Racine du site"
    html = admin_client.get(reverse("wagtailadmin_choose_page")).content.decode()
    assert "Racine du site" in html
    assert ">Root<" not in html


# -- ASCII addresses ---------------------------------------------------------------------


def test_accented_slug_is_folded_to_ascii(admin_client):
    data = guide_data(title="Une grainothèque partagée", slug="une-grainothèque-partagée")
    assert admin_client.post(add_url(), data).status_code == 302
    assert GuidePage.objects.get(title="Une grainothèque partagée").slug == (
        "une-grainotheque-partagee"
    )


def test_citation_uses_the_ascii_address(admin_client, client):
    data = guide_data(title="Une grainothèque partagée", slug="une-grainotheque-partagee")
    data["action-publish"] = "1"
    assert admin_client.post(add_url(), data).status_code == 302
    page = GuidePage.objects.get(slug="une-grainotheque-partagee")
    html = client.get(page.url).content.decode()
    citation = re.search(r'<p class="citation">.*?</p>', html, re.S).group(0)
    assert "/une-grainotheque-partagee/" in citation and "%C3" not in citation


# -- a download's public title ---------------------------------------------------------------


def upload(client, user, title, content, name):
    from django.core.files.base import ContentFile

    client.force_login(user)
    response = client.post(
        reverse("wagtaildocs:add"), {"title": title, "file": ContentFile(content, name=name)}
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("typed_title", "pdf_title", "expected"),
    [
        # Wagtail's upload titles a file by its name: the PDF's own title replaces it…
        ("grainotheque_guide-2024", "Monter une grainotheque", "Monter une grainotheque"),
        # …or, without one, a readable form of the name;
        ("grainotheque_guide-2024", None, "Grainotheque guide 2024"),
        # a title the contributor typed is theirs.
        ("Le guide de la grainothèque", "Autre titre", "Le guide de la grainothèque"),
    ],
)
def test_download_title_is_the_documents_not_its_file_name(
    client, contributor, typed_title, pdf_title, expected
):
    from resources.models import ResourceDocument, ResourceDownload
    from tests.conftest import minimal_pdf

    upload(
        client,
        contributor,
        typed_title,
        minimal_pdf(title=pdf_title),
        "grainotheque_guide-2024.pdf",
    )
    document = ResourceDocument.objects.get()
    assert document.title == expected
    assert ResourceDownload(document=document).display_title == expected
