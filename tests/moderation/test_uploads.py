"""Files parked by the admin's multiple uploader (Wagtail's UploadedFile) until their form is
filled in: private, never served from /media/, purged when abandoned."""

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.views.static import serve

from wagtail.models import Collection, UploadedFile

import pytest

from resources.models import ResourceImage
from resources.privacy import PENDING_COLLECTION_NAME
from tests.conftest import png_bytes

pytestmark = pytest.mark.django_db


def under(path, root):
    return Path(path).resolve().is_relative_to(Path(root).resolve())


def dev_media_get(name):
    """What `manage.py runserver` answers for /media/<name> (amapartage/urls.py, DEBUG): the
    same view, called directly since tests run without DEBUG."""
    request = RequestFactory().get(settings.MEDIA_URL + name)
    try:
        return serve(request, name, document_root=settings.MEDIA_ROOT).status_code
    except Http404:
        return 404


def upload_through_multiple_uploader(client, user, filename="distribution-secrete.png"):
    client.force_login(user)
    pending = Collection.objects.get(name=PENDING_COLLECTION_NAME)
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": ContentFile(png_bytes(), name=filename), "collection": pending.pk},
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    return UploadedFile.objects.get(uploaded_by_user=user)


def test_a_pending_upload_is_private_and_not_served_from_media(client, contributor):
    upload = upload_through_multiple_uploader(client, contributor)
    # The alt text is required (home/forms.py): the file waits as an UploadedFile.
    assert not ResourceImage.objects.exists()
    assert upload.file.name.startswith("private/wagtail_uploads/")
    assert under(upload.file.path, settings.PRIVATE_MEDIA_ROOT)
    assert not under(upload.file.path, settings.MEDIA_ROOT)
    assert not (Path(settings.MEDIA_ROOT) / "wagtail_uploads").exists() or not any(
        (Path(settings.MEDIA_ROOT) / "wagtail_uploads").iterdir()
    )

    client.logout()
    # The original, guessable name under /media/ answers nothing, in dev as behind nginx.
    assert dev_media_get("wagtail_uploads/distribution-secrete.png") == 404
    guessed = settings.MEDIA_URL + "wagtail_uploads/distribution-secrete.png"
    assert client.get(guessed).status_code == 404
    # Its private URL is for editors only.
    assert client.get(upload.file.url).status_code == 404
    client.force_login(contributor)
    response = client.get(upload.file.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()


def test_the_pending_upload_becomes_an_image_once_its_form_is_filled(client, contributor):
    upload = upload_through_multiple_uploader(client, contributor)
    parked = upload.file.path
    response = client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload.pk]),
        {
            f"uploaded-image-{upload.pk}-title": "Distribution",
            f"uploaded-image-{upload.pk}-description": "Des cagettes sous un préau",
            f"uploaded-image-{upload.pk}-collection": Collection.objects.get(
                name=PENDING_COLLECTION_NAME
            ).pk,
        },
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    assert response.json()["success"], response.json()
    image = ResourceImage.objects.get(title="Distribution")
    assert under(image.file.path, settings.PRIVATE_MEDIA_ROOT)
    assert not UploadedFile.objects.exists()
    assert not os.path.exists(parked)


def _age(path, hours):
    moment = time.time() - hours * 3600
    os.utime(path, (moment, moment))


def park(name, hours_old):
    upload = UploadedFile.objects.create(file=ContentFile(png_bytes(), name=name))
    _age(upload.file.path, hours_old)
    return upload


def test_purge_removes_abandoned_uploads_and_keeps_recent_ones(tmp_path):
    old = park("abandonne.png", hours_old=25)
    recent = park("en-cours.png", hours_old=1)
    # A file an upload left on the public side before this rule, with no row any more.
    stray = Path(settings.MEDIA_ROOT) / "wagtail_uploads" / "ancien.png"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(png_bytes())
    _age(stray, 48)
    old_path, recent_path = old.file.path, recent.file.path

    call_command("purge_uploads", stdout=open(os.devnull, "w"))  # noqa: SIM115

    assert not UploadedFile.objects.filter(pk=old.pk).exists()
    assert not os.path.exists(old_path)
    assert not stray.exists()
    assert UploadedFile.objects.filter(pk=recent.pk).exists()
    assert Path(recent_path).read_bytes() == png_bytes()


def test_purge_refuses_a_nonsense_age_and_deletes_nothing():
    old = park("abandonne.png", hours_old=25)
    with pytest.raises(CommandError, match="au moins 1"):
        call_command("purge_uploads", "--hours", "0")
    assert UploadedFile.objects.filter(pk=old.pk).exists()
    assert os.path.exists(old.file.path)
