"""The resource pages: one page type per kind of resource, sharing what every resource has."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.utils.decorators import cached_classmethod

from resources.blocks import RICH_TEXT_FEATURES, ActivityBlock, BodyBlock
from resources.panels import InlinePanel
from resources.permissions import (
    ResourceIndexPermissionTester,
    ResourcePermissionTester,
    restrict_network_choices,
)
from resources.sorting import listing_sort
from resources.textformat import clean_title, fold

from .snippets import Audience, Licence, Network, Theme
from .tags import ResourcePageTag

DEFAULT_LICENCE = "CC-BY-SA-4.0"
FIRST_YEAR, LAST_YEAR = 1990, 2100  # the years a resource may be dated
PAGE_SIZE = 20


def paginate(request, queryset, per_page=PAGE_SIZE):
    """A page of results; a bad or out-of-range page number falls back instead of failing."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


# How a listing applies each of its orders (resources/sorting.py names them).
LISTING_ORDERS = {
    "date": ("-first_published_at", "-pk"),
    "downloads": ("-download_total", "-first_published_at", "-pk"),
}

# Download counts live in one place, the daily rows of downloads.DownloadDay (reverse
# relation `download_days`), never on the revisioned page: a publication cannot reset them.
DOWNLOAD_TOTAL = Coalesce(models.Sum("download_days__count"), 0)


def with_download_totals(queryset):
    """Each page's `download_total`, summed in the listing's own query (no query per page)."""
    return queryset.annotate(download_total=DOWNLOAD_TOTAL)


def sorted_by_request(request, queryset):
    return with_download_totals(queryset).order_by(*LISTING_ORDERS[listing_sort(request.GET)])


def with_card_data(queryset):
    """What resource cards show, fetched in a few queries for a whole listing."""
    return queryset.select_related("network", "licence", "cover_image").prefetch_related(
        "themes",
        models.Prefetch(
            "downloads",
            queryset=ResourceDownload.objects.select_related(
                "document__thumbnail", "document__collection"
            ).order_by("sort_order"),
        ),
    )


class ResourceIndexPage(RoutablePageMixin, Page):
    """'Ressources': holds every resource page, and serves the theme and network pages."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "resources.ExperienceSheetPage",
        "resources.GuidePage",
        "resources.TrainingCataloguePage",
        "resources.ComicPage",
        "resources.ReportPage",
        "resources.VideoPage",
        "resources.FaqPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("index des ressources")

    def permissions_for_user(self, user):
        # Its children are resources: nobody but administrators creates one already live.
        return ResourceIndexPermissionTester(user, self)

    def resources(self):
        return with_card_data(
            ResourcePage.objects.live()
            .public()
            .descendant_of(self)
            .order_by("-first_published_at", "-pk")
        )

    @path("")
    def all_resources(self, request):
        return self.render(
            request,
            context_overrides={
                "resources_page": paginate(request, sorted_by_request(request, self.resources())),
                "sort": listing_sort(request.GET),
            },
        )

    @path("questions/", name="faq")
    def faq(self, request):
        """Every question-answer, grouped by theme, each theme with an anchor."""
        questions = list(
            FaqPage.objects.live().public().descendant_of(self).prefetch_related("themes")
        )
        groups = []
        for theme in Theme.objects.filter(resources__in=questions).distinct():
            in_theme = [q for q in questions if theme in q.themes.all()]
            groups.append((theme, sorted(in_theme, key=lambda q: q.title.lower())))
        return self.render(
            request, template="resources/faq_list.html", context_overrides={"groups": groups}
        )

    @path("themes/", name="themes")
    def theme_list(self, request):
        counts = dict(
            self.resources().order_by().values_list("themes").annotate(n=models.Count("pk"))
        )
        themes = [
            (theme, counts.get(theme.pk, 0), self.theme_url(theme)) for theme in Theme.objects.all()
        ]
        return self.render(
            request, template="resources/theme_list.html", context_overrides={"themes": themes}
        )

    @path("themes/<slug:slug>/", name="theme")
    def theme_detail(self, request, slug):
        theme = get_object_or_404(Theme, slug=slug)
        return self.render(
            request,
            template="resources/theme_detail.html",
            context_overrides={
                "theme": theme,
                "resources_page": paginate(
                    request, sorted_by_request(request, self.resources().filter(themes=theme))
                ),
                "sort": listing_sort(request.GET),
            },
        )

    @path("reseaux/", name="networks")
    def network_list(self, request):
        networks = Network.objects.annotate(
            n=models.Count("resources", filter=models.Q(resources__live=True))
        ).order_by("name")
        networks = [(network, self.network_url(network)) for network in networks]
        return self.render(
            request,
            template="resources/network_list.html",
            context_overrides={"networks": networks},
        )

    @path("reseaux/<slug:slug>/", name="network")
    def network_detail(self, request, slug):
        network = get_object_or_404(Network, slug=slug)
        return self.render(
            request,
            template="resources/network_detail.html",
            context_overrides={
                "network": network,
                "resources_page": paginate(request, self.resources().filter(network=network)),
            },
        )

    def theme_url(self, theme):
        return self.url + self.reverse_subpage("theme", args=[theme.slug])

    def network_url(self, network):
        return self.url + self.reverse_subpage("network", args=[network.slug])

    def faq_url(self):
        return self.url + self.reverse_subpage("faq")

    def get_sitemap_urls(self, request=None):
        # The theme and network pages are routes, not pages: list them too.
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base:
            root = self.url
            for theme in Theme.objects.all():
                urls.append({"location": base + self.theme_url(theme)[len(root) :]})
            for network in Network.objects.filter(resources__live=True).distinct():
                urls.append({"location": base + self.network_url(network)[len(root) :]})
        return urls


class ResourcePageForm(WagtailAdminPageForm):
    """The admin form of every resource: a contributor picks the network among their own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        restrict_network_choices(self)
        # Show the licence a new resource gets anyway (`save`), rather than an empty choice.
        licence = self.fields.get("licence")
        if licence is not None and not self.instance.licence_id and not self.initial.get("licence"):
            default = Licence.objects.filter(slug=DEFAULT_LICENCE).first()
            if default is not None:
                self.initial["licence"] = default.pk

    def clean_slug(self):
        # ASCII addresses (WAGTAIL_ALLOW_UNICODE_SLUGS = False covers the editor's script and
        # Wagtail's own slugs; the model field still accepts a typed « è »): fold it.
        from django.utils.text import slugify

        slug = self.cleaned_data.get("slug") or ""
        return slugify(fold(slug)) if not slug.isascii() else slug

    def defer_required_fields(self):
        super().defer_required_fields()
        # Even a draft needs the contributor's network: without it they could not reopen it.
        if getattr(self, "network_is_mandatory", False):
            self.fields["network"].required = True


def next_review_date():
    """When a resource reviewed today is to be read again (RESOURCE_REVIEW_INTERVAL_DAYS)."""
    return timezone.localdate() + datetime.timedelta(days=settings.RESOURCE_REVIEW_INTERVAL_DAYS)


class ResourcePage(Page):
    """What every resource has. Never created directly: each kind is a subclass."""

    KIND = "resource"  # overridden by each kind; copied into the `kind` field on save
    kind_label = _("Ressource")

    kind = models.CharField(_("type"), max_length=40, editable=False, db_index=True)
    summary = models.TextField(
        _("résumé"),
        max_length=500,
        help_text=_(
            "Une ou deux phrases (500 signes au plus), affichées dans les listes et "
            "les résultats de recherche."
        ),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("contenu"))
    themes = ParentalManyToManyField(
        Theme,
        related_name="resources",
        verbose_name=_("thèmes"),
        help_text=_(
            "Au moins un thème : c'est par eux que les visiteurs parcourent la bibliothèque."
        ),
    )
    tags = ClusterTaggableManager(
        through=ResourcePageTag,
        blank=True,
        verbose_name=_("mots-clés"),
        help_text=_("Mots-clés libres, séparés par des virgules."),
    )
    network = models.ForeignKey(
        Network,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
        verbose_name=_("réseau"),
        help_text=_("Le réseau ou l'organisation qui a produit la ressource."),
    )
    audiences = ParentalManyToManyField(
        Audience,
        blank=True,
        related_name="resources",
        verbose_name=_("publics"),
        help_text=_("À qui s'adresse la ressource."),
    )
    year = models.PositiveSmallIntegerField(
        _("année de publication"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    licence = models.ForeignKey(
        Licence,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resources",
        verbose_name=_("licence"),
        help_text=_(
            "Par défaut CC BY-SA 4.0 : une licence libre permet aux autres réseaux "
            "de reprendre et d'adapter la ressource."
        ),
    )
    cover_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image de couverture"),
        help_text=_("Affichée en tête de la ressource et sur les cartes."),
    )
    external_url = models.URLField(
        _("lien externe"),
        max_length=500,
        blank=True,
        help_text=_("Une adresse hors du site : vidéo, page de commande, outil en ligne."),
    )
    source_id = models.CharField(
        _("identifiant d'import"),
        max_length=100,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("Clé de la ressource dans sa source (ancien AMAP'artage, site d'un réseau)."),
    )
    # Kept by the moderation workflow: when the reading committee last approved it.
    last_reviewed_at = models.DateTimeField(
        _("relu par le comité le"), null=True, blank=True, editable=False
    )
    review_date = models.DateField(
        _("à revoir le"),
        null=True,
        blank=True,
        help_text=_(
            "Date à laquelle le comité de lecture vérifiera que la ressource est "
            "toujours à jour. Par défaut, deux ans après la première publication."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
    ]
    # What a resource cannot be saved without sits on the first tab, where it is seen.
    required_panels = [
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("network"),
            ],
            heading=_("Thèmes et réseau"),
        ),
    ]
    classification_panels = [
        MultiFieldPanel(
            [
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Classement"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("year"), FieldPanel("licence")]),
                FieldPanel("external_url"),
            ],
            heading=_("Origine et licence"),
        ),
        InlinePanel(
            "downloads",
            label=_("Document à télécharger"),
            add_label=_("Ajouter un document à télécharger"),
            heading=_("Documents à télécharger"),
        ),
        FieldPanel("review_date"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=3),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("network"),
        index.FilterField("year"),
        # Related names and labels: the public index's keywords (search/documents.py).
        index.RelatedFields("tags", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields("themes", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields("audiences", [index.SearchField("name")]),
        index.RelatedFields("network", [index.SearchField("name")]),
        index.SearchField("kind_label"),
    ]

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []
    is_creatable = False
    base_form_class = ResourcePageForm
    # A copy is a new resource: the import key (unique) and the committee's review belong to
    # the original; the review date is set again when the copy is published. (Its downloads
    # stay with the original too: they are rows of downloads.DownloadDay, not page fields.)
    exclude_fields_in_copy = ["source_id", "last_reviewed_at", "review_date"]

    class Meta:
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")
        indexes = [models.Index(fields=["kind", "year"])]

    def clean(self):
        self.title = clean_title(self.title)
        if not self.title:
            raise ValidationError({"title": _("Le titre ne contient aucun caractère visible.")})
        super().clean()

    def save(self, *args, **kwargs):
        self.title = clean_title(self.title)
        self.kind = type(self).KIND
        if self.licence_id is None:
            self.licence = Licence.objects.filter(slug=DEFAULT_LICENCE).first()
        if self.review_date is None and self.live:
            self.review_date = next_review_date()
        super().save(*args, **kwargs)

    def permissions_for_user(self, user):
        # Every admin view asks this tester: contributors are kept to their networks here.
        return ResourcePermissionTester(user, self)

    @cached_classmethod
    def get_edit_handler(cls):
        # Resources are long forms: classification and documents get a tab of their own.
        # Apps built on the library put their panels first (moderation: the review status, so
        # that a contributor sees the committee's comment at once).
        top_panels = [panel for fn in hooks.get_hooks("resource_edit_top_panels") for panel in fn()]
        return TabbedInterface(
            [
                ObjectList(
                    [*top_panels, *cls.content_panels, *cls.required_panels],
                    heading=_("Contenu"),
                ),
                ObjectList(cls.classification_panels, heading=_("Classement et documents")),
                ObjectList(cls.promote_panels, heading=_("Référencement")),
                ObjectList(cls.settings_panels, heading=_("Publication")),
            ],
            base_form_class=cls.base_form_class,
        ).bind_to_model(cls)

    @cached_property
    def index_page(self):
        return ResourceIndexPage.objects.ancestor_of(self).first()

    def theme_links(self):
        index_page = self.index_page
        return [
            (theme, index_page.theme_url(theme) if index_page else "")
            for theme in self.themes.all()
        ]

    def network_url(self):
        if self.network_id and self.index_page:
            return self.index_page.network_url(self.network)
        return ""

    def get_downloads(self):
        return [
            d
            for d in self.downloads.select_related(
                "document__thumbnail", "document__collection"
            ).all()
            if d.document_id and not d.document.in_bin  # a document in the bin is gone
        ]

    def card_image(self):
        """The picture of a card: the cover, else the first page of the first document."""
        if self.cover_image_id:
            return self.cover_image
        for download in self.downloads.all():  # a listing's prefetch serves this
            document = download.document if download.document_id else None
            if document and document.thumbnail_id and not document.in_bin:
                return document.thumbnail
        return None

    def similar_resources(self, limit=4):
        """Published resources sharing the most themes with this one, newest first."""
        theme_ids = [theme.pk for theme in self.themes.all()]
        if not theme_ids:
            return ResourcePage.objects.none()
        return with_card_data(
            ResourcePage.objects.live()
            .public()
            .exclude(pk=self.pk)
            .filter(themes__in=theme_ids)
            .annotate(shared=models.Count("themes", distinct=True))
            .order_by("-shared", "-first_published_at", "-pk")
        )[:limit]

    @cached_property
    def download_total(self):
        """Downloads counted so far. A listing annotates the same name for all its pages at
        once (`with_download_totals`), which then takes the place of this query."""
        return self.download_days.aggregate(n=Coalesce(models.Sum("count"), 0))["n"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["downloads"] = self.get_downloads()
        return context


class ResourceDownload(Orderable):
    """A document offered for download on a resource, in the order editors chose."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="downloads")
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    title = models.CharField(
        _("titre affiché"),
        max_length=255,
        blank=True,
        help_text=_("Laisser vide pour reprendre le titre du document."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("document à télécharger")
        verbose_name_plural = _("documents à télécharger")

    @property
    def display_title(self):
        return self.title or self.document.title


class ExperienceSheetPage(ResourcePage):
    """A network's or an AMAP's experience, told so that others can do the same."""

    KIND = "experience_sheet"
    kind_label = _("Fiche expérience")
    page_description = _(
        "Ce qu'une AMAP ou un réseau a fait, raconté pour que d'autres s'en inspirent : "
        "contexte, actions, résultats."
    )

    context = RichTextField(
        _("contexte"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Où, quand, qui, et le problème de départ."),
    )
    actions = RichTextField(_("ce qui a été fait"), blank=True, features=RICH_TEXT_FEATURES)
    outcomes = RichTextField(_("résultats"), blank=True, features=RICH_TEXT_FEATURES)
    watch_points = RichTextField(
        _("points de vigilance"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Ce qu'il faut savoir avant de se lancer."),
    )
    contact_details = models.TextField(
        _("contact"),
        blank=True,
        help_text=_(
            "Comment joindre le réseau ou l'AMAP qui témoigne (adresse générique "
            "de préférence : pas de coordonnées personnelles sans accord)."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("context"),
        FieldPanel("actions"),
        FieldPanel("outcomes"),
        FieldPanel("watch_points"),
        FieldPanel("body", heading=_("Pour aller plus loin")),
        FieldPanel("contact_details"),
    ]
    search_fields = [
        *ResourcePage.search_fields,
        index.SearchField("context"),
        index.SearchField("actions"),
        index.SearchField("outcomes"),
        index.SearchField("watch_points"),
        index.SearchField("contact_details"),
    ]
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("fiche expérience")
        verbose_name_plural = _("fiches expérience")

    @property
    def sections(self):
        return [
            (label, value)
            for label, value in (
                (_("Contexte"), self.context),
                (_("Ce qui a été fait"), self.actions),
                (_("Résultats"), self.outcomes),
                (_("Points de vigilance"), self.watch_points),
            )
            if value
        ]


class GuidePage(ResourcePage):
    """A guide, a kit or a method sheet (for example the GDPR kit for AMAP)."""

    KIND = "guide"
    kind_label = _("Guide, kit ou fiche méthode")
    page_description = _(
        "Un outil pratique pour agir : guide, kit, fiche méthode, modèle de document."
    )

    GUIDE = "guide"
    KIT = "kit"
    METHOD_SHEET = "method_sheet"
    TEMPLATE = "template"
    FORMATS = [
        (GUIDE, _("Guide")),
        (KIT, _("Kit")),
        (METHOD_SHEET, _("Fiche méthode")),
        (TEMPLATE, _("Modèle de document")),
    ]

    guide_format = models.CharField(_("forme"), max_length=20, choices=FORMATS, default=GUIDE)

    content_panels = [*ResourcePage.content_panels, FieldPanel("guide_format")]
    search_fields = [*ResourcePage.search_fields, index.SearchField("get_guide_format_display")]
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guide, kit ou fiche méthode")
        verbose_name_plural = _("guides, kits et fiches méthode")


class TrainingCataloguePage(ResourcePage):
    """A catalogue of training and animation activities that trainers pick from."""

    KIND = "training_catalogue"
    kind_label = _("Catalogue de formation et d'animation")
    page_description = _("Les formations et animations qu'un réseau propose, avec leurs modalités.")

    activities = StreamField(
        [("activity", ActivityBlock())], blank=True, verbose_name=_("activités")
    )
    booking_info = RichTextField(
        _("organiser une session"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Comment demander une formation ou une animation, à qui, à quel coût."),
    )

    content_panels = [
        *ResourcePage.content_panels,
        FieldPanel("activities"),
        FieldPanel("booking_info"),
    ]
    search_fields = [
        *ResourcePage.search_fields,
        index.SearchField("booking_info"),
        index.SearchField("activities"),
    ]
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("catalogue de formation et d'animation")
        verbose_name_plural = _("catalogues de formation et d'animation")

    # Longest duration a trainer can ask for (?duree=), in minutes.
    DURATION_FILTERS = [
        ("60", _("1 h ou moins")),
        ("180", _("3 h ou moins")),
        ("420", _("une journée ou moins")),
    ]

    def activity_list(self):
        names = dict(Audience.objects.values_list("slug", "name"))
        return [
            {
                **block.value,
                "audience_names": [names.get(s, s) for s in block.value.get("audiences") or []],
            }
            for block in self.activities
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["filters"] = self.activity_filters(request)
        return context

    def activity_filters(self, request):
        """The activities with those outside the visitor's filters (?public=, ?duree=)
        marked hidden: filtering works without JavaScript, and the script only toggles."""
        activities = self.activity_list()
        present = {slug for a in activities for slug in a.get("audiences") or []}
        audiences = [a for a in Audience.objects.all() if a.slug in present]
        audience = request.GET.get("public", "")
        if audience not in present:
            audience = ""
        duration = request.GET.get("duree", "")
        if duration not in dict(self.DURATION_FILTERS):
            duration = ""
        for activity in activities:
            minutes = activity.get("duration_minutes")
            activity["hidden"] = bool(
                (audience and audience not in (activity.get("audiences") or []))
                or (duration and (minutes is None or minutes > int(duration)))
            )
        return {
            "activities": activities,
            "shown": sum(1 for a in activities if not a["hidden"]),
            "audiences": audiences,
            "audience": audience,
            "durations": self.DURATION_FILTERS,
            "duration": duration,
        }


class ComicPage(ResourcePage):
    """A comic ('Paysan·ne en AMAP, pourquoi pas moi ?') to read, download, and order printed."""

    KIND = "comic"
    kind_label = _("Bande dessinée")
    page_description = _("Une bande dessinée ou une série de planches illustrées.")

    authors = models.CharField(_("scénario"), max_length=255, blank=True)
    illustrator = models.CharField(_("dessin"), max_length=255, blank=True)
    page_count = models.PositiveSmallIntegerField(_("nombre de pages"), null=True, blank=True)
    preview_pages = StreamField(
        [("page", ImageChooserBlock(label=_("planche")))],
        blank=True,
        verbose_name=_("planches en aperçu"),
    )
    print_order_info = RichTextField(
        _("commander des exemplaires imprimés"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Prix, frais de port, délais, à qui écrire."),
    )
    print_order_url = models.URLField(_("page de commande"), max_length=500, blank=True)

    content_panels = [
        *ResourcePage.content_panels,
        FieldRowPanel([FieldPanel("authors"), FieldPanel("illustrator"), FieldPanel("page_count")]),
        FieldPanel("preview_pages"),
        MultiFieldPanel(
            [FieldPanel("print_order_info"), FieldPanel("print_order_url")],
            heading=_("Exemplaires imprimés"),
        ),
    ]
    search_fields = [
        *ResourcePage.search_fields,
        index.SearchField("print_order_info"),
        index.SearchField("authors"),
        index.SearchField("illustrator"),
    ]
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bande dessinée")
        verbose_name_plural = _("bandes dessinées")


class ReportPage(ResourcePage):
    """A report or a study (surveys of the movement, evaluations, theses)."""

    KIND = "report"
    kind_label = _("Rapport ou étude")
    page_description = _("Un rapport, une étude, une enquête ou un bilan.")

    authors = models.CharField(_("auteur·rices"), max_length=255, blank=True)
    key_findings = RichTextField(
        _("principaux enseignements"), blank=True, features=RICH_TEXT_FEATURES
    )

    content_panels = [
        *ResourcePage.content_panels,
        FieldPanel("authors"),
        FieldPanel("key_findings"),
    ]
    search_fields = [
        *ResourcePage.search_fields,
        index.SearchField("key_findings"),
        index.SearchField("authors"),
    ]
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("rapport ou étude")
        verbose_name_plural = _("rapports et études")


class VideoPage(ResourcePage):
    """A video or the recording of a web meeting; the outside player loads only on request."""

    KIND = "video"
    kind_label = _("Vidéo ou webinaire")
    page_description = _("Une vidéo, un webinaire enregistré ou un podcast, hébergé ailleurs.")

    duration_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"), null=True, blank=True)
    recorded_on = models.DateField(_("enregistrée le"), null=True, blank=True)
    speakers = models.CharField(_("intervenant·es"), max_length=255, blank=True)
    transcript = RichTextField(
        _("transcription ou résumé détaillé"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "Pour les personnes qui ne peuvent pas écouter la vidéo, et pour la recherche."
        ),
    )

    content_panels = [
        *ResourcePage.content_panels,
        FieldRowPanel([FieldPanel("duration_minutes"), FieldPanel("recorded_on")]),
        FieldPanel("speakers"),
        FieldPanel("transcript"),
    ]
    search_fields = [
        *ResourcePage.search_fields,
        index.SearchField("transcript"),
        index.SearchField("speakers"),
    ]
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("vidéo ou webinaire")
        verbose_name_plural = _("vidéos et webinaires")


class FaqPage(ResourcePage):
    """A question volunteers ask (the title), its answer (the body), and sheets to read next."""

    KIND = "faq"
    kind_label = _("Question-réponse")
    page_description = _(
        "Une question fréquente et sa réponse courte, reliée aux ressources utiles."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body", heading=_("Réponse")),
        InlinePanel(
            "related_links",
            label=_("Ressource liée"),
            add_label=_("Ajouter une ressource liée"),
            heading=_("Ressources liées"),
        ),
    ]
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("question-réponse")
        verbose_name_plural = _("questions-réponses")

    def related_resources(self):
        return [
            link.resource.specific
            for link in self.related_links.select_related("resource").all()
            if link.resource and link.resource.live
        ]


class FaqRelatedLink(Orderable):
    page = ParentalKey(FaqPage, on_delete=models.CASCADE, related_name="related_links")
    resource = models.ForeignKey(
        ResourcePage, on_delete=models.CASCADE, related_name="+", verbose_name=_("ressource")
    )

    panels = [PageChooserPanel("resource", page_type="resources.ResourcePage")]


RESOURCE_PAGE_CLASSES = [
    ExperienceSheetPage,
    GuidePage,
    TrainingCataloguePage,
    ComicPage,
    ReportPage,
    VideoPage,
    FaqPage,
]
KINDS = {cls.KIND: cls for cls in RESOURCE_PAGE_CLASSES}
KIND_CHOICES = [(cls.KIND, cls.kind_label) for cls in RESOURCE_PAGE_CLASSES]


def get_resource_index():
    return ResourceIndexPage.objects.first()
