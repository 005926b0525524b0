"""The read-only pages API (Wagtail's), with every number and search a visitor sends checked
first: a huge offset or id, or search syntax the database engine chokes on, is a 400 with a
French message (or a 404 for a page id), never a 500."""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from operations.params import MAX_ID, bounded_int, optional_id
from search.query import clean

# Deeper than this, a listing is refused: no reader pages that far, and the database would
# walk every row before it to answer.
MAX_OFFSET = 1_000_000
# Parameters naming a page; `root` stands for the site's root page where Wagtail allows it.
PAGE_PARAMS = {"child_of", "ancestor_of", "descendant_of", "translation_of"}
SEARCH_OPERATORS = {"and", "or"}


def _refuse(name, bounds):
    raise BadRequestError(
        _("Le paramètre « %(name)s » doit être un nombre entier %(bounds)s.")
        % {"name": name, "bounds": bounds}
    )


def _check_int(params, name, minimum, maximum):
    raw = params.get(name)
    if raw is None:
        return
    try:
        bounded_int(raw, minimum, maximum)
    except ValueError:
        _refuse(name, _("entre %(min)s et %(max)s") % {"min": minimum, "max": maximum})


class WordsSearchFilter(SearchFilter):
    """Wagtail's search, given words only: quotes, stars, brackets and operators of the
    database's full-text syntax (SQLite FTS5, PostgreSQL tsquery) never reach it."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        words = " ".join(
            "".join(c if c.isalnum() else " " for c in clean(request.GET["search"])).split()
        )
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError(
                _("Le paramètre « search_operator » doit valoir « and » ou « or ».")
            )
        if not words:
            return queryset.none()
        # Wagtail's filter reads the text from the request: it is handed the words instead.
        params = request.GET.copy()
        params["search"] = words
        request._request.GET = params
        return super().filter_queryset(request, queryset, view)


class CheckedPagesAPIViewSet(PagesAPIViewSet):
    filter_backends = [
        WordsSearchFilter if backend is SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        params = self.request.GET
        limit_max = settings.WAGTAILAPI_LIMIT_MAX or MAX_ID
        _check_int(params, "offset", 0, MAX_OFFSET)
        _check_int(params, "limit", 0, limit_max)
        for name in PAGE_PARAMS:
            if params.get(name) not in (None, "root"):
                _check_int(params, name, 0, MAX_ID)
        # Filters on the pages' own integer columns (`?id=`, `?depth=`).
        for name in params:
            try:
                field = queryset.model._meta.get_field(name)
            except FieldDoesNotExist:  # an operation (`fields`, `order`…), checked by Wagtail
                continue
            if isinstance(field, models.IntegerField | models.ForeignKey):
                _check_int(params, name, 0, MAX_ID)

    def detail_view(self, request, pk):
        if optional_id(pk) is None:
            raise Http404(_("Page introuvable."))
        return super().detail_view(request, pk)

    def find_object(self, queryset, request):
        if "id" in request.GET and optional_id(request.GET["id"]) is None:
            return None
        return super().find_object(queryset, request)
