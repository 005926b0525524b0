"""RSS and Atom feeds of new resources, for all themes and for each theme."""

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from resources.models import ResourceIndexPage, ResourcePage, Theme

FEED_SIZE = 30


class NewResourcesFeed(Feed):
    title = _("AMAP'artage : nouvelles ressources")
    description = _("Les dernières ressources publiées dans la bibliothèque du mouvement des AMAP.")
    language = "fr"

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return "/"

    def resources(self):
        return (
            ResourcePage.objects.live()
            .public()
            .select_related("network", "licence")
            .prefetch_related("themes")
            .order_by("-first_published_at", "-pk")
        )

    def items(self):
        return self.resources()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_author_name(self, item):
        return item.network.name if item.network_id else None

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]

    def item_copyright(self, item):
        return item.licence.name if item.licence_id else None

    def feed_copyright(self):
        return _("Chaque ressource est publiée sous la licence indiquée sur sa page.")

    def latest_post_date(self):
        latest = self.resources().values_list("first_published_at", flat=True).first()
        return latest or timezone.make_aware(datetime.datetime(2020, 1, 1))


class NewResourcesAtomFeed(NewResourcesFeed):
    feed_type = Atom1Feed
    subtitle = NewResourcesFeed.description


class ThemeFeed(NewResourcesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Theme, slug=slug)

    def title(self, theme):
        return _("AMAP'artage : nouvelles ressources, thème « %(theme)s »") % {"theme": theme.name}

    def description(self, theme):
        return theme.description or self.title(theme)

    def link(self, theme):
        index_page = ResourceIndexPage.objects.live().first()
        return index_page.theme_url(theme) if index_page else "/"

    def items(self, theme):
        return self.resources().filter(themes=theme)[:FEED_SIZE]

    def latest_post_date(self):
        return None


class ThemeAtomFeed(ThemeFeed):
    feed_type = Atom1Feed

    def subtitle(self, theme):
        return self.description(theme)
