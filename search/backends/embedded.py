"""The embedded backend: a tantivy index in a folder beside the database.

Why tantivy rather than the database's own full-text search: measured on this kind of
machine (../shared/search-anchors.md), it answers in about a millisecond at 100k resources
with facets over every match, where the stock database backends take seconds; it works the
same beside SQLite and PostgreSQL; and it stems and folds French the way we tell it to,
because we hand it our own tokens (search/analysis.py).

What it costs, and how we pay:
- The index lives outside the database, so it must follow the database across processes
  and transactions. Changes go through a transactional outbox (search.models.IndexQueue,
  search/indexing.py): nothing is lost if a process dies, and `search_reconcile` compares
  versions to repair anything else.
- One writer at a time per index: writers are opened briefly, and a busy lock is retried.
- A rebuild writes a new index folder and switches a pointer file atomically, so searches
  go on answering from the old one meanwhile.
"""

import json
import logging
import os
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import tantivy
from rapidfuzz.distance import OSA

from search import analysis, dictionary, highlight
from search.backends.base import BackendUnavailable, Hit, SearchResults, Suggestion
from search.documents import FACETS
from search.query import (
    ALL_WORDS_BONUS,
    COVERAGE_BONUS,
    FACET_SIZES,
    FIELD_TIE_BREAKER,
    MAX_TYPO_CANDIDATES,
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
    respelling,
)

logger = logging.getLogger("amapartage.search")

SCHEMA_VERSION = "1"
PAYLOAD_CHARS = 60_000
LOCK_WAIT_SECONDS = 10.0
SEP = "\x1f"


def build_schema():
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    for name in TEXT_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", index_option="position")
    # Vocabulary for typo correction (stems) and suggestions (stem + surface word).
    builder.add_text_field("lexicon", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("surface", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("title_ngrams", tokenizer_name="raw", index_option="freq")
    for name in FACETS:
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic", fast=True)
    builder.add_integer_field("published", indexed=True, fast=True)
    builder.add_integer_field("downloads", indexed=True, fast=True)
    builder.add_integer_field("version", fast=True)
    builder.add_text_field("title_sort", tokenizer_name="raw", index_option="basic", fast=True)
    builder.add_bytes_field("payload", stored=True)
    return builder.build()


def _pre_tokenized(tokens):
    return tantivy.PreTokenizedString(
        "", [tantivy.Token(t.term, t.position, t.start, t.end) for t in tokens]
    )


def _bag(values):
    """A pre-tokenized field of distinct values, for vocabulary fields."""
    return tantivy.PreTokenizedString(
        "", [tantivy.Token(v, n, 0, 0) for n, v in enumerate(sorted(values))]
    )


def to_tantivy(document):
    doc = tantivy.Document()
    doc.add_integer("id", document.id)
    lexicon, surface = set(), set()
    for name in TEXT_FIELDS:
        tokens = analysis.analyze(getattr(document, name))
        doc.add_pre_tokenized_text(name, _pre_tokenized(tokens))
        if name != "attachments":  # extracted text is too noisy to suggest spellings from
            for token in tokens:
                lexicon.add(token.term)
                surface.add(f"{token.term}{SEP}{token.word}")
    doc.add_pre_tokenized_text("lexicon", _bag(lexicon))
    doc.add_pre_tokenized_text("surface", _bag(surface))
    doc.add_pre_tokenized_text("title_ngrams", _bag(set(analysis.edge_ngrams(document.title))))
    for name in FACETS:
        for value in document.facet_values(name):
            doc.add_text(name, value)
    doc.add_integer("published", document.published)
    doc.add_integer("downloads", document.downloads)
    doc.add_integer("version", document.version)
    doc.add_text("title_sort", document.title_sort or " ")
    payload = {
        "title": document.title,
        "summary": document.summary,
        "body": document.body[:PAYLOAD_CHARS],
        "attachments": document.attachments[:PAYLOAD_CHARS],
    }
    doc.add_bytes("payload", json.dumps(payload, ensure_ascii=False).encode())
    return doc


class EmbeddedBackend:
    name = "embedded"

    def __init__(self, path):
        self.root = Path(path)
        self.schema = build_schema()
        self._lock = threading.RLock()
        self._opened = None  # (folder name, tantivy.Index)
        self._pointer_mtime = None
        self._meta_mtime = None
        # Whether the search service has checked that this index is not empty (service.py).
        self.checked_not_empty = False

    # -- the index folder ------------------------------------------------------------------
    @property
    def pointer(self):
        return self.root / "CURRENT"

    def _new_folder(self, prefix="index"):
        self.root.mkdir(parents=True, exist_ok=True)
        folder = self.root / f"{prefix}-v{SCHEMA_VERSION}-{time.time_ns()}-{os.getpid()}"
        folder.mkdir()
        return folder

    def _switch_to(self, folder):
        tmp = self.root / f"CURRENT.{os.getpid()}.tmp"
        tmp.write_text(folder.name)
        os.replace(tmp, self.pointer)

    def _current_folder(self):
        try:
            name = self.pointer.read_text().strip()
        except FileNotFoundError:
            name = ""
        if name and f"-v{SCHEMA_VERSION}-" in name and (self.root / name).is_dir():
            return self.root / name
        return None

    def _index(self):
        """The open index, reopened when another process switched to a rebuilt one."""
        with self._lock:
            try:
                mtime = self.pointer.stat().st_mtime_ns
            except FileNotFoundError:
                mtime = None
            if self._opened is not None and mtime == self._pointer_mtime:
                return self._opened[1]
            folder = self._current_folder()
            if folder is None:
                folder = self._new_folder()
                tantivy.Index(self.schema, path=str(folder), reuse=False)
                self._switch_to(folder)
                mtime = self.pointer.stat().st_mtime_ns
            index = tantivy.Index(self.schema, path=str(folder), reuse=True)
            self._opened, self._pointer_mtime, self._meta_mtime = (folder.name, index), mtime, None
            return index

    def _searcher(self):
        # Under the lock: a rebuild in another thread switches folders and deletes the old one;
        # the searcher, once made, keeps its files open (POSIX) and answers from them.
        with self._lock:
            try:
                return self._fresh_searcher()
            except (OSError, ValueError):
                # The folder was deleted by a rebuild in another process between our check of
                # CURRENT and tantivy's lock file: open the new one.
                if self._opened is None or (self.root / self._opened[0]).is_dir():
                    raise
                self._opened = None
                return self._fresh_searcher()

    def _fresh_searcher(self):
        index = self._index()
        folder = self.root / self._opened[0]
        try:
            meta = (folder / "meta.json").stat().st_mtime_ns
        except FileNotFoundError:
            meta = None
        if meta != self._meta_mtime:  # a commit happened, maybe in another process
            index.reload()
            self._meta_mtime = meta
        return index.searcher()

    @contextmanager
    def _writer(self, index, heap=50_000_000, threads=1):
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                writer = index.writer(heap, threads)
                break
            except ValueError as exc:
                if "LockBusy" not in str(exc) or time.monotonic() > deadline:
                    raise BackendUnavailable(f"index verrouillé : {exc}") from exc
                time.sleep(0.05)
        try:
            yield writer
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()
            del writer

    # -- writing ---------------------------------------------------------------------------
    def index_documents(self, documents):
        documents = list(documents)
        if not documents:
            return
        converted = [(d.id, to_tantivy(d)) for d in documents]
        with self._lock, self._writer(self._index()) as writer:
            for page_id, doc in converted:
                writer.delete_documents_by_term("id", page_id)
                writer.add_document(doc)

    def delete_documents(self, ids):
        ids = list(ids)
        if not ids:
            return
        with self._lock, self._writer(self._index()) as writer:
            for page_id in ids:
                writer.delete_documents_by_term("id", page_id)

    def rebuild(self, documents):
        folder = self._new_folder()
        index = tantivy.Index(self.schema, path=str(folder), reuse=False)
        count = 0
        with self._writer(index, heap=200_000_000, threads=2) as writer:
            for document in documents:
                writer.add_document(to_tantivy(document))
                count += 1
        with self._lock:
            previous = self._current_folder()
            self._switch_to(folder)
            self._opened = None
        # Open files stay readable for processes still using the old index (POSIX).
        for old in self.root.glob("index-*"):
            if old != folder and (previous is None or old == previous or old.name < folder.name):
                shutil.rmtree(old, ignore_errors=True)
        return count

    def indexed_versions(self):
        searcher = self._searcher()
        if not searcher.num_docs:
            return {}
        result = searcher.search(tantivy.Query.all_query(), searcher.num_docs, count=False)
        addresses = [address for _score, address in result.hits]
        ids = searcher.fast_field_values("id", addresses)
        versions = searcher.fast_field_values("version", addresses)
        return dict(zip(ids, versions, strict=True))

    # -- reading ---------------------------------------------------------------------------
    def _term(self, field, term):
        return tantivy.Query.term_query(self.schema, field, term)

    def _match(self, field, terms, offsets=None):
        if len(terms) == 1:
            return self._term(field, terms[0])
        if offsets:  # the words as typed, stopword gaps included
            words = list(zip(offsets, terms, strict=True))
            return tantivy.Query.phrase_query(self.schema, field, words)
        # A synonym expression: its stopwords may differ from the text's (« céder sa ferme »,
        # « céder la ferme »), so allow a small gap.
        return tantivy.Query.phrase_query(self.schema, field, list(enumerate(terms)), slop=2)

    def _unit_query(self, unit):
        per_field = []
        for field, weight in TEXT_FIELDS.items():
            options = [
                tantivy.Query.boost_query(
                    self._match(field, terms, unit.offsets if terms == unit.terms else None),
                    weight * boost,
                )
                for terms, boost in unit.alternatives + unit.typos
            ]
            per_field.append(
                options[0]
                if len(options) == 1
                else tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in options])
            )
        return tantivy.Query.disjunction_max_query(per_field, FIELD_TIE_BREAKER)

    def _text_query(self, plan, required):
        units = [self._unit_query(u) for u in plan.units]
        matching = tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in units], required)
        bonuses = []
        if plan.rewards_all_words:
            every = tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in units])
            bonuses.append(tantivy.Query.const_score_query(every, ALL_WORDS_BONUS))
        if len(plan.phrase) > 1:
            phrases = [
                tantivy.Query.phrase_query(self.schema, f, list(plan.phrase)) for f in PHRASE_FIELDS
            ]
            bonuses.append(
                tantivy.Query.const_score_query(
                    tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in phrases]),
                    PHRASE_BONUS,
                )
            )
            bonuses.append(
                tantivy.Query.const_score_query(
                    tantivy.Query.phrase_query(self.schema, "title", list(plan.phrase)),
                    TITLE_PHRASE_BONUS,
                )
            )
        if len(units) > 1:
            bonuses.extend(tantivy.Query.const_score_query(q, COVERAGE_BONUS) for q in units)
        for terms, _text in plan.proximity_pairs():
            for fields, slop, bonus in (
                (PROXIMITY_FIELDS, PROXIMITY_SLOP, PROXIMITY_BONUS),
                (("title",), TITLE_PAIR_SLOP, TITLE_PAIR_BONUS),
            ):
                near = [
                    tantivy.Query.phrase_query(self.schema, f, list(order), slop=slop)
                    for f in fields
                    for order in (terms, terms[::-1])
                ]
                bonuses.append(
                    tantivy.Query.const_score_query(
                        tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in near]),
                        bonus,
                    )
                )
        if not bonuses:
            return matching
        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, matching)] + [(tantivy.Occur.Should, b) for b in bonuses]
        )

    @staticmethod
    def _only_in_attachments(plan, searcher):
        def found(field, unit):
            return any(
                all(searcher.doc_freq(field, t) for t in terms) for terms, _b in unit.alternatives
            )

        return sum(
            1 for unit in plan.units if not found("lexicon", unit) and found("attachments", unit)
        )

    def _correct(self, plan, searcher):
        """(plan with close spellings of the words the library does not contain,
        {typed: correction to show}, how many units the library contains)."""
        corrections, typos, present = {}, {}, 0
        for index, unit in enumerate(plan.units):
            # Known as typed, or through one of its synonyms: nothing to correct.
            if any(
                all(searcher.doc_freq("lexicon", t) for t in terms)
                for terms, _boost in unit.alternatives
            ):
                present += 1
                continue
            if not unit.may_be_misspelt:
                continue
            candidates = self._close_terms(searcher, unit.terms[0], unit.words[0])
            if not candidates:
                continue
            typos[index] = candidates
        if typos:
            typos = self._best_together(searcher, plan, typos, present)
            present += len(typos)
            plan = plan.with_typos(typos)
            for index, candidates in typos.items():
                unit = plan.units[index]
                if not unit.correction_shown:  # a real word the library lacks
                    continue
                written = self._written_form(searcher, candidates[0][0], unit.words[0])
                if written:
                    corrections[unit.words[0]] = written
        if corrections:
            # Since we suggest anyway, give the other words their accents back as the library
            # writes them (« cagnote grele » → « cagnotte grêle »).
            for unit in plan.units:
                word = unit.words[0] if unit.is_single else None
                if word is None or word in corrections or unit.quoted:
                    continue
                written = self._written_form(searcher, unit.terms[0], word)
                if written and respelling(word, written, dictionary.is_word):
                    corrections[word] = written
        return plan, corrections, present

    @staticmethod
    def _bridge(plan, searcher, corrections, present):
        """(plan with the thesaurus's bridges, corrections, units present): a word the
        library lacks may be bridged once typos are looked for (query.with_bridges)."""
        bridged = plan.with_bridges(lambda term: searcher.doc_freq("lexicon", term))
        for before, after in zip(plan.units, bridged.units, strict=True):
            if after.bridged:
                if before.corrected:  # was counted present through its close spellings
                    corrections.pop(before.words[0], None)
                else:
                    present += 1
        return bridged, corrections, present

    def _best_together(self, searcher, plan, typos, present):
        """Candidates reordered so the first makes the most words of the query match in the
        same resources (« panier solidere » → « solidaire », which meets « panier »), then
        the closest, then the most frequent. A word whose close spellings are all two edits
        away and never meet the query's other words is not a typo but a word the library
        lacks (« recette de tiramisu »): it is dropped."""
        others = {
            index: [terms for terms, _boost in unit.alternatives]
            for index, unit in enumerate(plan.units)
            if index not in typos
        }
        if not others:
            return typos

        def together(index, term):
            queries = [self._lexicon_any([(term,)])] + [
                self._lexicon_any(alternatives)
                for other, alternatives in others.items()
                if other != index
            ]
            matched = tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in queries])
            return searcher.search(matched, 1, count=True).count

        ordered = {}
        for index, candidates in typos.items():
            scored = [(together(index, c[0]), c) for c in candidates]
            scored.sort(key=lambda s: (-bool(s[0]), s[1][1], -s[0], -s[1][2]))
            lacking = present and not any(n for n, _c in scored) and scored[0][1][1] > 1
            if not lacking:
                ordered[index] = [c for _n, c in scored]
        return ordered

    def _lexicon_any(self, alternatives):
        """Resources containing every term of one of the alternatives."""
        options = [
            tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, self._term("lexicon", t)) for t in terms]
            )
            for terms in alternatives
        ]
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in options])

    @staticmethod
    def _written_form(searcher, term, typed):
        """How the library writes `term`: of its written forms, the closest to what was
        typed (« cagnote » → « cagnotte », not « cagnottes »), then the most frequent."""
        forms = searcher.terms_with_prefix("surface", f"{term}{SEP}", limit=20)
        if not forms:
            return None
        typed = analysis.fold(typed)
        best = min(
            forms, key=lambda f: (OSA.distance(analysis.fold(f[0].split(SEP, 1)[1]), typed), -f[1])
        )
        return best[0].split(SEP, 1)[1]

    @staticmethod
    def _close_terms(searcher, term, word):
        """The library's stems close to what was typed: by its written words (so a typo
        inside a word family, « transmetre », meets « transmettre » and its family's stem),
        then by stems (query.close_spellings chooses, at most one edit on a stem)."""
        folded = analysis.fold(word)
        found = {}
        for prefix in (term[:2], term[:1]):
            entries = searcher.terms_with_prefix("surface", prefix)
            by_word = {}
            for entry, count in entries:
                stem, _sep, written = entry.partition(SEP)
                key = analysis.fold(written)
                by_word.setdefault(key, (stem, 0))
                by_word[key] = (stem, by_word[key][1] + count)
            words = [(w, n) for w, (_s, n) in by_word.items()]
            # A word cut short (« educ pop ») is completed: one edit away from its full form.
            completions = [(w, 1, n) for w, n in words if len(folded) >= 3 and w.startswith(folded)]
            for candidate, distance, count in close_spellings(folded, words) + completions:
                stem = by_word[candidate][0]
                if stem not in found or found[stem][0] > distance:
                    found[stem] = (distance, count)
            for stem, distance, count in close_spellings(
                term, searcher.terms_with_prefix("lexicon", prefix), limit=1
            ):
                if stem not in found or found[stem][0] > distance:
                    found[stem] = (distance, count)
            if found:
                break
        ranked = sorted(
            ((stem, d, n) for stem, (d, n) in found.items()), key=lambda c: (c[1], -c[2], c[0])
        )
        return ranked[:MAX_TYPO_CANDIDATES]

    def _filter_queries(self, filters):
        return {
            name: tantivy.Query.term_set_query(self.schema, name, list(values))
            for name, values in filters.items()
            if values and name in FACETS
        }

    @staticmethod
    def _combine(base, filter_queries, skip=None):
        clauses = [(tantivy.Occur.Must, base)] + [
            (tantivy.Occur.Must, tantivy.Query.const_score_query(q, 0.0))
            for name, q in filter_queries.items()
            if name != skip
        ]
        return clauses[0][1] if len(clauses) == 1 else tantivy.Query.boolean_query(clauses)

    def _facet_counts(self, searcher, base, filter_queries):
        counts = {}
        shared = {
            name: {"terms": {"field": name, "size": FACET_SIZES[name]}}
            for name in FACETS
            if name not in filter_queries
        }
        if shared:
            counts.update(searcher.aggregate(self._combine(base, filter_queries), shared))
        for name in filter_queries:
            agg = {name: {"terms": {"field": name, "size": FACET_SIZES[name]}}}
            counts.update(searcher.aggregate(self._combine(base, filter_queries, skip=name), agg))
        return {
            name: [(b["key"], b["doc_count"]) for b in counts.get(name, {}).get("buckets", [])]
            for name in FACETS
        }

    def search(self, query):
        try:
            searcher = self._searcher()
        except (OSError, ValueError) as exc:
            raise BackendUnavailable(str(exc)) from exc
        plan = query.plan
        filter_queries = self._filter_queries(query.filters)
        corrections, relaxed, present = {}, False, 0
        if plan.is_empty:
            base = tantivy.Query.all_query()
        else:
            plan, corrections, present = self._correct(plan, searcher)
            if plan.thesaurus_terms():
                plan, corrections, present = self._bridge(plan, searcher, corrections, present)
            base = self._text_query(plan, plan.required)
        sort = query.effective_sort
        # A word found only in an attached file counts as present for this rule (the lexicon
        # leaves attachments out so as to suggest no spelling from their noise), as the
        # Elasticsearch backend counts it.
        present = min(len(plan.units), present + self._only_in_attachments(plan, searcher))
        if not plan.is_empty and present < present_required(len(plan.units)):
            # Most of the words are nowhere in the library, even misspelt: nothing matches,
            # rather than noise around the one word it has.
            base = tantivy.Query.boolean_query([(tantivy.Occur.MustNot, tantivy.Query.all_query())])
            corrections = {}
        result = self._run(searcher, self._combine(base, filter_queries), sort, query)
        enough, needed = partial_required(len(plan.units)), present_required(len(plan.units))
        if not result.count and len(plan.units) > 1 and present >= needed:
            base = self._text_query(plan, enough)
            relaxed = True
            result = self._run(searcher, self._combine(base, filter_queries), sort, query)
        addresses = [address for _key, address in result.hits]
        ids = searcher.fast_field_values("id", addresses) if addresses else []
        hits = [
            Hit(id=page_id, score=key if sort == "relevance" else None)
            for page_id, (key, _address) in zip(ids, result.hits, strict=True)
        ]
        if query.highlight and hits:
            match_terms = plan.match_terms()
            for hit, address in zip(hits, addresses, strict=True):
                payload = json.loads(searcher.doc(address).get_first("payload"))
                hit.snippet = (
                    highlight.snippet(
                        [payload["body"], payload["summary"], payload["attachments"]], match_terms
                    )
                    if match_terms
                    else ""
                )
        facets = self._facet_counts(searcher, base, filter_queries) if query.facets else {}
        suggestion = plan.corrected_text(corrections) if corrections else None
        return SearchResults(
            total=result.count,
            hits=hits,
            facets=facets,
            suggestion=suggestion,
            relaxed=relaxed,
            backend=self.name,
        )

    def _run(self, searcher, q, sort, query):
        options = {"limit": max(query.limit, 1), "offset": query.offset, "count": True}
        if sort == "date":
            options.update(order_by_field="published", order=tantivy.Order.Desc)
        elif sort == "title":
            options.update(order_by_field="title_sort", order=tantivy.Order.Asc)
        elif sort == "downloads":
            options.update(order_by_field="downloads", order=tantivy.Order.Desc)
        return searcher.search(q, **options)

    def autocomplete(self, text, limit=8):
        grams = [analysis.fold(word)[:15] for word in text.split()]
        grams = [g for g in grams if len(g) >= 2][:6]
        if not grams:
            return []
        searcher = self._searcher()
        q = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, self._term("title_ngrams", g)) for g in grams]
        )
        result = searcher.search(q, limit, count=False)
        suggestions = []
        for _score, address in result.hits:
            doc = searcher.doc(address)
            payload = json.loads(doc.get_first("payload"))
            suggestions.append(Suggestion(id=doc.get_first("id"), title=payload["title"]))
        return suggestions

    def doc_count(self):
        return self._searcher().num_docs
