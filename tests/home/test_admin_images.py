"""Alt text is required for images in the admin."""

import pytest

from resources.models import ResourceImage
from tests.conftest import png_bytes

pytestmark = pytest.mark.django_db


def upload(admin_client, **data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from resources.privacy import pending_collection

    image = SimpleUploadedFile("d.png", png_bytes(), "image/png")
    return admin_client.post(
        "/admin/images/add/",
        {"title": "Distribution", "file": image, "collection": pending_collection().pk, **data},
    )


def test_image_without_description_is_refused_in_french(admin_client):
    response = upload(admin_client)
    assert response.status_code == 200
    errors = response.context["form"].errors["description"]
    assert errors == [
        "Décrivez l'image : ce texte remplace l'image pour les personnes qui ne la voient pas."
    ]
    assert not ResourceImage.objects.exists()


def test_image_with_description_is_accepted(admin_client):
    response = upload(admin_client, description="Des cagettes de légumes sous un préau")
    assert response.status_code == 302
    assert ResourceImage.objects.get().description == "Des cagettes de légumes sous un préau"


def test_editing_cannot_empty_the_description(admin_client):
    from tests.sitedata import make_image

    image = make_image("Marché", "Un marché")
    response = admin_client.post(
        f"/admin/images/{image.pk}/", {"title": "Marché", "description": ""}
    )
    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    image.refresh_from_db()
    assert image.description == "Un marché"
