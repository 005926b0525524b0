"""The search page (/recherche/), the public JSON API (/api/v1/search/, ../shared/search-api.md)
and autocomplete."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from resources.models import ResourceIndexPage, Theme
from resources.sorting import SORTS
from search import service
from search.backends.base import BackendUnavailable
from search.documents import FACETS

FACET_TITLES = {
    "theme": gettext_lazy("Thème"),
    "type": gettext_lazy("Type de ressource"),
    "audience": gettext_lazy("Public"),
    "network": gettext_lazy("Réseau"),
    "year": gettext_lazy("Année"),
    "licence": gettext_lazy("Licence"),
}


def _query_string(params, **changes):
    """The search URL's query string with some parameters changed (None removes them)."""
    items = {"q": [params.q] if params.q else []}
    for name in FACETS:
        items[name] = list(params.filters.get(name, ()))
    if params.sort:
        items["sort"] = [params.sort]
    if params.page_size != service.DEFAULT_PAGE_SIZE:
        items["page_size"] = [str(params.page_size)]
    items.update(
        {k: ([] if v is None else v if isinstance(v, list) else [v]) for k, v in changes.items()}
    )
    pairs = [(k, v) for k, values in items.items() for v in values if v not in ("", None)]
    return "?" + urlencode(pairs) if pairs else "?"


def _toggle(params, name, value):
    values = list(params.filters.get(name, ()))
    values = [v for v in values if v != value] if value in values else [*values, value]
    return _query_string(params, **{name: values})


def _no_store(response, params):
    # Result pages of a query are not cached anywhere: they change with every publication.
    if params.q:
        add_never_cache_headers(response)
    else:
        patch_cache_control(response, public=True, max_age=60)
    return response


@require_safe
def search_page(request):
    params = service.parse_params(request.GET, strict=False)
    try:
        outcome = service.search(params)
    except BackendUnavailable:
        response = render(request, "search/unavailable.html", status=503)
        return _no_store(response, params)
    facets = []
    for name in FACETS:
        entries = [
            {**entry, "toggle_url": _toggle(params, name, entry["value"])}
            for entry in outcome.facets.get(name, [])
        ]
        if entries:
            facets.append({"name": name, "title": FACET_TITLES[name], "entries": entries})
    active = [
        {"facet": FACET_TITLES[f["name"]], "label": e["label"], "remove_url": e["toggle_url"]}
        for f in facets
        for e in f["entries"]
        if e["selected"]
    ]
    pages = outcome.page_count
    context = {
        "params": params,
        "outcome": outcome,
        "results": outcome.results,
        "facets": facets,
        "active_filters": active,
        "clear_filters_url": _query_string(params, **dict.fromkeys(FACETS)),
        "sort_options": [
            (value, label, value == params.effective_sort)
            for value, label in SORTS.items()
            if value != "relevance" or params.q
        ],
        "previous_url": _query_string(params, page=str(params.page - 1))
        if 1 < params.page <= pages
        else None,
        "next_url": _query_string(params, page=str(params.page + 1))
        if params.page < pages
        else None,
        "suggestion_url": _query_string(params, q=outcome.suggestion)
        if outcome.suggestion
        else None,
        "promotions": _promotions(params.q) if params.q and params.page == 1 else [],
        "first_rank": (params.page - 1) * params.page_size + 1,
        "hidden_filters": [
            (name, value) for name, values in params.filters.items() for value in values
        ],
    }
    if not outcome.total:
        index_page = ResourceIndexPage.objects.live().first()
        context["browse_themes"] = (
            [(t, index_page.theme_url(t)) for t in Theme.objects.all()] if index_page else []
        )
    return _no_store(render(request, "search/search.html", context), params)


def _promotions(text):
    """Results chosen by the editors for this query (Wagtail's search promotions).

    Looking them up writes nothing; the hit is counted under the words the zero-result
    report would keep (`service.words_to_keep`), so what a visitor typed is never stored
    verbatim: no e-mail address, no phone number, no house number."""
    from wagtail.contrib.search_promotions.models import Query
    from wagtail.search.utils import normalise_query_string

    kept = service.words_to_keep(text)
    if kept:
        Query.get(kept).add_hit()
    wanted = {normalise_query_string(text), normalise_query_string(kept)} - {""}
    query = (
        Query.objects.filter(query_string__in=wanted, editors_picks__isnull=False)
        .distinct()
        .order_by("pk")
        .first()
    )
    if query is None:
        return []
    return [
        p for p in query.editors_picks.select_related("page").all() if p.page is None or p.page.live
    ]


@require_safe
def search_api(request):
    try:
        params = service.parse_params(request.GET, strict=True)
    except service.ParamError as error:
        return JsonResponse({"error": error.message}, status=400)
    try:
        outcome = service.search(params)
    except BackendUnavailable:
        return JsonResponse(
            {"error": _("La recherche est momentanément indisponible.")}, status=503
        )
    payload = {
        "query": params.q,
        "count": outcome.total,
        "page": params.page,
        "page_size": params.page_size,
        "results": [_result_json(request, page, snippet) for page, snippet in outcome.results],
        "facets": {
            name: [
                {"value": e["value"], "label": e["label"], "count": e["count"]}
                for e in outcome.facets.get(name, [])
            ]
            for name in FACETS
        },
        "suggestion": outcome.suggestion,
        # Added field: no resource had enough of the words, these match part of them.
        "partial": outcome.relaxed,
    }
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # for partner sites: public data only
    return _no_store(response, params)


def _result_json(request, page, snippet):
    return {
        "id": page.pk,
        "source_id": page.source_id,
        "title": page.title,
        # The address the partner reached us by (ALLOWED_HOSTS vouches for it).
        "url": request.build_absolute_uri(page.get_url(request=request)),
        "type": page.kind,
        "summary": page.summary,
        "themes": [theme.slug for theme in page.themes.all()],
        "network": page.network.slug if page.network_id else None,
        "year": page.year,
        "snippet": snippet or escape(page.summary),
        "downloads": [
            {
                "title": d.display_title,
                "url": request.build_absolute_uri(d.document.url),
                "size": d.document.file_size,
                "format": d.document.format_label,
            }
            for d in sorted(page.downloads.all(), key=lambda d: (d.sort_order or 0, d.pk))
            if d.document_id
        ],
    }


@require_safe
def autocomplete_view(request):
    found = service.autocomplete(request.GET.get("q", ""))
    results = []
    if found:
        index_page = ResourceIndexPage.objects.live().first()
        results += [
            {
                "type": "theme",
                "label": theme.name,
                "url": index_page.theme_url(theme) if index_page else "",
            }
            for theme in found["themes"]
        ]
        results += [
            {"type": "resource", "label": page.title, "url": page.url, "kind": page.kind}
            for page in found["resources"]
        ]
    response = JsonResponse(
        {"query": request.GET.get("q", "")[:100], "results": results},
        json_dumps_params={"ensure_ascii": False},
    )
    patch_cache_control(response, public=True, max_age=60)
    return response
