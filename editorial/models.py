"""What the committee asks the networks for, and the monthly digest's bookkeeping."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel


class WantedTheme(models.Model):
    """A subject the committee would like resources on: listed in every monthly digest."""

    title = models.CharField(
        _("sujet recherché"),
        max_length=200,
        help_text=_("Par exemple : « Accueillir de nouveaux paysans en AMAP »."),
    )
    theme = models.ForeignKey(
        "resources.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("thème"),
        help_text=_("Le thème de la bibliothèque le plus proche, s'il y en a un."),
    )
    note = models.TextField(
        _("précisions"),
        blank=True,
        max_length=1000,
        help_text=_("Ce qui manque, pour qui : une ou deux phrases reprises dans l'e-mail."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("ordre d'affichage"),
        default=100,
        help_text=_("Du plus petit au plus grand nombre."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("theme"),
        FieldPanel("note"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "title"]
        verbose_name = _("thème recherché")
        verbose_name_plural = _("thèmes recherchés")

    def __str__(self):
        return self.title


class DigestPreference(models.Model):
    """A contributor's choice about the monthly digest (absent: they get it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digest_preference",
        verbose_name=_("compte"),
    )
    monthly_digest = models.BooleanField(
        _("recevoir la lettre mensuelle de la bibliothèque"),
        default=True,
        help_text=_(
            "Chaque mois : ce que votre réseau a publié, ses téléchargements, ce qui vous attend "
            "et les thèmes que le comité recherche."
        ),
    )

    class Meta:
        verbose_name = _("préférence de lettre mensuelle")
        verbose_name_plural = _("préférences de lettre mensuelle")

    def __str__(self):
        return str(self.user)


class DigestSent(models.Model):
    """The digest of this month went to this account: a second run does not send it again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("compte"),
    )
    month = models.DateField(_("mois"))
    sent_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("lettre mensuelle envoyée")
        verbose_name_plural = _("lettres mensuelles envoyées")
        constraints = [
            models.UniqueConstraint(fields=["user", "month"], name="digest_sent_once_a_month")
        ]

    def __str__(self):
        return f"{self.user} {self.month:%Y-%m}"
