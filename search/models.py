"""What search keeps in the database: synonyms, the queries that found nothing, and the
queue of pages whose index entries must be brought up to date."""

import re

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class SynonymGroup(index.Indexed, models.Model):
    """Words the movement uses for the same thing: a search for one finds the others."""

    terms = models.TextField(
        _("termes équivalents"),
        help_text=_(
            "Un terme ou une expression par ligne (ou séparés par des virgules), par exemple "
            "« cagnotte », « caisse de solidarité », « fonds de solidarité ». Une recherche sur "
            "l'un trouve aussi les autres."
        ),
    )
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_("Pourquoi ce groupe existe (facultatif)."),
    )
    is_active = models.BooleanField(_("actif"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("terms"), FieldPanel("note"), FieldPanel("is_active")]
    search_fields = [index.SearchField("terms"), index.AutocompleteField("terms")]

    class Meta:
        ordering = ["terms"]
        verbose_name = _("groupe de synonymes")
        verbose_name_plural = _("synonymes")

    def __str__(self):
        return ", ".join(self.term_list())

    def term_list(self):
        return [t.strip() for t in re.split(r"[\n,;]", self.terms) if t.strip()]


class ZeroResultQuery(models.Model):
    """A query that found nothing, counted per day, for the editors' report.

    Only the normalised words are kept: no address, no session, no user. Queries that look
    like personal data (an e-mail address, a phone number) are not recorded at all.
    """

    query = models.CharField(_("recherche"), max_length=200)
    day = models.DateField(_("jour"), default=timezone.localdate)
    count = models.PositiveIntegerField(_("nombre de fois"), default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["query", "day"], name="zero_result_day")]
        ordering = ["-day", "-count"]
        verbose_name = _("recherche sans résultat")
        verbose_name_plural = _("recherches sans résultat")

    def __str__(self):
        return self.query


class IndexQueue(models.Model):
    """Pages whose search entries are out of date, per backend (a transactional outbox).

    Rows are written in the same transaction as the change itself, so a change can never be
    forgotten by the index: if the engine is down or the process dies, the rows wait for the
    next drain or for `search_reconcile`.
    """

    page_id = models.BigIntegerField(db_index=True)
    backend = models.CharField(max_length=30)
    enqueued_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page_id", "backend"], name="index_queue_page_backend")
        ]
        verbose_name = _("page à réindexer")
        verbose_name_plural = _("pages à réindexer")

    def __str__(self):
        return f"{self.page_id} → {self.backend}"
