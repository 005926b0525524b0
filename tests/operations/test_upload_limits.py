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


def macro_docx(how):
    """A real Word document, then given macros the way a `.docm` carries them."""
    import zipfile

    import docx

    plain = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Le règlement intérieur")
    document.save(plain)
    plain.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if how == "content-type" and info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    b".main+xml",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml",
                )
            target.writestr(info, data)
        if how == "vba":
            target.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\x00" * 512)
    return out.getvalue()


MACRO_MESSAGE = (
    "« reglement.docx » contient des macros, qui peuvent cacher un programme : nous ne les "
    "acceptons pas. Enregistrez le document au format Word (DOCX) sans macros, puis "
    "envoyez-le à nouveau."
)


@pytest.mark.parametrize("how", ["vba", "content-type"])
def test_docx_with_macros_refused_in_the_admin(admin_client, how):
    from tests.operations.test_uploads import upload_document

    before = stored_files()
    response = upload_document(admin_client, "reglement.docx", macro_docx(how), "application/zip")
    assert response.status_code == 200
    # (Wagtail adds its own extension message after ours, as for every refused file.)
    assert response.context["form"].errors["file"][0] == MACRO_MESSAGE
    assert not ResourceDocument.objects.exists()
    assert stored_files() == before


@pytest.mark.parametrize("how", ["vba", "content-type"])
def test_docx_with_macros_refused_on_proposer(client, how):
    assert propose(client, "reglement.docx", macro_docx(how)) == [MACRO_MESSAGE]


def test_docx_with_macros_refused_by_the_importer(import_file):
    from resources.models import ResourcePage
    from tests.conftest import resource_line

    (import_file.folder / "reglement.docx").write_bytes(macro_docx("vba"))
    before = stored_files()
    run = import_file([resource_line(files=["reglement.docx"])])
    assert run.exit_code == 1
    assert MACRO_MESSAGE in run.stderr, run.stderr
    assert not ResourcePage.objects.exists()
    assert not ResourceDocument.objects.exists()
    assert stored_files() == before


def test_plain_docx_still_accepted():
    assert filechecks.check_document(io.BytesIO(macro_docx("none")), "reglement.docx") is None
