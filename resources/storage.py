"""Media storage with a private side.

Files whose name starts with `private/` live under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, so
that no web server configured to serve /media/ can hand them out; their URL is a Django view
that serves them to editors only (resources.views.private_file). New originals of images and
documents start on the private side: a file is made public when a published page uses it
(resources.privacy).
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

from resources import background

PRIVATE_PREFIX = "private/"
# Folders of originals (Wagtail's images and documents): new uploads start private. So do the
# files the multiple uploader parks (Wagtail's UploadedFile) until their form is filled in:
# they keep their original, guessable name (moderation.uploads purges the abandoned ones).
PRIVATE_BY_DEFAULT = ("original_images/", "documents/", "wagtail_uploads/")


class PrivateFileSystemStorage(FileSystemStorage):
    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def url(self, name):
        return reverse("resources:private_file", kwargs={"name": name.replace(os.sep, "/")})


@deconstructible(path="resources.storage.MediaStorage")
class MediaStorage(Storage):
    def __init__(self, location=None, base_url=None, private_location=None):
        self._location = location
        self._base_url = base_url
        self._private_location = private_location

    @cached_property
    def public(self):
        return FileSystemStorage(location=self._location, base_url=self._base_url)

    @cached_property
    def private(self):
        return PrivateFileSystemStorage(location=self._private_location)

    @staticmethod
    def is_private(name):
        return str(name).replace("\\", "/").startswith(PRIVATE_PREFIX)

    @staticmethod
    def private_name(name):
        return name if MediaStorage.is_private(name) else PRIVATE_PREFIX + name

    @staticmethod
    def public_name(name):
        return name[len(PRIVATE_PREFIX) :] if MediaStorage.is_private(name) else name

    def _side(self, name):
        if self.is_private(name):
            return self.private, self.public_name(name)
        return self.public, name

    def generate_filename(self, filename):
        filename = super().generate_filename(filename)
        if filename.replace("\\", "/").startswith(PRIVATE_BY_DEFAULT):
            return PRIVATE_PREFIX + filename
        return filename

    def _open(self, name, mode="rb"):
        storage, inner = self._side(name)
        return storage._open(inner, mode)

    def _save(self, name, content):
        storage, inner = self._side(name)
        saved = storage._save(inner, content)
        saved = PRIVATE_PREFIX + saved if storage is self.private else saved
        # Deleted again if the transaction writing it never commits (resources.background).
        background.track_written_file(self, saved)
        return saved

    def delete(self, name):
        storage, inner = self._side(name)
        return storage.delete(inner)

    def exists(self, name):
        storage, inner = self._side(name)
        return storage.exists(inner)

    def listdir(self, path):
        storage, inner = self._side(path)
        return storage.listdir(inner)

    def path(self, name):
        storage, inner = self._side(name)
        return storage.path(inner)

    def size(self, name):
        storage, inner = self._side(name)
        return storage.size(inner)

    def url(self, name):
        storage, inner = self._side(name)
        return storage.url(inner)

    def get_accessed_time(self, name):
        storage, inner = self._side(name)
        return storage.get_accessed_time(inner)

    def get_created_time(self, name):
        storage, inner = self._side(name)
        return storage.get_created_time(inner)

    def get_modified_time(self, name):
        storage, inner = self._side(name)
        return storage.get_modified_time(inner)
