"""Images and documents of the library, with what the site needs to know about each file."""

import os
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.search import index

from resources import background, extraction, recycle_bin
from resources.textformat import clean_title


class ResourceImage(AbstractImage):
    """An image (cover, illustration, comic page) with its credit."""

    credit = models.CharField(
        _("crédit"),
        max_length=255,
        blank=True,
        help_text=_("Auteur·rice ou source de l'image, affiché sous l'image."),
    )

    admin_form_fields = (*Image.admin_form_fields, "credit")

    def clean(self):
        self.title = clean_title(self.title)
        if not self.title:
            raise ValidationError({"title": _("Le titre ne contient aucun caractère visible.")})
        super().clean()

    def save(self, *args, **kwargs):
        self.title = clean_title(self.title)
        super().save(*args, **kwargs)

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def delete(self, *args, permanently=False, **kwargs):
        """Deleting an image puts it in the recycle bin for 30 days, as for documents
        (resources.recycle_bin); deleting it again from the bin, or `permanently=True` (the
        bin's purge), deletes the row and the file."""
        if not permanently and not self.in_bin:
            recycle_bin.bin_file(self)
            return 0, {}
        return super().delete(*args, **kwargs)

    @property
    def in_bin(self):
        return recycle_bin.is_binned(self)


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
        """Deleting a document puts it in the recycle bin for 30 days
        (resources.recycle_bin); deleting it again from the bin, or `permanently=True` (the
        bin's purge), deletes the row and the file."""
        if not permanently and not self.in_bin:
            recycle_bin.bin_file(self)
            return 0, {}
        return super().delete(*args, **kwargs)

    @property
    def in_bin(self):
        return recycle_bin.is_binned(self)

    def clean(self):
        self.title = clean_title(self.title)
        if not self.title:
            raise ValidationError({"title": _("Le titre ne contient aucun caractère visible.")})
        super().clean()

    def save(self, *args, **kwargs):
        self.title = clean_title(self.title)
        if self.file and (not self.file_hash or self.file_size is None):
            self._set_document_file_metadata()
        super().save(*args, **kwargs)
        # Extract once the file sits in its storage and the row is committed, and only when
        # the file changed: a task of Wagtail's queue (resources.background), never a wait in
        # the request. Until then the text is pending (extracted_from_hash != file_hash).
        if self.file and self.file_hash != self.extracted_from_hash:
            # Here, not at the top: the tasks load this module's models.
            from resources.tasks import extract_document_text, fill_text

            if background.runs_inline():
                # The embedded default: at once, but within the request's budget.
                fill_text(self, budget=background.remaining())
            else:
                pk = self.pk
                transaction.on_commit(lambda: extract_document_text.enqueue(pk))

    @property
    def text_pending(self):
        return bool(self.file) and self.file_hash != self.extracted_from_hash

    def _title_is_file_name(self):
        stem = Path(os.path.basename(self.file.name)).stem
        names = {stem, os.path.basename(self.file.name)}
        # The storage may have added a suffix to a name already taken (« guide_AbC12d3 »).
        names.add(re.sub(r"_[A-Za-z0-9]{7}$", "", stem))
        title = (self.title or "").strip()
        return not title or title in names or Path(title).stem in names

    def take_title_from_file(self):
        """Wagtail titles an upload by its file name, and downloads show the title: once the
        text is extracted, such a title becomes the file's own (PDF, ODT, DOCX metadata) or a
        readable form of the name. True if the title changed."""
        if not self.file or not self._title_is_file_name():
            return False
        title = clean_title(getattr(self, "_extracted_title", "")) or _readable_file_name(
            self.title or os.path.basename(self.file.name)
        )
        if title == self.title:
            return False
        self.title = title
        return True

    def extract_text(self, budget=None):
        """Fill the extracted text; False if the budget ran out (the text stays pending)."""
        extracted_text, page_count, extraction_error = "", None, ""
        self._extracted_title = ""
        extension = self.file_extension.lower()
        if extension in extraction.EXTRACTABLE:
            try:
                path = self.file.path
            except NotImplementedError:  # remote storage: work on a local copy
                path = None
            if path is None or not os.path.exists(path):
                result = self._extract_from_copy(extension, budget)
            else:
                result = extraction.extract(path, extension, budget=budget)
            if result.pending:
                return False
            extracted_text, page_count = result.text, result.page_count
            extraction_error = result.error[:255]
            self._extracted_title = result.title
        self.extracted_text, self.page_count = extracted_text, page_count
        self.extraction_error = extraction_error
        self.extracted_from_hash = self.file_hash
        return True

    def _extract_from_copy(self, extension, budget=None):
        import tempfile

        with tempfile.NamedTemporaryFile(suffix=f".{extension}") as tmp:
            with self.open_file() as f:
                for chunk in iter(lambda: f.read(1024 * 1024), b""):
                    tmp.write(chunk)
            tmp.flush()
            return extraction.extract(tmp.name, extension, budget=budget)


def _readable_file_name(name):
    """« grainotheque_guide-2024 » → « Grainotheque guide 2024 »."""
    words = re.sub(r"[-_]+", " ", Path(name).stem if "." in name else name).strip()
    return (words[:1].upper() + words[1:]) or name
