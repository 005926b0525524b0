"""Download counts: how much each resource is used, without keeping anything personal."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyKey(models.Model):
    """Today's secret for visitor hashes. Yesterday's is deleted, so yesterday's hashes can
    never be recomputed from an address: the marks below cannot be tied back to anyone."""

    day = models.DateField(unique=True)
    key = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("clé du jour")

    def __str__(self):
        return self.day.isoformat()


class DownloadMark(models.Model):
    """'This visitor already downloaded this resource today': a keyed hash, kept one day."""

    day = models.DateField(db_index=True)
    digest = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("marque de téléchargement")

    def __str__(self):
        return self.day.isoformat()


class DownloadDay(models.Model):
    """How many visitors downloaded a resource on a given day: what reports and sorts read."""

    resource = models.ForeignKey(
        "resources.ResourcePage",
        on_delete=models.CASCADE,
        related_name="download_days",
        verbose_name=_("ressource"),
    )
    day = models.DateField(_("jour"))
    count = models.PositiveIntegerField(_("téléchargements"), default=0)

    class Meta:
        verbose_name = _("téléchargements du jour")
        verbose_name_plural = _("téléchargements par jour")
        constraints = [
            models.UniqueConstraint(fields=["resource", "day"], name="download_day_unique")
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self):
        return f"{self.resource_id} {self.day.isoformat()} : {self.count}"
