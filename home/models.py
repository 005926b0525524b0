"""The site's own pages: the home page, and plain pages (legal notice, privacy, about)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from resources.blocks import RICH_TEXT_FEATURES, BodyBlock
from resources.models import ResourceIndexPage, ResourcePage, Theme
from resources.models.pages import with_card_data


class HomePage(Page):
    """The front door: a search box first, then the themes and the latest resources."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Deux ou trois phrases qui disent ce qu'on trouve ici."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["resources.ResourceIndexPage", "home.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index_page = ResourceIndexPage.objects.live().first()
        live = ResourcePage.objects.live().public()
        counts = dict(live.order_by().values_list("themes").annotate(n=models.Count("pk")))
        context["index_page"] = index_page
        context["themes"] = [
            (theme, counts.get(theme.pk, 0), index_page.theme_url(theme) if index_page else "")
            for theme in Theme.objects.all()
        ]
        # Latest approved by the reading committee first; imported pages have no review
        # date and come after, newest first.
        context["latest"] = with_card_data(
            live.order_by(
                models.F("last_reviewed_at").desc(nulls_last=True), "-first_published_at", "-pk"
            )
        )[:6]
        # Comics and training catalogues are what members print and order: kept in view.
        featured = []
        for kind in ("comic", "training_catalogue"):
            featured += list(
                with_card_data(live.filter(kind=kind).order_by("-first_published_at"))[:2]
            )
        context["featured"] = featured
        return context


class StandardPage(Page):
    """A plain editable page: legal notice, privacy notice, about the library."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("contenu"))

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("page simple")
        verbose_name_plural = _("pages simples")


@register_setting(icon="link")
class SiteLinks(BaseSiteSetting):
    """The footer's links to the legal notice and the privacy page, chosen by editors."""

    legal_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("mentions légales"),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("données personnelles"),
    )
    contact_email = models.EmailField(
        _("adresse de contact"),
        blank=True,
        help_text=_("Affichée en pied de page : une adresse générique de préférence."),
    )

    panels = [
        PageChooserPanel("legal_page"),
        PageChooserPanel("privacy_page"),
        FieldPanel("contact_email"),
    ]

    class Meta:
        verbose_name = _("liens du pied de page")

    def footer_links(self):
        """[(label, url)]: the chosen pages, else the legal pages the demo creates."""
        links = []
        for page, slug, label in (
            (self.legal_page, "mentions-legales", _("Mentions légales")),
            (self.privacy_page, "donnees-personnelles", _("Données personnelles")),
        ):
            if page is None or not page.live:
                page = StandardPage.objects.live().filter(slug=slug).first()
            if page is not None:
                links.append((label, page.url))
        return links
