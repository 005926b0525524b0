"""Search in the admin: synonyms (moderators edit them without a deploy) and the report of
queries that found nothing."""

from django.db.models import Sum
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search import personal_data
from search.models import SynonymGroup, ZeroResultQuery


@hooks.register("register_personal_data")
def stored_queries_personal_data():
    return personal_data.STORED_QUERIES


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "resubmit"
    menu_label = _("Synonymes")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["__str__", "note", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["terms"]
    ordering = ["terms"]


register_snippet(SynonymGroupViewSet)


class ZeroResultReportView(ReportView):
    """The searches that found nothing, most frequent first: what the library lacks."""

    page_title = _("Recherches sans résultat")
    header_icon = "search"
    index_url_name = "search_zero_results"
    index_results_url_name = "search_zero_results_results"
    results_template_name = "search/admin/zero_results_results.html"
    list_export = ["query", "count", "last_day"]
    export_headings = {
        "query": _("Recherche"),
        "count": _("Nombre de fois"),
        "last_day": _("Dernière fois"),
    }

    def get_queryset(self):
        from django.db.models import Max

        return (
            ZeroResultQuery.objects.values("query")
            .annotate(count=Sum("count"), last_day=Max("day"))
            .order_by("-count", "query")
        )


@hooks.register("register_admin_urls")
def register_search_report_urls():
    return [
        path(
            "rapports/recherches-sans-resultat/",
            ZeroResultReportView.as_view(),
            name="search_zero_results",
        ),
        path(
            "rapports/recherches-sans-resultat/results/",
            ZeroResultReportView.as_view(results_only=True),
            name="search_zero_results_results",
        ),
    ]


class ZeroResultMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_zeroresultquery") or request.user.is_superuser


@hooks.register("register_reports_menu_item")
def register_zero_results_menu_item():
    return ZeroResultMenuItem(
        _("Recherches sans résultat"), reverse("search_zero_results"), icon_name="search", order=700
    )
