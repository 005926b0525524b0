"""Files the admin's multiple uploader parks (Wagtail's UploadedFile) while their form waits
to be filled in. They sit on the private side (resources.storage); one left behind (a closed
tab) is deleted after UPLOAD_MAX_AGE by `purge_uploads` (cron), with its row."""

import datetime
import logging

from django.core.files.storage import default_storage
from django.utils import timezone

from wagtail.models import UploadedFile

from resources.storage import PRIVATE_PREFIX

logger = logging.getLogger("amapartage.moderation")

UPLOAD_MAX_AGE = datetime.timedelta(hours=24)
FOLDER = "wagtail_uploads"


def _modified(storage, name):
    try:
        return storage.get_modified_time(name)
    except (OSError, NotImplementedError):
        return None


def purge_abandoned(now=None, max_age=UPLOAD_MAX_AGE):
    """Delete the parked uploads older than max_age (row and file), and the files left in the
    upload folders by no row. Returns the number of files deleted."""
    limit = (now or timezone.now()) - max_age
    count = 0
    kept = set()
    for upload in UploadedFile.objects.all():
        name = upload.file.name
        storage = upload.file.storage
        modified = _modified(storage, name) if name else None
        if modified is not None and modified > limit:
            kept.add(name)
            continue
        if name and storage.exists(name):
            storage.delete(name)
            count += 1
        upload.delete()
    # Files no row points at any more (a row deleted by hand, an upload before this rule).
    for folder in (FOLDER, PRIVATE_PREFIX + FOLDER):
        try:
            _dirs, files = default_storage.listdir(folder)
        except (FileNotFoundError, NotImplementedError):
            continue
        for filename in files:
            name = f"{folder}/{filename}"
            modified = _modified(default_storage, name)
            if name in kept or (modified is not None and modified > limit):
                continue
            default_storage.delete(name)
            count += 1
    if count:
        logger.info("Purged %s abandoned upload(s)", count)
    return count
