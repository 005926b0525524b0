"""The Elasticsearch backend, switched on by ELASTICSEARCH_URL.

The same behaviour as the embedded backend (search/backends/embedded.py is the reference),
written with `elasticsearch.dsl`: the document, its mapping and analyzers live in
`mapping.py` beside this module (`ResourceESDocument`), the queries, aggregations,
highlighting and suggesters are built here as `Search` objects and sent as plain bodies
through an engine object (`ElasticsearchEngine`): the one seam another client would plug
into. OpenSearch is recognised and refused for now (`connect`, README).

How it keeps the site answering:
- the client is built with a short timeout and no retries, and one search (two or three
  requests at most: typo correction, relaxed retry) shares one deadline, so a slow or
  closed server fails fast; every error propagates, the service falls back to the embedded
  backend, and indexing keeps its queue rows for the next drain or `search_reconcile`;
- after a connection failure, the backend refuses work for `DOWN_SECONDS` without trying
  (`connection_breaker`), so a drain after a publication does not wait for the network
  while the server is away; after any failed search, the service answers from the embedded
  backend for `SEARCH_DOWN_SECONDS` (`search_breaker`). Both are the shared circuit
  breaker (operations/breaker.py), held by this backend object;
- searches and writes go through an alias; a rebuild fills a new index, then switches the
  alias in one atomic request, so searches keep answering from the old index meanwhile.
"""

import logging
import threading
import time
from urllib.parse import urlsplit, urlunsplit

from elasticsearch import BadRequestError, ConnectionTimeout, Elasticsearch, NotFoundError
from elasticsearch import ConnectionError as ESConnectionError
from elasticsearch.dsl import Q, Search
from elasticsearch.helpers import bulk as es_bulk
from elasticsearch.helpers import scan as es_scan

from operations.breaker import CircuitBreaker
from search import analysis
from search.backends.base import BackendUnavailable, Hit, SearchResults
from search.backends.elasticsearch.mapping import ES_SCHEMA_VERSION, ResourceESDocument, es_index
from search.documents import FACETS
from search.query import (
    ALL_WORDS_BONUS,
    COVERAGE_BONUS,
    FACET_SIZES,
    FIELD_TIE_BREAKER,
    PHRASE_BONUS,
    PHRASE_FIELDS,
    PROXIMITY_BONUS,
    PROXIMITY_FIELDS,
    PROXIMITY_SLOP,
    TEXT_FIELDS,
    TITLE_PAIR_BONUS,
    TITLE_PAIR_SLOP,
    TITLE_PHRASE_BONUS,
    close_spellings,
    partial_required,
    present_required,
)

logger = logging.getLogger("amapartage.search")

# Snippets: the field where the words are, in order of preference when equally good.
SNIPPET_FIELDS = ("body", "summary", "attachments")
SNIPPET_CHARS = 260
# Writes carry whole documents (attachments included): they get more time than a search,
# but a drain runs before searches and after publications, so not much more.
WRITE_TIMEOUT = 5.0
REBUILD_TIMEOUT = 120.0
BULK_CHUNK = 100
BULK_BYTES = 10 * 1024 * 1024
# After a failure to reach the server, how long the backend refuses work without trying.
DOWN_SECONDS = 30.0
# After a search failed (down, slow or refusing), how long searches go to the embedded backend.
SEARCH_DOWN_SECONDS = 30.0
# How Elasticsearch applies each order of resources/sorting.py (relevance: by score).
ORDERS = {
    "date": [{"published": {"order": "desc", "missing": "_last"}}, {"id": "asc"}],
    "title": [{"title_sort": "asc"}, {"id": "asc"}],
    "downloads": [{"downloads": "desc"}, {"id": "asc"}],
}
SUGGEST = {
    "suggest_mode": "missing",
    "min_word_length": 3,
    "prefix_length": 1,
    "max_edits": 2,
    "size": 5,
}


def detect_flavour(headers, body):
    """`elasticsearch` or `opensearch`, from the answer of the server's root endpoint."""
    version = body.get("version") if isinstance(body, dict) else None
    version = version if isinstance(version, dict) else {}
    major = str(version.get("number", "")).split(".")[0]
    if version.get("distribution") == "opensearch":
        return "opensearch"
    if headers.get("x-elastic-product") == "Elasticsearch" and major.isdigit() and int(major) >= 8:
        return "elasticsearch"
    raise BackendUnavailable(
        "le serveur de ELASTICSEARCH_URL n'est ni Elasticsearch 8 ou 9 ni OpenSearch "
        f"(version : {str(version.get('number', '?'))[:20]})"
    )


class ElasticsearchEngine:
    """The official client, for Elasticsearch 8 and 9 (the 8.x client speaks to both)."""

    flavour = "elasticsearch"

    def __init__(self, client):
        self.client = client

    def _with(self, timeout):
        return self.client.options(request_timeout=timeout)

    def search(self, index, body, timeout):
        return self._with(timeout).search(index=index, body=body).body

    def bulk(self, actions, timeout, **options):
        """Writes through the alias, visible to the next search."""
        return es_bulk(
            self._with(timeout),
            actions,
            chunk_size=BULK_CHUNK,
            max_chunk_bytes=BULK_BYTES,
            refresh=True,
            require_alias=True,
            **options,
        )

    def bulk_into(self, index, actions, timeout):
        return es_bulk(
            self._with(timeout),
            actions,
            index=index,
            chunk_size=BULK_CHUNK,
            max_chunk_bytes=BULK_BYTES,
        )

    def scan(self, index, body, timeout):
        return es_scan(self._with(timeout), index=index, query=body, size=1000)

    def count(self, index, timeout):
        return self._with(timeout).count(index=index)["count"]

    def alias_targets(self, alias, timeout):
        """The concrete indexes behind `alias` ([] if none)."""
        client = self._with(timeout)
        if not client.indices.exists_alias(name=alias):
            return []
        return sorted(client.indices.get_alias(name=alias).body)

    def index_exists(self, name, timeout):
        return bool(self._with(timeout).indices.exists(index=name))

    def indexes_matching(self, pattern, timeout):
        return sorted(self._with(timeout).indices.get(index=pattern, ignore_unavailable=True).body)

    def create_index(self, name, body, timeout):
        self._with(timeout).indices.create(index=name, body=body)

    def refresh(self, name, timeout):
        self._with(timeout).indices.refresh(index=name)

    def update_aliases(self, actions, timeout):
        self._with(timeout).indices.update_aliases(actions=actions)

    def delete_indexes(self, names, timeout):
        if names:
            self._with(timeout).options(ignore_status=404).indices.delete(index=",".join(names))


def public_url(url):
    """`url` without the credentials it may carry: what may be logged."""
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def make_client(url, timeout):
    """A client that fails fast: one attempt, a short timeout, no retry on timeouts."""
    return Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)


def connect(url, timeout):
    """The engine behind `url`, after asking the server what it is.

    The root endpoint is read through the transport itself, below the official client's
    product check, so that an OpenSearch server is recognised rather than refused.
    """
    client = make_client(url, timeout)
    try:
        # The transport does not know the client's retry settings: given again here.
        response = client.transport.perform_request(
            "GET",
            "/",
            headers={"accept": "application/json"},
            request_timeout=timeout,
            max_retries=0,
            retry_on_timeout=False,
        )
        if not 200 <= response.meta.status < 300:
            raise BackendUnavailable(f"réponse {response.meta.status} du serveur de recherche")
        flavour = detect_flavour(response.meta.headers, response.body)
    except BaseException:
        client.close()
        raise
    if flavour == "elasticsearch":
        return ElasticsearchEngine(client)
    client.close()
    # The official client refuses other products, and a second client (opensearch-py)
    # would be a transport no one here could run: refused plainly (README).
    raise BackendUnavailable(
        "OpenSearch n'est pas pris en charge par ce backend (README, « Elasticsearch ») ; "
        "la recherche répond depuis le moteur embarqué"
    )


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, url, index_name="amapartage-resources", timeout=1.5):
        self.url = url
        self.index_name = index_name  # the alias searches and writes go through
        self.timeout = float(timeout)
        self._engine = None
        self._lock = threading.Lock()
        self.connection_breaker = CircuitBreaker("Elasticsearch", DOWN_SECONDS)
        self.search_breaker = CircuitBreaker("Elasticsearch (recherche)", SEARCH_DOWN_SECONDS)

    # -- the connection ---------------------------------------------------------------------
    def is_down(self):
        """True while a recent connection failure makes the backend refuse work."""
        return self.connection_breaker.is_open

    def engine(self):
        if self.is_down():
            raise BackendUnavailable(
                "Elasticsearch injoignable il y a peu : nouvel essai plus tard"
            )
        with self._lock:
            if self._engine is None:
                self._engine = self._guard(lambda: connect(self.url, self.timeout))
            return self._engine

    def _guard(self, call):
        """Run `call`; a server out of reach is remembered for DOWN_SECONDS."""
        try:
            return call()
        except (ESConnectionError, ConnectionTimeout) as exc:
            self.connection_breaker.failed()
            raise BackendUnavailable(
                f"Elasticsearch injoignable ({public_url(self.url)}) : {exc}"
            ) from exc

    def _run(self, call):
        engine = self.engine()
        try:
            return self._guard(lambda: call(engine))
        except NotFoundError as exc:
            if exc.error != "index_not_found_exception":
                raise
            # A new server, or an index deleted by hand: the reconcile command fills it.
            raise BackendUnavailable(
                f"pas d'index « {self.index_name} » sur le serveur : lancer la réconciliation "
                "de l'index de recherche (search_reconcile)"
            ) from exc

    def _new_index_name(self):
        return f"{self.index_name}-v{ES_SCHEMA_VERSION}-{time.time_ns()}"

    def _index_body(self, name):
        return es_index(name).to_dict()

    def _ensure_index(self, engine):
        """Create the index behind the alias if there is none (first write on a new server).

        Writes never go to a missing alias: `require_alias` makes the server refuse them
        instead of creating an index with guessed mappings.
        """
        if engine.alias_targets(self.index_name, WRITE_TIMEOUT):
            return
        if engine.index_exists(self.index_name, WRITE_TIMEOUT):
            raise BackendUnavailable(
                f"« {self.index_name} » est un index et non un alias : une reconstruction "
                "(indexing.rebuild) le remplacera"
            )
        # A fixed name, so that two processes writing first cannot give the alias two
        # indexes: the second one's creation fails and its write goes to the first's.
        name = f"{self.index_name}-v{ES_SCHEMA_VERSION}-0"
        body = self._index_body(name)
        body["aliases"] = {self.index_name: {}}
        try:
            engine.create_index(name, body, WRITE_TIMEOUT)
        except BadRequestError as exc:
            if exc.error != "resource_already_exists_exception":
                raise

    # -- writing ------------------------------------------------------------------------------
    def index_documents(self, documents):
        actions = [self._action(d) for d in documents]
        if not actions:
            return

        def write(engine):
            self._ensure_index(engine)
            engine.bulk(actions, WRITE_TIMEOUT)

        self._run(write)

    def _action(self, document, index=None):
        es_doc = ResourceESDocument.from_index_document(document)
        return {
            "_op_type": "index",
            "_index": index or self.index_name,
            "_id": str(document.id),
            "_source": es_doc.to_dict(),
        }

    def delete_documents(self, ids):
        actions = [{"_op_type": "delete", "_index": self.index_name, "_id": str(pk)} for pk in ids]
        if not actions:
            return

        def delete(engine):
            if not engine.alias_targets(self.index_name, WRITE_TIMEOUT):
                return  # nothing indexed yet: nothing to delete
            # Deleting what is not there is what was wanted.
            engine.bulk(actions, WRITE_TIMEOUT, ignore_status=(404,))

        self._run(delete)

    def rebuild(self, documents):
        """Fill a new index, then point the alias at it in one atomic request."""

        def build(engine):
            name = self._new_index_name()
            engine.create_index(name, self._index_body(name), REBUILD_TIMEOUT)
            try:
                count = 0

                def actions():
                    nonlocal count
                    for document in documents:
                        count += 1
                        yield self._action(document, index=name)

                engine.bulk_into(name, actions(), REBUILD_TIMEOUT)
                engine.refresh(name, REBUILD_TIMEOUT)
                previous = engine.alias_targets(self.index_name, REBUILD_TIMEOUT)
                switch = [{"add": {"index": name, "alias": self.index_name}}]
                switch += [{"remove": {"index": old, "alias": self.index_name}} for old in previous]
                if not previous and engine.index_exists(self.index_name, REBUILD_TIMEOUT):
                    # An index (not an alias) took the name, e.g. created by a write that
                    # came before any rebuild: replaced in the same atomic request.
                    switch.append({"remove_index": {"index": self.index_name}})
                engine.update_aliases(switch, REBUILD_TIMEOUT)
            except BaseException:
                engine.delete_indexes([name], REBUILD_TIMEOUT)
                raise
            # Older indexes of ours: the one just replaced, and any left by a failed rebuild.
            stale = [
                other
                for other in engine.indexes_matching(f"{self.index_name}-v*", REBUILD_TIMEOUT)
                if other != name and (other in previous or other < name)
            ]
            engine.delete_indexes(stale, REBUILD_TIMEOUT)
            return count

        return self._run(build)

    def drop_index(self):
        """Remove the alias and every index of ours (tests, decommissioning)."""

        def drop(engine):
            names = engine.alias_targets(self.index_name, REBUILD_TIMEOUT)
            names += engine.indexes_matching(f"{self.index_name}-v*", REBUILD_TIMEOUT)
            engine.delete_indexes(sorted(set(names)), REBUILD_TIMEOUT)

        self._run(drop)

    def indexed_versions(self):
        def versions(engine):
            if not engine.alias_targets(self.index_name, REBUILD_TIMEOUT):
                return {}
            body = {"query": {"match_all": {}}, "_source": ["id", "version"]}
            return {
                int(hit["_source"]["id"]): int(hit["_source"]["version"])
                for hit in engine.scan(self.index_name, body, REBUILD_TIMEOUT)
            }

        return self._run(versions)

    def doc_count(self):
        def count(engine):
            if not engine.alias_targets(self.index_name, self.timeout):
                return 0
            return engine.count(self.index_name, self.timeout)

        return self._run(count)

    # -- reading ------------------------------------------------------------------------------
    def search(self, query):
        deadline = time.monotonic() + self.timeout
        plan = query.plan

        def send(search):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise BackendUnavailable("Elasticsearch trop lent : délai dépassé")
            return self._run(
                lambda engine: engine.search(self.index_name, search.to_dict(), remaining)
            )

        response = send(self.build_search(plan, query, plan.required, suggest=True))
        plan, corrections = self.apply_corrections(plan, response)
        plan = self.apply_bridges(plan, response)
        for unit in plan.units:
            if unit.bridged:  # a real word the index lacks, not a typo: no correction shown
                corrections.pop(unit.words[0], None)
        present = units_present(response, plan)
        relaxed = False
        if not plan.is_empty and present < present_required(len(plan.units)):
            # Most of the words are nowhere in the library, even misspelt: nothing matches.
            response = send(self.build_search(plan, query, plan.required, nothing=True))
            corrections = {}
        elif any(unit.corrected or unit.bridged for unit in plan.units):
            response = send(self.build_search(plan, query, plan.required))
        enough, needed = partial_required(len(plan.units)), present_required(len(plan.units))
        if not total_of(response) and len(plan.units) > 1 and present >= needed:
            relaxed = True
            response = send(self.build_search(plan, query, enough))
        return self.results(response, plan, query, query.effective_sort, corrections, relaxed)

    @staticmethod
    def unit_alternatives(unit):
        """[(kind, value, boost)]: `text` analyzed by the server (the words as typed, their
        synonyms), or an index `term` (close spellings, found among the index's stems)."""
        return [
            ("text", unit.texts.get(terms, " ".join(terms)), boost)
            for terms, boost in unit.alternatives
        ] + [("term", terms[0], boost) for terms, boost in unit.typos]

    @staticmethod
    def match(field, kind, value, boost):
        if kind == "term":
            return Q("term", **{field: {"value": value, "boost": boost}})
        # One word: a term query; several: the words in a row, as the embedded backend does.
        return Q("match_phrase", **{field: {"query": value, "boost": boost}})

    def unit_query(self, alternatives):
        per_field = []
        for field, weight in TEXT_FIELDS.items():
            options = [
                self.match(field, kind, value, weight * boost)
                for kind, value, boost in alternatives
            ]
            per_field.append(options[0] if len(options) == 1 else Q("bool", should=options))
        return Q("dis_max", queries=per_field, tie_breaker=FIELD_TIE_BREAKER)

    def text_query(self, plan, required):
        units = [self.unit_query(self.unit_alternatives(unit)) for unit in plan.units]
        matching = Q("bool", should=units, minimum_should_match=required)
        bonuses = []
        if plan.rewards_all_words:
            bonuses.append(Q("constant_score", filter=Q("bool", must=units), boost=ALL_WORDS_BONUS))
        if len(plan.phrase) > 1:
            phrases = [Q("match_phrase", **{f: plan.phrase_text}) for f in PHRASE_FIELDS]
            bonuses.append(
                Q("constant_score", filter=Q("bool", should=phrases), boost=PHRASE_BONUS)
            )
            bonuses.append(
                Q(
                    "constant_score",
                    filter=Q("match_phrase", title=plan.phrase_text),
                    boost=TITLE_PHRASE_BONUS,
                )
            )
        if len(units) > 1:
            bonuses.extend(Q("constant_score", filter=u, boost=COVERAGE_BONUS) for u in units)
        for _terms, text in plan.proximity_pairs():
            # Slop counts a swap as two moves (Lucene), so either order is within reach.
            near = [
                Q("match_phrase", **{f: {"query": text, "slop": PROXIMITY_SLOP}})
                for f in PROXIMITY_FIELDS
            ]
            bonuses.append(
                Q("constant_score", filter=Q("bool", should=near), boost=PROXIMITY_BONUS)
            )
            # Either order within TITLE_PAIR_SLOP words: a swap costs Lucene two moves.
            in_title = Q("match_phrase", title={"query": text, "slop": TITLE_PAIR_SLOP + 2})
            bonuses.append(Q("constant_score", filter=in_title, boost=TITLE_PAIR_BONUS))
        if not bonuses:
            return matching
        return Q("bool", must=[matching], should=bonuses)

    @staticmethod
    def filter_queries(filters):
        return {
            name: Q("terms", **{name: list(values)})
            for name, values in filters.items()
            if values and name in FACETS
        }

    def build_search(self, plan, query, required, suggest=False, nothing=False):
        """The request body of one search, as an `elasticsearch.dsl.Search`."""
        sort = query.effective_sort
        search = Search().extra(track_total_hits=True).source(False)
        if nothing:
            search = search.query(Q("bool", must_not=[Q("match_all")]))
        elif plan.is_empty:
            search = search.query(Q("match_all"))
        else:
            search = search.query(self.text_query(plan, required))
        filters = self.filter_queries(query.filters)
        # Hits obey every filter; each facet is counted with every filter but its own.
        if filters:
            search = search.post_filter(Q("bool", filter=list(filters.values())))
        if query.facets:
            for name in FACETS:
                others = [q for other, q in filters.items() if other != name]
                scope = Q("bool", filter=others) if others else Q("match_all")
                search.aggs.bucket(name, "filter", filter=scope).bucket(
                    "values", "terms", field=name, size=FACET_SIZES[name]
                )
        if sort in ORDERS:
            search = search.sort(*ORDERS[sort])
        search = search[query.offset : query.offset + max(query.limit, 1)]
        if query.highlight and not plan.is_empty:
            search = search.highlight_options(
                pre_tags=["<mark>"],
                post_tags=["</mark>"],
                encoder="html",
                type="unified",
                number_of_fragments=1,
                fragment_size=SNIPPET_CHARS,
                no_match_size=0,
            ).highlight(*SNIPPET_FIELDS)
        bridge_terms = sorted(plan.thesaurus_terms()) if suggest else []
        if bridge_terms:
            # In how many resources each word that the thesaurus might bridge, and each of
            # its synonyms, is found (the embedded backend reads its vocabulary).
            frequencies = search.aggs.bucket("terms_present", "global")
            for term in bridge_terms:
                frequencies.bucket(f"term_{term}", "filter", filter=Q("term", lexicon=term))
        if suggest and len(plan.units) > 1:
            # Which units the library contains at all, whatever the filters (the embedded
            # backend reads its vocabulary): an answer needs more than half of them. (One
            # word the index lacks simply matches nothing.)
            presence = search.aggs.bucket("units_present", "global")
            for index, unit in enumerate(plan.units):
                presence.bucket(
                    f"unit_{index}", "filter", filter=self.unit_query(self.unit_alternatives(unit))
                )
            for index, unit in enumerate(plan.units):
                if self.correctable(unit):
                    text = unit.texts.get(unit.terms, unit.words[0])
                    search = search.suggest(
                        f"lexicon_{index}", text, term={"field": "lexicon", **SUGGEST}
                    ).suggest(
                        f"surface_{index}",
                        text,
                        term={"field": "surface", **SUGGEST, "suggest_mode": "always"},
                    )
        return search

    @staticmethod
    def correctable(unit):
        """A typed word that may be misspelt. Words of the synonym list are the movement's
        vocabulary, not typos (the embedded backend looks them up in the index instead)."""
        return unit.may_be_misspelt and len(unit.alternatives) == 1

    @staticmethod
    def apply_bridges(plan, response):
        """The plan with thesaurus synonyms for the words the index lacks or hardly uses
        (frequencies from the first request's `terms_present`; the rule is the plan's)."""
        found = (response.get("aggregations") or {}).get("terms_present")
        if found is None:
            return plan
        return plan.with_bridges(lambda term: found.get(f"term_{term}", {}).get("doc_count", 0))

    def apply_corrections(self, plan, response):
        """(plan with close spellings of the words the index does not know, as index terms;
        {typed word: correction to show})."""
        corrections, typos = {}, {}
        suggestions = response.get("suggest") or {}
        for index in range(len(plan.units)):
            entries = suggestions.get(f"lexicon_{index}") or []
            if len(entries) != 1 or not entries[0].get("options"):
                continue  # known (no option in « missing » mode), or nothing close
            candidates = close_spellings(
                entries[0]["text"],
                [(option["text"], option.get("freq", 0)) for option in entries[0]["options"]],
            )
            if candidates:
                typos[index] = candidates
        plan = plan.with_typos(typos)
        for index, candidates in typos.items():
            unit = plan.units[index]
            if not unit.correction_shown:  # a real word the index lacks (the plan's rule)
                continue
            best = candidates[0][0]
            words = [
                option["text"]
                for entry in suggestions.get(f"surface_{index}") or []
                for option in entry.get("options", [])
            ]
            same_stem = [w for w in words if analysis.terms(w) == [best]]
            shown = (same_stem or words or [None])[0]
            if shown:
                corrections[unit.words[0]] = shown
        return plan, corrections

    def results(self, response, plan, query, sort, corrections, relaxed):
        hits = []
        for raw in response["hits"]["hits"]:
            hit = Hit(id=int(raw["_id"]), score=raw.get("_score") if sort == "relevance" else None)
            if query.highlight and not plan.is_empty:
                hit.snippet = best_snippet(raw.get("highlight") or {})
            hits.append(hit)
        facets = {}
        if query.facets:
            aggregations = response.get("aggregations") or {}
            facets = {
                name: [
                    (bucket["key"], bucket["doc_count"])
                    for bucket in aggregations.get(name, {}).get("values", {}).get("buckets", [])
                ]
                for name in FACETS
            }
        return SearchResults(
            total=total_of(response),
            hits=hits,
            facets=facets,
            suggestion=plan.corrected_text(corrections) if corrections else None,
            relaxed=relaxed,
            backend=self.name,
        )


def units_present(response, plan):
    """How many units the index contains (from the first request's `units_present`), a
    corrected unit counting as present. Without that aggregation, every unit counts."""
    found = (response.get("aggregations") or {}).get("units_present")
    if found is None:
        return len(plan.units)
    return sum(
        1
        for index, unit in enumerate(plan.units)
        if unit.corrected or unit.bridged or found.get(f"unit_{index}", {}).get("doc_count", 0)
    )


def total_of(response):
    total = response["hits"]["total"]
    return total["value"] if isinstance(total, dict) else int(total)


def best_snippet(highlight):
    """The fragment with the most distinct marked words (body first when equally good)."""
    best, best_score = "", 0
    for field in SNIPPET_FIELDS:
        fragments = highlight.get(field) or []
        if not fragments:
            continue
        fragment = fragments[0]
        marked = {part.split("</mark>", 1)[0].casefold() for part in fragment.split("<mark>")[1:]}
        if len(marked) > best_score:
            best, best_score = fragment, len(marked)
    return " ".join(best.split())
