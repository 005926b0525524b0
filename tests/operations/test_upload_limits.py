"""Bad files refused with a message that says what is wrong, in the admin, on /proposer/
and in the importer, and nothing stored: too many pixels (frames of animations counted),
Word files with macros."""

import io

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import Image

from moderation.models import Proposal
from resources import filechecks
from resources.models import ResourceDocument, ResourceImage
from tests.moderation.test_proposals import form_data
from tests.operations.test_uploads import stored_files, upload_image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def propose(client, name, content, content_type="application/octet-stream"):
    before = stored_files()
    response = client.post(
        "/proposer/", form_data(files=[SimpleUploadedFile(name, content, content_type)])
    )
    assert response.status_code == 200
    assert not Proposal.objects.exists()
    assert not ResourceDocument.objects.exists()
    assert stored_files() == before
    return response.context["form"].errors["files"]


def huge_png():
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, "PNG")  # 400 million pixels, a few KB
    return buffer.getvalue()


def animation(image_format, frames, size=(2000, 2000)):
    colours = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0), (0, 255, 255)]
    images = [Image.new("RGB", size, colours[n % len(colours)]) for n in range(frames)]
    buffer = io.BytesIO()
    images[0].save(
        buffer, image_format, save_all=True, append_images=images[1:], duration=100, loop=0
    )
    buffer.seek(0)
    with Image.open(buffer) as image:
        assert image.n_frames == frames
    return buffer.getvalue()


def test_huge_png_on_proposer_says_too_many_pixels(client):
    errors = propose(client, "geante.png", huge_png(), "image/png")
    assert errors == ["« geante.png » est une image trop grande (40 millions de pixels au plus)."]


def test_animated_webp_frames_count_in_the_admin(admin_client):
    before = stored_files()
    # 12 frames of 2000 × 2000: 4 million pixels each, 48 million in all (limit: 40).
    response = upload_image(admin_client, "anime.webp", animation("WEBP", 12))
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "« anime.webp » est une image animée de 12 images de 2000 × 2000 pixels : c'est trop "
        "grand (40 millions de pixels au plus, toutes les images comptées)."
    ]
    assert not ResourceImage.objects.exists()
    assert stored_files() == before


def test_animated_png_frames_count_on_proposer(client):
    errors = propose(client, "anime.png", animation("PNG", 11), "image/png")
    assert errors == [
        "« anime.png » est une image animée de 11 images de 2000 × 2000 pixels : c'est trop "
        "grand (40 millions de pixels au plus, toutes les images comptées)."
    ]


def test_small_animation_and_still_image_within_budget_pass():
    assert filechecks.pixel_problem(io.BytesIO(animation("WEBP", 3)), "a.webp") is None
    gif = animation("GIF", 12, size=(100, 100))
    assert filechecks.pixel_problem(io.BytesIO(gif), "a.gif") is None
    big_gif = animation("GIF", 12)
    assert "12 images" in filechecks.pixel_problem(io.BytesIO(big_gif), "a.gif")
