"""The library's vocabularies: themes, networks, audiences, licences (editable snippets)."""

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from resources.regions import REGIONS


class Theme(index.Indexed, models.Model):
    """A theme the movement works on; every resource has at least one."""

    name = models.CharField(_("nom"), max_length=120, unique=True)
    slug = models.SlugField(
        _("identifiant"),
        max_length=120,
        unique=True,
        help_text=_(
            "Utilisé dans les adresses et dans le fichier d'import. Ne pas modifier "
            "après publication : les liens existants cesseraient de fonctionner."
        ),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Une ou deux phrases affichées en haut de la page du thème."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("ordre d'affichage"),
        default=100,
        help_text=_("Les thèmes sont affichés du plus petit au plus grand nombre."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")

    def __str__(self):
        return self.name


class Network(index.Indexed, models.Model):
    """A regional network of AMAP, MIRAMAP, or a partner organisation that produces resources."""

    name = models.CharField(_("nom"), max_length=200, unique=True)
    slug = models.SlugField(
        _("identifiant"),
        max_length=200,
        unique=True,
        help_text=_("Utilisé dans les adresses (page du réseau, filtres)."),
    )
    region = models.CharField(
        _("région"),
        max_length=60,
        blank=True,
        choices=REGIONS,
        help_text=_("Laisser vide pour un réseau national."),
    )
    website = models.URLField(_("site web"), blank=True)
    email = models.EmailField(
        _("adresse de contact"),
        blank=True,
        help_text=_(
            "Écrite dans les courriels de relecture de ses ressources, pour qu'on sache à qui "
            "répondre. Vide : l'adresse de contact du site."
        ),
    )
    description = models.TextField(_("présentation"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("region"),
        FieldPanel("website"),
        FieldPanel("email"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("region"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("réseau")
        verbose_name_plural = _("réseaux")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Network, self.name)
        super().save(*args, **kwargs)


class Audience(models.Model):
    """Who a resource is written for."""

    name = models.CharField(_("nom"), max_length=120, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=120, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("ordre d'affichage"), default=100)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("public")
        verbose_name_plural = _("publics")

    def __str__(self):
        return self.name


class Licence(models.Model):
    """The licence a resource is published under; free licences are the movement's default."""

    slug = models.CharField(
        _("identifiant"),
        max_length=60,
        unique=True,
        help_text=_("Identifiant SPDX de préférence, par exemple CC-BY-SA-4.0."),
    )
    name = models.CharField(_("nom"), max_length=255)
    url = models.URLField(_("adresse du texte de la licence"), blank=True)
    is_free = models.BooleanField(
        _("licence libre"),
        default=True,
        help_text=_("Décocher pour une licence qui interdit la réutilisation ou la modification."),
    )
    sort_order = models.PositiveSmallIntegerField(_("ordre d'affichage"), default=100)

    panels = [
        FieldPanel("slug"),
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("is_free"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("licence")
        verbose_name_plural = _("licences")

    def __str__(self):
        return self.name

    @property
    def short_name(self):
        """A badge's text: « CC BY-SA 4.0 » for a Creative Commons slug, else the name."""
        if self.slug.upper().startswith("CC-"):
            *terms, version = self.slug.upper().split("-")[1:]
            return f"CC {'-'.join(terms)} {version}"
        return self.name


def unique_slug(model, name, max_length=200):
    base = slugify(name)[:max_length] or "sans-nom"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        suffix = f"-{n}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
        n += 1
    return slug


class NetworkMembership(models.Model):
    """A member of staff writes for this network; contributors edit only their networks' work."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="network_memberships",
        verbose_name=_("compte"),
    )
    network = models.ForeignKey(
        "resources.Network",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("réseau"),
    )

    panels = [FieldPanel("user"), FieldPanel("network")]

    class Meta:
        # Moved from moderation: the table keeps its name, so no row moves.
        db_table = "moderation_networkmembership"
        verbose_name = _("appartenance à un réseau")
        verbose_name_plural = _("appartenances aux réseaux")
        constraints = [
            models.UniqueConstraint(fields=["user", "network"], name="unique_network_membership")
        ]

    def __str__(self):
        return f"{self.user} – {self.network}"
