"""What the operations of the library keep in the database: the recycle bin."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

BIN_DAYS = 30


class BinEntry(models.Model):
    """A resource, a document or an image deleted less than 30 days ago: moderators can still
    bring it back. `purge_bin` deletes it for good after that."""

    PAGE = "page"
    DOCUMENT = "document"
    IMAGE = "image"
    KINDS = [(PAGE, _("Ressource")), (DOCUMENT, _("Document")), (IMAGE, _("Image"))]

    kind = models.CharField(_("type"), max_length=20, choices=KINDS)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(_("titre"), max_length=255)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("supprimé par"),
    )
    deleted_at = models.DateTimeField(_("supprimé le"), default=timezone.now)
    # Where it was: the parent page of a resource, the collection of a document or an image.
    original_location_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-deleted_at"]
        verbose_name = _("élément de la corbeille")
        verbose_name_plural = _("corbeille")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="bin_entry_once")]

    def __str__(self):
        return self.title

    @property
    def purge_after(self):
        return self.deleted_at + datetime.timedelta(days=BIN_DAYS)
