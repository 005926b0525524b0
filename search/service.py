"""The search service: one entry point for the search page, the API and autocomplete.

It validates parameters, asks the primary backend (Elasticsearch when configured, else the
embedded one), falls back to the embedded backend when Elasticsearch fails or is slow, turns
ids into pages, labels facets, and records the queries that found nothing.
"""

import logging
import re
import threading
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cachetools import TTLCache, cached

from operations.params import MAX_ID, bounded_int
from resources.models import (
    KINDS,
    Audience,
    Licence,
    Network,
    ResourceDocument,
    ResourceDownload,
    Theme,
)
from resources.sorting import SORTS
from search import backends, indexing
from search.analysis import fold
from search.backends.base import BackendUnavailable, SearchQuery
from search.documents import FACETS, public_resources
from search.models import ZeroResultQuery
from search.query import clean, plan

logger = logging.getLogger("amapartage.search")

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Deeper than this, a page of results is answered empty rather than computed: no visitor
# reads the 500th page, and a huge offset must not cost the engine anything.
MAX_OFFSET = 10_000


class ParamError(ValueError):
    def __init__(self, param, message):
        super().__init__(message)
        self.param = param
        self.message = message


@dataclass
class SearchParams:
    q: str = ""
    filters: dict = field(default_factory=dict)
    sort: str = ""
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    notices: list = field(default_factory=list)  # what was wrong and was corrected (HTML page)

    @property
    def effective_sort(self):
        return self.sort or ("relevance" if self.q.strip() else "date")


def _positive_int(params, name, default, maximum=None):
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = bounded_int(raw, minimum=None, maximum=None)
    except ValueError:
        raise ParamError(
            name,
            _("Le paramètre « %(name)s » doit être un nombre entier (reçu : « %(value)s »).")
            % {"name": name, "value": str(raw)[:50]},
        ) from None
    maximum = maximum or MAX_ID
    if value < 1 or value > maximum:
        bounds = _("entre 1 et %(max)s") % {"max": maximum}
        raise ParamError(
            name,
            _("Le paramètre « %(name)s » doit valoir %(bounds)s (reçu : %(value)s).")
            % {"name": name, "bounds": bounds, "value": value},
        )
    return value


def parse_params(params, strict=True):
    """SearchParams from a QueryDict. Strict (API): a bad value raises ParamError. Lenient
    (search page): a bad value is replaced by its default and explained in `notices`."""
    result = SearchParams(q=clean(params.get("q", "")))
    for name in FACETS:
        values = [clean(v)[:100] for v in params.getlist(name) if clean(v)]
        if values:
            result.filters[name] = tuple(dict.fromkeys(values))[:50]
    checks = (
        ("page", lambda: _positive_int(params, "page", 1)),
        ("page_size", lambda: _positive_int(params, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)),
        ("sort", lambda: _sort(params)),
    )
    for name, check in checks:
        try:
            setattr(result, name, check())
        except ParamError as error:
            if strict:
                raise
            result.notices.append(error.message)
    return result


def _sort(params):
    sort = params.get("sort", "")
    if sort and sort not in SORTS:
        raise ParamError(
            "sort",
            _("Le paramètre « sort » doit valoir %(values)s (reçu : « %(value)s »).")
            % {"values": ", ".join(f"« {s} »" for s in SORTS), "value": sort[:50]},
        )
    return sort


# -- facet labels --------------------------------------------------------------------------

_labels = TTLCache(maxsize=1, ttl=60)


@cached(_labels, lock=threading.Lock())
def facet_labels():
    """{facet: {value: label}}, cached for a minute (vocabularies change rarely)."""
    return {
        "theme": dict(Theme.objects.values_list("slug", "name")),
        "type": {slug: str(cls.kind_label) for slug, cls in KINDS.items()},
        "audience": dict(Audience.objects.values_list("slug", "name")),
        "network": dict(Network.objects.values_list("slug", "name")),
        "licence": dict(Licence.objects.values_list("slug", "name")),
        "year": {},
    }


def forget_labels(**_kwargs):
    """Forget the cached labels (a vocabulary entry changed; tests)."""
    _labels.clear()


# -- running a search ------------------------------------------------------------------------


@dataclass
class Outcome:
    params: SearchParams
    total: int
    results: list  # [(ResourcePage, snippet)]
    facets: dict  # facet → [{"value", "label", "count", "selected"}]
    suggestion: str | None
    relaxed: bool
    backend: str
    degraded: bool = False  # Elasticsearch failed: the embedded backend answered

    @property
    def page_count(self):
        return max(1, -(-self.total // self.params.page_size))


def _query_backends(query):
    """(results, degraded): Elasticsearch first when configured, the embedded one if it fails.

    After a failure, Elasticsearch is left alone for a while (its `search_breaker`)."""
    es = backends.elasticsearch_backend()
    if es is not None and not es.search_breaker.is_open:
        try:
            return es.search(query), False
        except Exception as exc:  # down, slow or refusing: the visitor still gets an answer
            es.search_breaker.failed()
            logger.error("Elasticsearch indisponible, réponse du moteur embarqué : %s", exc)
    embedded = backends.embedded_backend()
    return embedded.search(query), es is not None


def _ensure_fresh():
    """Fill an empty embedded index on first use (once per backend object).

    Pending index changes are never applied here: answering a visitor does not write the
    index. The outbox is drained after the commits that fill it (indexing.enqueue), and by
    `search_reconcile`.
    """
    embedded = backends.embedded_backend()
    if embedded.checked_not_empty:
        return
    embedded.checked_not_empty = True
    try:
        if not embedded.doc_count() and public_resources().exists():
            logger.warning("Index de recherche vide : reconstruction")
            indexing.reconcile([embedded])
    except Exception:
        logger.exception("Reconstruction de l'index impossible")


def search(params):
    _ensure_fresh()
    offset = (params.page - 1) * params.page_size
    deep = offset > MAX_OFFSET
    query = SearchQuery(  # the query plan is built here, once, whatever backend answers
        text=params.q,
        plan=plan(params.q),
        filters=params.filters,
        sort=params.effective_sort,
        offset=0 if deep else offset,
        limit=1 if deep else params.page_size,
    )
    try:
        found, degraded = _query_backends(query)
    except BackendUnavailable:
        logger.exception("Aucun moteur de recherche ne répond")
        raise
    hits = [] if deep else found.hits
    pages = _load_pages([hit.id for hit in hits])
    results = [(pages[hit.id], hit.snippet) for hit in hits if hit.id in pages]
    outcome = Outcome(
        params=params,
        total=found.total,
        results=results,
        facets=_label_facets(found.facets, params.filters),
        suggestion=found.suggestion,
        relaxed=found.relaxed,
        backend=found.backend,
        degraded=degraded,
    )
    if params.q and params.page == 1:
        record_query(params.q, found.total)
    return outcome


# What a result card and the API read from a page (everything else stays in the database).
CARD_FIELDS = (
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "content_type",
    "live",
    "locale",
    "summary",
    "kind",
    "year",
    "network",
    "source_id",
    "first_published_at",
)


def _load_pages(ids):
    """The live public pages of these ids, in one query (the database has the last word)."""
    if not ids:
        return {}
    from django.db.models import Prefetch

    # Only what a result card and the API show: not the body, not the documents' extracted
    # text (both can weigh hundreds of kilobytes for twenty results).
    documents = ResourceDocument.objects.only(
        "title", "file", "file_size", "collection__depth", "collection__name"
    ).select_related("collection")
    downloads = (
        ResourceDownload.objects.select_related(None)
        .prefetch_related(Prefetch("document", queryset=documents))
        .order_by("sort_order", "pk")
    )
    pages = (
        public_resources()
        .filter(pk__in=ids)
        .select_related("network")
        .only(*CARD_FIELDS, "network__name", "network__slug")
        .prefetch_related("themes", Prefetch("downloads", queryset=downloads))
    )
    return {page.pk: page for page in pages}


def _label_facets(facets, filters):
    labels = facet_labels()
    labelled = {}
    for name in FACETS:
        counts = dict(facets.get(name, []))
        selected = set(filters.get(name, ()))
        for value in selected:  # a selected value stays visible, so it can be unselected
            counts.setdefault(value, 0)
        entries = [
            {
                "value": value,
                "label": labels[name].get(value, value),
                "count": count,
                "selected": value in selected,
            }
            for value, count in counts.items()
        ]
        if name == "year":
            entries.sort(key=lambda e: e["value"], reverse=True)
        else:
            entries.sort(key=lambda e: (-e["count"], e["label"].casefold()))
        labelled[name] = entries
    return labelled


def autocomplete(text, limit=8):
    """Themes whose name starts with the words, then resource titles."""

    text = clean(text)[:100]
    folded = fold(text).strip()
    if len(folded) < 2:
        return []
    words = folded.split()
    themes = [
        theme
        for theme in Theme.objects.all()
        if all(any(w.startswith(q) for w in fold(theme.name).split()) for q in words)
    ]
    try:
        _ensure_fresh()
        titles = backends.embedded_backend().autocomplete(text, limit)
    except BackendUnavailable:
        titles = []
    pages = _load_pages([t.id for t in titles])
    return {"themes": themes[:4], "resources": [pages[t.id] for t in titles if t.id in pages]}


# -- the editors' report ----------------------------------------------------------------------

# An e-mail address or a phone number anywhere: nothing of that query is kept.
_PERSONAL = re.compile(r"@|\d[\d .()/+-]{5,}\d")
MAX_KEPT_CHARS = 200


def words_to_keep(text):
    """What may be kept of a visitor's query, for the editors' reports (zero results, search
    promotion hits): its words, or "" if it looks like it holds an e-mail address or a phone
    number. Tokens with digits (a house number, a postcode, a birth date) are dropped."""
    text = clean(text)
    if _PERSONAL.search(text) or _PERSONAL.search(fold(text)):
        return ""
    words = [word for word in text.split() if not any(c.isdigit() for c in word)]
    return " ".join(words)[:MAX_KEPT_CHARS].strip()


def record_query(text, total):
    """Count queries that found nothing (normalised words only, never personal data)."""
    if total:
        return
    normalised = " ".join(fold(words_to_keep(text)).split())[:MAX_KEPT_CHARS]
    if not normalised:
        return

    today = timezone.localdate()
    try:
        with transaction.atomic():
            updated = ZeroResultQuery.objects.filter(query=normalised, day=today).update(
                count=F("count") + 1
            )
            if not updated:
                ZeroResultQuery.objects.create(query=normalised, day=today)
    except IntegrityError:  # two requests raced to create the row: count it once more
        ZeroResultQuery.objects.filter(query=normalised, day=today).update(count=F("count") + 1)
