"""The vocabularies are editable in the admin, and resources are created through it."""

from django.contrib.auth import get_user_model

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from resources.models import GuidePage, Network, ResourceIndexPage, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("chef", "chef@example.org", "mot-de-passe")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ["theme", "network", "audience", "licence"])
def test_vocabulary_listings(admin_client, model):
    response = admin_client.get(f"/admin/snippets/resources/{model}/")
    assert response.status_code == 200


def test_add_network_in_admin(admin_client):
    response = admin_client.post(
        "/admin/snippets/resources/network/add/",
        {
            "name": "Réseau des AMAP de Bretagne",
            "slug": "reseau-bretagne",
            "region": "Bretagne",
            "website": "https://amap-bretagne.example.org",
            "description": "",
        },
    )
    assert response.status_code == 302
    assert Network.objects.get(slug="reseau-bretagne").region == "Bretagne"


def test_create_and_publish_a_guide_through_the_admin(admin_client, client):
    index = ResourceIndexPage.objects.get()
    theme = Theme.objects.get(slug="numerique-rgpd")
    data = nested_form_data(
        {
            "title": "Kit RGPD",
            "slug": "kit-rgpd",
            "summary": "Tout pour tenir le registre des traitements.",
            "body": streamfield([("paragraph", rich_text("<p>Le registre.</p>"))]),
            "tags": "rgpd, données",
            "guide_format": "kit",
            "downloads": inline_formset([]),
            "action-publish": "publish",
        }
    )
    data["themes"] = [theme.pk]
    response = admin_client.post(f"/admin/pages/add/resources/guidepage/{index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = GuidePage.objects.get(slug="kit-rgpd")
    assert page.live and page.kind == "guide"
    assert sorted(page.tags.names()) == ["données", "rgpd"]
    assert "Le registre." in client.get(page.url).content.decode()


def test_resource_without_theme_is_refused_in_french(admin_client):
    index = ResourceIndexPage.objects.get()
    data = nested_form_data(
        {
            "title": "Sans thème",
            "slug": "sans-theme",
            "summary": "Un résumé.",
            "body": streamfield([]),
            "tags": "",
            "guide_format": "guide",
            "downloads": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/resources/guidepage/{index.pk}/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["themes"] == ["Champ requis."]
    assert not GuidePage.objects.exists()
