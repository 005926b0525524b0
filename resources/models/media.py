"""Images and documents of the library, with what the site needs to know about each file."""

import os
import re
from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.search import index

from resources import extraction


class ResourceImage(AbstractImage):
    """An image (cover, illustration, comic page) with its credit."""

    credit = models.CharField(
        _("crédit"),
        max_length=255,
        blank=True,
        help_text=_("Auteur·rice ou source de l'image, affiché sous l'image."),
    )

    admin_form_fields = (*Image.admin_form_fields, "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class ResourceRendition(AbstractRendition):
    image = models.ForeignKey(ResourceImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    def get_upload_to(self, filename):
        path = super().get_upload_to(filename)
        storage = self.file.field.storage
        # A pending resource's image stays private down to its resized copies (moderation).
        if hasattr(storage, "private_name") and storage.is_private(self.image.file.name):
            return storage.private_name(path)
        return path


class ResourceDocument(AbstractDocument):
    """A downloadable file; the text of PDF, ODT and DOCX files is extracted for search."""

    extracted_text = models.TextField(_("texte extrait"), blank=True, editable=False)
    extraction_error = models.CharField(max_length=255, blank=True, editable=False)
    # The file hash the text was extracted from: extraction runs again only when the file changes.
    extracted_from_hash = models.CharField(max_length=40, blank=True, editable=False)
    # A rendering of the first page (PDF), shown on cards; made by the site's thumbnailer.
    thumbnail = models.ForeignKey(
        ResourceImage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("vignette"),
    )
    page_count = models.PositiveIntegerField(
        _("nombre de pages"), null=True, blank=True, editable=False
    )

    admin_form_fields = Document.admin_form_fields

    search_fields = [*AbstractDocument.search_fields, index.SearchField("extracted_text")]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    @property
    def format_label(self):
        return self.file_extension.upper()

    def delete(self, *args, permanently=False, **kwargs):
        """Deleting a document puts it in the recycle bin for 30 days (operations.bin); only
        `permanently=True` (the bin's purge) deletes the row and the file."""
        if not permanently:
            from operations import bin

            if not bin.is_binned_document(self):
                bin.bin_document(self)
                return 0, {}
        return super().delete(*args, **kwargs)

    @property
    def in_bin(self):
        collection = self.collection
        return collection is not None and collection.depth == 2 and collection.name == "Corbeille"

    def save(self, *args, **kwargs):
        if self.file and (not self.file_hash or self.file_size is None):
            self._set_document_file_metadata()
        super().save(*args, **kwargs)
        # Extract once the file sits in its storage, and only when it changed.
        if self.file and self.file_hash != self.extracted_from_hash:
            self.extract_text()
            fields = ["extracted_text", "extraction_error", "extracted_from_hash", "page_count"]
            if self._title_is_file_name():
                # Wagtail titles an upload by its file name; downloads show the title.
                self.title = self._extracted_title or _readable_file_name(self.title)
                fields.append("title")
            super().save(update_fields=fields)

    def _title_is_file_name(self):
        stem = Path(os.path.basename(self.file.name)).stem
        names = {stem, os.path.basename(self.file.name)}
        # The storage may have added a suffix to a name already taken (« guide_AbC12d3 »).
        names.add(re.sub(r"_[A-Za-z0-9]{7}$", "", stem))
        title = (self.title or "").strip()
        return not title or title in names or Path(title).stem in names

    def extract_text(self):
        self.extracted_text, self.page_count, self.extraction_error = "", None, ""
        self._extracted_title = ""
        extension = self.file_extension.lower()
        if extension in extraction.EXTRACTABLE:
            try:
                path = self.file.path
            except NotImplementedError:  # remote storage: work on a local copy
                path = None
            if path is None or not os.path.exists(path):
                result = self._extract_from_copy(extension)
            else:
                result = extraction.extract(path, extension)
            self.extracted_text, self.page_count = result.text, result.page_count
            self.extraction_error = result.error[:255]
            self._extracted_title = result.title
        self.extracted_from_hash = self.file_hash

    def _extract_from_copy(self, extension):
        import tempfile

        with tempfile.NamedTemporaryFile(suffix=f".{extension}") as tmp:
            with self.open_file() as f:
                for chunk in iter(lambda: f.read(1024 * 1024), b""):
                    tmp.write(chunk)
            tmp.flush()
            return extraction.extract(tmp.name, extension)


def _readable_file_name(name):
    """« grainotheque_guide-2024 » → « Grainotheque guide 2024 »."""
    words = re.sub(r"[-_]+", " ", Path(name).stem if "." in name else name).strip()
    return (words[:1].upper() + words[1:]) or name
