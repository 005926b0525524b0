"""Admin menus for the library's vocabularies, grouped under « Bibliothèque »; private files
refused to whoever may not see them."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from resources import privacy, recycle_bin
from resources.models import Audience, Licence, Network, ResourceDocument, ResourceImage, Theme


@hooks.register("register_actions")
def bin_files_instead_of_deleting(registry):
    # So that the bin knows who deleted a file, without reading it back from the log.
    for model in (ResourceDocument, ResourceImage):
        registry.register(model, recycle_bin.BinAction)


@hooks.register("before_serve_document", order=-10)
def refuse_private_documents(document, request):
    # Runs before any other hook (the download counter's included): a refused file is a 404.
    privacy.ensure_document_access(request, document)


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Thèmes")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class NetworkViewSet(SnippetViewSet):
    model = Network
    icon = "group"
    menu_label = _("Réseaux")
    list_display = ["name", "region", "website"]
    list_filter = ["region"]
    search_fields = ["name"]
    ordering = ["name"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "user"
    menu_label = _("Publics")
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]


class LicenceViewSet(SnippetViewSet):
    model = Licence
    icon = "doc-full"
    menu_label = _("Licences")
    list_display = ["name", "slug", "is_free"]
    ordering = ["sort_order", "name"]


class LibraryViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Bibliothèque")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (ThemeViewSet, NetworkViewSet, AudienceViewSet, LicenceViewSet)


register_snippet(LibraryViewSetGroup)
