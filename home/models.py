"""The site's own pages: the home page, and plain pages (legal notice, privacy, about)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from resources.blocks import RICH_TEXT_FEATURES, BodyBlock


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
        from resources.models import ResourceIndexPage, ResourcePage, Theme

        context = super().get_context(request, *args, **kwargs)
        index_page = ResourceIndexPage.objects.live().first()
        live = ResourcePage.objects.live().public()
        counts = dict(live.order_by().values_list("themes").annotate(n=models.Count("pk")))
        context["index_page"] = index_page
        context["themes"] = [
            (theme, counts.get(theme.pk, 0), index_page.theme_url(theme) if index_page else "")
            for theme in Theme.objects.all()
        ]
        context["latest"] = live.select_related("network").order_by("-first_published_at", "-pk")[
            :6
        ]
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
