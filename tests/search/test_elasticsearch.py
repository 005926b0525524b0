"""The Elasticsearch backend without a server, and its fallback with a real closed port.

No Elasticsearch can be installed on the development machines: the mapping, the analyzers
and the request bodies are checked here as data; the regular expressions of the analyzers
are run through java.util.regex (the engine Elasticsearch uses) when a JDK is present; and
the fallback is tested for real, against a port where nothing listens. The behaviour
against a server is the contract suite (test_contract.py) plus `TestAgainstServer` below,
which run when ELASTICSEARCH_URL is set.
"""

import base64
import functools
import json
import logging
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import unicodedata
import uuid
from pathlib import Path

from django.test import TestCase, override_settings

import pytest
import snowballstemmer

from resources.models import ResourcePage
from search import analysis, backends, indexing, service, synonyms, thesaurus
from search import query as query_plan
from search.backends import elasticsearch as es
from search.backends.base import BackendUnavailable, SearchQuery
from search.backends.elasticsearch.mapping import ES_MAX_RESULT_WINDOW, ResourceESDocument, es_index
from search.documents import FACETS, ResourceIndexDocument
from search.models import IndexQueue
from search.query import (
    ALL_WORDS_BONUS,
    COVERAGE_BONUS,
    FACET_SIZES,
    PHRASE_BONUS,
    PHRASE_FIELDS,
    PROXIMITY_BONUS,
    PROXIMITY_SLOP,
    TEXT_FIELDS,
    TITLE_PAIR_BONUS,
    TITLE_PAIR_SLOP,
    TITLE_PHRASE_BONUS,
)
from tests.conftest import resource_line
from tests.search.test_thesaurus import small_dictionary, small_thesaurus  # noqa: F401 - fixtures

TABLE = synonyms.build_table(
    [[t.strip() for t in terms.split(",")] for terms, _note in synonyms.DEFAULT_GROUPS]
)
BACKEND = es.ElasticsearchBackend("http://127.0.0.1:9", index_name="amap-test")


def definition():
    return es_index("amap-test-v1-1").to_dict()


def analysis_settings():
    return definition()["settings"]["analysis"]


def body(text="", sort=None, suggest=True, **options):
    """The first request body the backend sends for this query."""
    plan = query_plan.plan(text, TABLE)
    sort = sort or ("relevance" if text else "date")
    query = SearchQuery(text=text, sort=sort, plan=plan, **options)
    return BACKEND.build_search(plan, query, plan.required, suggest).to_dict()


def free_port():
    """A port on 127.0.0.1 where nothing listens (bound for a moment, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def silent_server():
    """A real listening socket that never answers: a server too slow to be waited for."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture
def hanging_up_server():
    """A real listening socket that closes every connection unanswered, counting them."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        accepted = []

        def serve():
            while True:
                try:
                    connection, _address = sock.accept()
                except OSError:
                    return
                accepted.append(1)
                connection.close()

        threading.Thread(target=serve, daemon=True).start()
        yield f"http://127.0.0.1:{sock.getsockname()[1]}", accepted


# -- the Java side of the regular expressions -----------------------------------------------

JAVA = shutil.which("java")
JAVA_SOURCE = Path(__file__).parent / "java" / "JavaRegex.java"


def _b64(text):
    return base64.b64encode(text.encode()).decode()


def run_java(cases):
    """[("R", p1, r1, …, text) | ("M", pattern, text)] → results from java.util.regex."""
    lines = "".join("\t".join([c[0], *map(_b64, c[1:])]) + "\n" for c in cases)
    done = subprocess.run(
        [JAVA, str(JAVA_SOURCE)], input=lines, capture_output=True, text=True, check=True
    )
    return [base64.b64decode(line).decode() for line in done.stdout.splitlines()]


def python_pattern(pattern):
    """Our Java patterns in Python: (?U) is Python's default for str patterns."""
    return pattern.replace("(?iU)", "(?i)").replace("(?U)", "")


def python_replacement(replacement):
    return re.sub(r"\$(\d)", r"\\\1", replacement)


# -- a model of the analyzer chain, read from the index definition -------------------------

_SNOWBALL = snowballstemmer.stemmer("french")


@functools.cache
def _cached_analysis_settings():
    return analysis_settings()


def simulate(analyzer, text):
    """[(position, term)] of `text` through `analyzer` as defined in the index settings.

    Char filters and token filters are applied from their definitions (regular expressions
    in Python, checked against Java above); the standard tokenizer is approximated by
    words joined by apostrophes, which is what UAX#29 leaves once our char filters ran;
    Snowball is the same algorithm as Lucene's `snowball` filter (snowballstemmer).
    """
    settings = _cached_analysis_settings()
    spec = settings["analyzer"][analyzer]
    for name in spec["char_filter"]:
        f = settings["char_filter"][name]
        text = re.sub(python_pattern(f["pattern"]), python_replacement(f["replacement"]), text)
    tokens = [[n, word] for n, word in enumerate(re.findall(r"\w+(?:['’]\w+)*", text))]
    for name in spec["filter"]:
        f = settings["filter"].get(name, {"type": name})
        kept = []
        for position, term in tokens:
            kind = f["type"]
            if kind == "lowercase":
                term = term.lower()
            elif kind == "asciifolding":
                term = "".join(
                    c for c in unicodedata.normalize("NFKD", term) if not unicodedata.combining(c)
                ).replace("œ", "oe")
            elif kind == "pattern_replace":
                term = re.sub(
                    python_pattern(f["pattern"]), python_replacement(f["replacement"]), term
                )
            elif (kind == "length" and not f["min"] <= len(term) <= f["max"]) or (
                kind == "stop" and term in f["stopwords"]
            ):
                continue
            elif kind == "snowball":
                term = _SNOWBALL.stemWord(term)
            elif kind == "truncate":
                term = term[: f["length"]]
            kept.append([position, term])
        if f["type"] == "edge_ngram":
            kept = [
                [p, t[:n]]
                for p, t in kept
                for n in range(f["min_gram"], min(len(t), f["max_gram"]) + 1)
            ]
        tokens = kept
    return [(position, term) for position, term in tokens]


def python_analysis(text):
    return [(t.position, t.term) for t in analysis.analyze(text)]


FRENCH_CASES = [
    "Paniers solidaires et accessibilité alimentaire",
    "L'accessibilité des paniers passe par un partenariat avec le CCAS.",
    "accessibilite d'accessibilité l’accessibilité ACCESSIBILITE",
    "installation installations s'installer installés installée installer",
    "paysan·ne paysan.ne paysan·ne·s Paysan·nes paysanne paysans paysan",
    "Une productrice de fromages rejoint le groupe ; un producteur aussi.",
    "Les porteuses et porteurs de projet, la porteuse",
    "agriculteur·rice·s, formateur.rice, élu·e·s, salarié·es, ami-e-s, élu(e)s",
    "Transmettre sa ferme : transmission, transmis, transmettre",
    "La caisse de solidarité de l'AMAP, cagnotte et grêle",
    "Les élus et les élues de la commune",
    "Maraîchère, maraîchers, fermières, fermier, première installée",
    "Auvergne-Rhône-Alpes, Provence-Alpes-Côte d'Azur",
    "Prix juste et prix différencié : 1.5 euros, 2,5 kg, www.amap.fr",
    "Qu'est-ce qu'une AMAP ? Jusqu'à présent, lorsqu'elle livre…",
    "bande dessinée, bandes dessinées, BD, bédé, œuvre",
    "Un registre des traitements pour le RGPD",
]


class TestMapping:
    def test_text_fields_use_the_french_analyzer_and_feed_the_vocabularies(self):
        properties = definition()["mappings"]["properties"]
        for name in TEXT_FIELDS:
            assert properties[name]["type"] == "text"
            assert properties[name]["analyzer"] == "amap_french"
        for name in ("title", "keywords", "summary", "body"):
            assert properties[name]["copy_to"] == ["lexicon", "surface"]
        # Extracted text is too noisy to suggest spellings from (as in the embedded index).
        assert "copy_to" not in properties["attachments"]
        assert properties["lexicon"]["analyzer"] == "amap_french"
        assert properties["surface"]["analyzer"] == "amap_surface"
        # Snippets come from postings with offsets.
        for name in ("summary", "body", "attachments"):
            assert properties[name]["index_options"] == "offsets"

    def test_no_autocomplete_subfield(self):
        # Autocomplete is answered by the embedded backend only: no unread subfield here.
        title = definition()["mappings"]["properties"]["title"]
        assert "fields" not in title
        assert not [name for name in analysis_settings()["analyzer"] if "autocomplete" in name]

    def test_facets_sorts_and_bookkeeping_fields(self):
        properties = definition()["mappings"]["properties"]
        for name in FACETS:
            assert properties[name] == {"type": "keyword"}
        assert properties["published"] == {"type": "date_nanos"}
        assert properties["downloads"] == {"type": "long"}
        assert properties["title_sort"] == {"type": "keyword"}
        assert properties["version"] == {"type": "long"}
        assert properties["id"] == {"type": "long"}

    def test_strict_mapping_versioned_settings(self):
        index = definition()
        assert index["mappings"]["dynamic"] == "strict"
        assert index["mappings"]["_meta"] == {"schema": 1}
        assert index["settings"]["number_of_shards"] == 1
        assert index["settings"]["max_result_window"] == ES_MAX_RESULT_WINDOW
        # The deepest page the service asks for must fit in the window.
        assert ES_MAX_RESULT_WINDOW >= service.MAX_OFFSET + service.MAX_PAGE_SIZE

    def test_document_from_the_neutral_document(self):
        neutral = ResourceIndexDocument(
            id=42,
            title="Paniers solidaires",
            summary="Résumé",
            body="Corps",
            keywords="Accessibilité",
            attachments="Pièce jointe",
            theme=["accessibilite-alimentaire", "vie-associative"],
            type="guide",
            audience=[],
            network="",
            year="2021",
            licence="CC-BY-4.0",
            published=1_700_000_000_123_456,
            title_sort="paniers solidaires",
            downloads=7,
            version=123,
        )
        document = ResourceESDocument.from_index_document(neutral)
        assert document.meta.id == "42"
        source = document.to_dict()
        assert source["id"] == 42
        assert source["theme"] == ["accessibilite-alimentaire", "vie-associative"]
        assert source["published"].isoformat() == "2023-11-14T22:13:20.123456+00:00"
        assert "network" not in source  # empty values are not indexed
        assert "audience" not in source
        assert (source["year"], source["licence"], source["downloads"]) == ("2021", "CC-BY-4.0", 7)
        assert source["version"] == 123
        action = BACKEND._action(neutral)
        assert (action["_index"], action["_id"], action["_op_type"]) == ("amap-test", "42", "index")
        assert json.dumps(action["_source"], default=str)  # serialisable as sent


class TestAnalyzers:
    def test_french_analyzer_steps_in_order(self):
        french = analysis_settings()["analyzer"]["amap_french"]
        assert french["tokenizer"] == "standard"
        assert french["char_filter"] == [
            "amap_elision",
            "amap_inclusive_plural",
            "amap_inclusive_singular",
            "amap_word_separators",
        ]
        assert french["filter"] == [
            "lowercase",
            "asciifolding",  # folded before stemming, as in analysis.py
            "amap_underscore",
            "amap_length",
            "amap_stop",
            "amap_single_letters",
            "amap_pre_stem_0",
            "amap_pre_stem_1",
            "amap_pre_stem_2",
            "amap_plural_s",  # what analysis.stem retries, done before Snowball
            "amap_snowball",
            "amap_post_stem_0",
            "amap_post_stem_1",
            "amap_post_stem_2",
            "amap_post_stem_3",
            "amap_post_stem_4",
            "amap_post_stem_5",
        ]

    def test_snowball_french_not_the_light_stemmer(self):
        assert analysis_settings()["filter"]["amap_snowball"] == {
            "type": "snowball",
            "language": "French",
        }

    def test_stopwords_and_elisions_equal_ours(self):
        settings = analysis_settings()
        assert set(settings["filter"]["amap_stop"]["stopwords"]) == analysis.STOPWORDS
        elision = settings["char_filter"]["amap_elision"]["pattern"]
        articles = re.search(r"\(\?:([a-z|]+)\)", elision).group(1).split("|")
        assert set(articles) == analysis.ELISIONS
        assert settings["filter"]["amap_length"]["max"] == analysis._MAX_WORD

    def test_stem_rewrites_equal_analysis_rules(self):
        settings = analysis_settings()["filter"]
        for prefix, rules in (("pre", analysis._PRE_STEM), ("post", analysis._POST_STEM)):
            for number, (pattern, replacement) in enumerate(rules):
                ours = settings[f"amap_{prefix}_stem_{number}"]
                assert ours["type"] == "pattern_replace"
                assert ours["pattern"] == pattern.pattern
                assert python_replacement(ours["replacement"]) == replacement
            assert f"amap_{prefix}_stem_{len(rules)}" not in settings

    def test_inclusive_suffixes_are_analysis_suffixes(self):
        settings = analysis_settings()["char_filter"]
        suffixes = analysis.INCLUSIVE_SUFFIXES.split("|")

        def alternations(pattern):
            return [set(group.split("|")) for group in re.findall(r"\(\?:([^()?]+)\)", pattern)]

        plural = alternations(settings["amap_inclusive_plural"]["pattern"])
        singular = alternations(settings["amap_inclusive_singular"]["pattern"])
        # Plural: any ending then a plural `s`, or an ending that is itself plural.
        assert plural == [set(suffixes), {s for s in suffixes if s.endswith("s")}]
        assert singular == [{s for s in suffixes if not s.endswith("s")}]

    def test_other_analyzers(self):
        analyzers = analysis_settings()["analyzer"]
        assert analyzers["amap_surface"]["filter"] == ["lowercase"]  # accents kept: shown

    @pytest.mark.parametrize("text", FRENCH_CASES)
    def test_chain_reproduces_analysis_py(self, text):
        assert simulate("amap_french", text) == python_analysis(text)

    def test_chain_reproduces_analysis_py_on_the_demo_library(self):
        demo = Path(__file__).resolve().parents[2] / "demo" / "data" / "resources.jsonl"
        texts = [synonyms_text for synonyms_text, _note in synonyms.DEFAULT_GROUPS]
        for line in demo.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                data = json.loads(line)
                texts += [str(data.get(key, "")) for key in ("title", "summary", "body")]
        words = {word for text in texts for word in re.findall(r"\w+", text)}
        assert len(words) > 2000
        differ = [w for w in sorted(words) if simulate("amap_french", w) != python_analysis(w)]
        # Only `-ais` words Snowball leaves whole (documents.PLURAL_S), and few of them.
        assert [w for w in differ if not w.endswith("ais")] == []
        assert len(differ) < len(words) / 500

    def test_chain_meets_the_contract_cases(self):
        def terms(text):
            return {term for _p, term in simulate("amap_french", text)}

        assert terms("accessibilite") == terms("accessibilité") == terms("d'Accessibilité")
        for form in ("installations", "s'installer", "installés", "installée"):
            assert terms(form) == terms("installation"), form
        for form in ("paysan·ne", "paysan.ne", "paysan·ne·s", "Paysan·nes"):
            assert terms(form) <= terms("paysanne paysans"), form
        assert terms("productrice") == terms("producteur")
        assert terms("élus") == terms("élu")

    def test_known_differences_with_analysis_py(self):
        # UAX#29 keeps a word with an inner apostrophe whole; analysis.py splits it. The
        # same analyzer runs on both sides in Elasticsearch, so such words still meet.
        assert simulate("amap_french", "aujourd'hui") != python_analysis("aujourd'hui")
        assert len(simulate("amap_french", "aujourd'hui")) == 1


@pytest.mark.skipif(not JAVA, reason="pas de JDK : motifs non vérifiés par java.util.regex")
class TestJavaRegex:
    """Our patterns give in java.util.regex what they give in Python."""

    def test_char_filters(self):
        settings = analysis_settings()
        chain = []
        for name in settings["analyzer"]["amap_french"]["char_filter"]:
            f = settings["char_filter"][name]
            chain += [f["pattern"], f["replacement"]]
        java = run_java([("R", *chain, text) for text in FRENCH_CASES])
        for text, result in zip(FRENCH_CASES, java, strict=True):
            expected = text
            for pattern, replacement in zip(chain[::2], chain[1::2], strict=True):
                expected = re.sub(
                    python_pattern(pattern), python_replacement(replacement), expected
                )
            assert result == expected, text
        assert java[4] == "paysan paysan paysans Paysans paysanne paysans paysan"

    def test_token_filters(self):
        filters = analysis_settings()["filter"]
        rules = [
            filters[name] for name in sorted(filters) if filters[name]["type"] == "pattern_replace"
        ]
        words = [
            "installee",
            "salariees",
            "premiere",
            "fermieres",
            "maraichere",
            "paysann",
            "productric",
            "porteux",
            "transmett",
            "transmiss",
            "elus",
            "amis",
            "pass",
            "bus",
            "finissais",
            "foo_bar",
        ]
        cases = [("R", r["pattern"], r["replacement"], w) for r in rules for w in words]
        java = run_java(cases)
        expected = [
            re.sub(python_pattern(r["pattern"]), python_replacement(r["replacement"]), w)
            for r in rules
            for w in words
        ]
        assert java == expected
        plural = rules.index(filters["amap_plural_s"])
        stripped = dict(zip(words, java[plural * len(words) :][: len(words)], strict=True))
        assert (stripped["elus"], stripped["amis"]) == ("elu", "ami")
        assert (stripped["bus"], stripped["pass"]) == ("bus", "pass")  # too short; `ss`
        assert stripped["finissais"] == "finissais"  # Snowball knows its verb endings


class TestRequestBodies:
    @pytest.fixture(autouse=True)
    def _no_thesaurus(self):
        """The bodies below are those of a site without the thesaurus package (its one
        aggregation is tested on its own, with a thesaurus of its own)."""
        with override_settings(SEARCH_THESAURUS=""):
            thesaurus.forget()
            yield
        thesaurus.forget()

    def test_one_word(self):
        query = body("accessibilité")["query"]
        assert query["bool"]["minimum_should_match"] == 1
        assert "must" not in query["bool"]  # no bonus tiers for a single word
        (unit,) = query["bool"]["should"]
        assert unit["dis_max"]["tie_breaker"] == 0.2
        assert unit["dis_max"]["queries"] == [
            {"match_phrase": {field: {"query": "accessibilité", "boost": weight}}}
            for field, weight in TEXT_FIELDS.items()
        ]

    def test_several_words_tiers(self):
        query = body("paysan verger bio")["query"]["bool"]
        matching = query["must"][0]["bool"]
        assert matching["minimum_should_match"] == 2  # all but one of three words
        assert len(matching["should"]) == 3
        every, phrase, title_phrase, *coverage = query["should"]
        assert every["constant_score"]["boost"] == ALL_WORDS_BONUS
        assert every["constant_score"]["filter"]["bool"]["must"] == matching["should"]
        assert phrase["constant_score"]["boost"] == PHRASE_BONUS
        assert phrase["constant_score"]["filter"]["bool"]["should"] == [
            {"match_phrase": {field: "paysan verger bio"}} for field in PHRASE_FIELDS
        ]
        assert ALL_WORDS_BONUS > PHRASE_BONUS
        # The exact phrase in the title, then how many of the words each resource covers.
        assert title_phrase["constant_score"] == {
            "filter": {"match_phrase": {"title": "paysan verger bio"}},
            "boost": TITLE_PHRASE_BONUS,
        }
        assert [c["constant_score"]["filter"] for c in coverage] == matching["should"]
        assert {c["constant_score"]["boost"] for c in coverage} == {COVERAGE_BONUS}

    def test_unit_presence_is_counted_over_the_whole_index(self):
        request = body("zzqxw permaculture martienne", filters={"type": ("faq",)})
        presence = request["aggs"]["units_present"]
        assert presence["global"] == {}
        units = request["query"]["bool"]["must"][0]["bool"]["should"]
        assert [presence["aggs"][f"unit_{i}"]["filter"] for i in range(3)] == units

    @pytest.mark.usefixtures("small_thesaurus")
    def test_thesaurus_bridges_follow_the_plan(self):
        request = body("brouille avec le paysan")
        frequencies = request["aggs"]["terms_present"]
        assert frequencies["global"] == {}
        desaccord = analysis.terms("désaccord")[0]
        assert frequencies["aggs"][f"term_{desaccord}"]["filter"] == {
            "term": {"lexicon": desaccord}
        }
        # The index has « désaccord » (and « paysan ») but not « brouille »: the plan's rule.
        plan = query_plan.plan("brouille avec le paysan", TABLE)
        counts = {f"term_{desaccord}": {"doc_count": 2}, "term_brouill": {"doc_count": 0}}
        response = {"aggregations": {"terms_present": counts}}
        bridged = BACKEND.apply_bridges(plan, response)
        assert bridged == plan.with_bridges(lambda t: 2 if t == desaccord else 0)
        assert bridged.units[0].bridged
        assert ("text", "désaccord", query_plan.THESAURUS_BOOST) in BACKEND.unit_alternatives(
            bridged.units[0]
        )
        assert not BACKEND.correctable(bridged.units[0])  # bridged, not a typo
        presence = {"units_present": {"unit_1": {"doc_count": 5}}}
        assert es.units_present({"aggregations": presence}, bridged) == 2
        assert es.units_present({"aggregations": presence}, plan) == 1
        # Without the thesaurus, nothing is asked.
        with override_settings(SEARCH_THESAURUS=""):
            thesaurus.forget()
            assert "terms_present" not in body("brouille avec le paysan")["aggs"]
        thesaurus.forget()

    def test_question_words_do_not_decide(self):
        query = body("comment financer des paniers solidaires ?")["query"]["bool"]
        matching = query["must"][0]["bool"]
        texts = [
            u["dis_max"]["queries"][0]["bool"]["should"][0]["match_phrase"]["title"]["query"]
            if "bool" in u["dis_max"]["queries"][0]
            else u["dis_max"]["queries"][0]["match_phrase"]["title"]["query"]
            for u in matching["should"]
        ]
        assert "comment" not in texts and "financer" in texts

    def test_long_questions_half_required_and_neighbours_rewarded(self):
        query = body("que faire si la grêle a détruit les cultures du maraîcher ?")["query"]["bool"]
        assert query["must"][0]["bool"]["minimum_should_match"] == 2
        near = [
            b["constant_score"]
            for b in query["should"]
            if b["constant_score"]["boost"] == PROXIMITY_BONUS
        ]
        assert [n["filter"]["bool"]["should"][0] for n in near] == [
            {"match_phrase": {"title": {"query": text, "slop": PROXIMITY_SLOP}}}
            for text in ("grêle détruit", "détruit cultures", "cultures maraîcher")
        ]
        # The same neighbours within a title weigh more; no all-words bonus for a long question.
        in_title = [
            b["constant_score"]["filter"]
            for b in query["should"]
            if b["constant_score"]["boost"] == TITLE_PAIR_BONUS
        ]
        assert in_title == [
            {"match_phrase": {"title": {"query": text, "slop": TITLE_PAIR_SLOP + 2}}}
            for text in ("grêle détruit", "détruit cultures", "cultures maraîcher")
        ]
        assert ALL_WORDS_BONUS not in {b["constant_score"]["boost"] for b in query["should"]}
        keywords = body("paysan verger bio")["query"]["bool"]["should"]
        assert not any(
            b["constant_score"]["boost"] in (PROXIMITY_BONUS, TITLE_PAIR_BONUS) for b in keywords
        )

    def test_two_words_are_both_required(self):
        assert body("prix juste")["query"]["bool"]["must"][0]["bool"]["minimum_should_match"] == 2

    def test_quoted_phrase(self):
        query = body('"prix juste"')["query"]
        (unit,) = query["bool"]["should"]
        assert unit["dis_max"]["queries"][0] == {
            "match_phrase": {"title": {"query": "prix juste", "boost": 5.0}}
        }
        assert "suggest" not in body('"prix juste"')  # a quoted phrase is not corrected

    def test_synonyms_are_alternatives_as_written(self):
        query = body("cagnotte")["query"]
        (unit,) = query["bool"]["should"]
        title = unit["dis_max"]["queries"][0]["bool"]["should"]
        assert title[0] == {"match_phrase": {"title": {"query": "cagnotte", "boost": 5.0}}}
        alternatives = {m["match_phrase"]["title"]["query"]: m for m in title[1:]}
        assert "caisse de solidarité" in alternatives
        assert alternatives["fonds de solidarité"]["match_phrase"]["title"][
            "boost"
        ] == pytest.approx(5.0 * synonyms.SYNONYM_BOOST)
        # A phrase of the synonym list is one unit: `caisse de solidarité` meets `cagnotte`;
        # its words in a row also earn the exact-phrase bonus.
        query = body("caisse de solidarité")["query"]["bool"]
        (unit,) = query["must"][0]["bool"]["should"]
        in_body = unit["dis_max"]["queries"][3]["bool"]["should"]
        queries = [m["match_phrase"]["body"]["query"] for m in in_body]
        assert queries[0] == "caisse de solidarité"
        assert "cagnotte" in queries
        phrase, _title_phrase = query["should"]
        assert phrase["constant_score"]["boost"] == PHRASE_BONUS

    def test_filters_and_facets_every_filter_but_their_own(self):
        request = body(
            "compost", filters={"theme": ("territoires", "charte-ethique"), "year": ("2025",)}
        )
        theme = {"terms": {"theme": ["territoires", "charte-ethique"]}}
        year = {"terms": {"year": ["2025"]}}
        assert request["post_filter"] == {"bool": {"filter": [theme, year]}}
        aggs = request["aggs"]
        assert set(aggs) == set(FACETS)
        assert aggs["theme"]["filter"] == {"bool": {"filter": [year]}}
        assert aggs["year"]["filter"] == {"bool": {"filter": [theme]}}
        for name in ("type", "audience", "network", "licence"):
            assert aggs[name]["filter"] == {"bool": {"filter": [theme, year]}}
        for name in FACETS:
            assert aggs[name]["aggs"]["values"]["terms"] == {
                "field": name,
                "size": FACET_SIZES[name],
            }
        # The text query itself carries no filter: facets are counted on it.
        assert "terms" not in json.dumps(request["query"])

    def test_facets_without_filters_and_unknown_facets(self):
        request = body("compost", filters={"colour": ("vert",)})
        assert "post_filter" not in request
        assert all(agg["filter"] == {"match_all": {}} for agg in request["aggs"].values())
        assert "aggs" not in body("compost", facets=False)

    def test_sorts(self):
        assert "sort" not in body("compost")  # relevance: by score
        assert body("compost", sort="date")["sort"] == [
            {"published": {"order": "desc", "missing": "_last"}},
            {"id": "asc"},
        ]
        assert body("compost", sort="title")["sort"] == [{"title_sort": "asc"}, {"id": "asc"}]
        assert body("compost", sort="downloads")["sort"] == [
            {"downloads": "desc"},
            {"id": "asc"},
        ]

    def test_empty_query_lists_everything_newest_first(self):
        request = body("", sort="relevance")
        assert request["query"] == {"match_all": {}}
        assert request["sort"][0] == {"published": {"order": "desc", "missing": "_last"}}
        assert "highlight" not in request
        assert "suggest" not in request
        assert request["track_total_hits"] is True
        assert request["_source"] is False

    def test_highlighting(self):
        highlight = body("compost")["highlight"]
        assert highlight["fields"] == {"body": {}, "summary": {}, "attachments": {}}
        assert (highlight["pre_tags"], highlight["post_tags"]) == (["<mark>"], ["</mark>"])
        assert highlight["encoder"] == "html"  # the text around the marks is escaped
        assert highlight["number_of_fragments"] == 1
        assert "highlight" not in body("compost", highlight=False)

    def test_suggesters(self):
        suggest = body("acessibilité compost")["suggest"]
        assert set(suggest) == {"lexicon_0", "surface_0", "lexicon_1", "surface_1"}
        assert suggest["lexicon_0"]["text"] == "acessibilité"
        assert suggest["lexicon_0"]["term"]["field"] == "lexicon"
        assert suggest["lexicon_0"]["term"]["suggest_mode"] == "missing"
        assert suggest["lexicon_0"]["term"]["max_edits"] == 2
        assert suggest["surface_0"]["term"]["field"] == "surface"
        # Not for short words, numbers, quoted phrases, nor words of the synonym list.
        assert "suggest" not in body("bd 2021 cagnotte")
        assert "suggest" not in body('"compost"', suggest=True)
        assert "suggest" not in body("compost", suggest=False)

    def test_pagination(self):
        request = body("compost", offset=40, limit=20)
        assert (request["from"], request["size"]) == (40, 20)
        assert body("", offset=0, limit=0)["size"] == 1


class TestResponses:
    """What the backend does with answers shaped as Elasticsearch documents them."""

    def test_corrections_take_the_closest_known_stem_and_show_a_surface_word(self):
        plan = query_plan.plan("acessibilité", TABLE)
        response = {
            "suggest": {
                "lexicon_0": [
                    {
                        "text": "acessibilit",
                        "offset": 0,
                        "length": 12,
                        "options": [
                            {"text": "accessibilit", "score": 0.9, "freq": 3},
                            {"text": "xcessibilitxx", "score": 0.5, "freq": 9},
                        ],
                    }
                ],
                "surface_0": [
                    {
                        "text": "acessibilité",
                        "offset": 0,
                        "length": 12,
                        "options": [{"text": "accessibilité", "score": 0.9, "freq": 2}],
                    }
                ],
            }
        }
        plan, corrections = BACKEND.apply_corrections(plan, response)
        alternatives = [BACKEND.unit_alternatives(u) for u in plan.units]
        assert corrections == {"acessibilité": "accessibilité"}
        assert plan.units[0].corrected
        assert alternatives[0][1] == ("term", "accessibilit", pytest.approx(0.75))
        assert len(alternatives[0]) == 2  # three edits away: not a correction
        query = BACKEND.unit_query(alternatives[0]).to_dict()
        assert {"term": {"title": {"value": "accessibilit", "boost": 3.75}}} in query["dis_max"][
            "queries"
        ][0]["bool"]["should"]

    @pytest.mark.usefixtures("small_dictionary")
    def test_a_real_word_the_index_lacks_is_searched_not_shown_as_corrected(self):
        # « argent » is a French word (the dictionary), the index has only « agents »: the
        # close spelling is searched, lower (the plan's rule), and no correction is shown.
        plan = query_plan.plan("argent", TABLE)
        response = {
            "suggest": {
                "lexicon_0": [
                    {"text": "argent", "options": [{"text": "agent", "score": 0.8, "freq": 4}]}
                ],
                "surface_0": [
                    {"text": "argent", "options": [{"text": "agents", "score": 0.8, "freq": 3}]}
                ],
            }
        }
        corrected, corrections = BACKEND.apply_corrections(plan, response)
        assert corrections == {}
        assert corrected == plan.with_typos({0: [("agent", 1, 4)]})
        assert corrected.units[0].corrected and not corrected.units[0].correction_shown
        assert BACKEND.unit_alternatives(corrected.units[0])[1] == (
            "term",
            "agent",
            pytest.approx(query_plan.typo_boost(1) * query_plan.REAL_WORD_TYPO_SHARE),
        )

    def test_known_words_are_not_corrected(self):
        plan = query_plan.plan("accessibilité", TABLE)
        response = {"suggest": {"lexicon_0": [{"text": "accessibilit", "options": []}]}}
        plan, corrections = BACKEND.apply_corrections(plan, response)
        assert corrections == {}
        assert not plan.units[0].corrected

    def test_results_hits_facets_total(self):
        plan = query_plan.plan("paysan", TABLE)
        response = {
            "hits": {
                "total": {"value": 12, "relation": "eq"},
                "hits": [
                    {"_id": "7", "_score": 8.5, "highlight": {"body": ["un <mark>paysan</mark>"]}},
                    {"_id": "3", "_score": 2.0},
                ],
            },
            "aggregations": {
                "theme": {"doc_count": 12, "values": {"buckets": [{"key": "a", "doc_count": 9}]}},
                "year": {"doc_count": 12, "values": {"buckets": []}},
            },
        }
        query = SearchQuery(text="paysan", plan=plan)
        found = BACKEND.results(response, plan, query, "relevance", {}, relaxed=True)
        assert found.total == 12
        assert [(h.id, h.score, h.snippet) for h in found.hits] == [
            (7, 8.5, "un <mark>paysan</mark>"),
            (3, 2.0, ""),
        ]
        assert found.facets["theme"] == [("a", 9)]
        assert set(found.facets) == set(FACETS)
        assert found.relaxed
        assert found.suggestion is None
        assert found.backend == "elasticsearch"
        by_date = BACKEND.results(response, plan, query, "date", {"paysan": "paysans"}, False)
        assert by_date.hits[0].score is None
        assert by_date.suggestion == "paysans"

    def test_best_snippet_prefers_most_distinct_words_then_body(self):
        highlight = {
            "summary": ["<mark>CCAS</mark> et <mark>accessibilité</mark>"],
            "body": ["L&#x27;<mark>accessibilité</mark>  des paniers"],
        }
        assert es.best_snippet(highlight) == "<mark>CCAS</mark> et <mark>accessibilité</mark>"
        highlight["summary"] = ["<mark>accessibilité</mark>"]
        assert es.best_snippet(highlight) == "L&#x27;<mark>accessibilité</mark> des paniers"
        assert es.best_snippet({}) == ""


class TestConnection:
    def test_flavour_from_the_root_endpoint(self):
        elastic = {"version": {"number": "9.1.0", "build_flavor": "default"}}
        assert es.detect_flavour({"x-elastic-product": "Elasticsearch"}, elastic) == (
            "elasticsearch"
        )
        elastic["version"]["number"] = "8.18.2"
        assert es.detect_flavour({"x-elastic-product": "Elasticsearch"}, elastic) == (
            "elasticsearch"
        )
        opensearch = {"version": {"distribution": "opensearch", "number": "2.19.1"}}
        assert es.detect_flavour({}, opensearch) == "opensearch"
        with pytest.raises(BackendUnavailable, match="ni Elasticsearch"):
            es.detect_flavour(
                {"x-elastic-product": "Elasticsearch"}, {"version": {"number": "7.17.0"}}
            )
        with pytest.raises(BackendUnavailable):
            es.detect_flavour({}, "<html>proxy</html>")

    @pytest.mark.django_db
    def test_one_attempt_per_request(self, hanging_up_server):
        url, accepted = hanging_up_server
        with pytest.raises(BackendUnavailable):
            es.ElasticsearchBackend(url, timeout=1).search(SearchQuery(text="compost"))
        time.sleep(0.1)
        assert len(accepted) == 1  # no retry: a failing server is not asked again at once

    def test_credentials_are_never_logged(self):
        url = "https://amap:secret@search.example:9243/base?x=1"
        assert es.public_url(url) == "https://search.example:9243/base"

    @pytest.mark.django_db
    def test_closed_port_fails_fast_then_is_left_alone(self):
        backend = es.ElasticsearchBackend(
            f"http://amap:secret@127.0.0.1:{free_port()}", timeout=1.5
        )
        start = time.monotonic()
        with pytest.raises(BackendUnavailable, match="injoignable") as error:
            backend.search(SearchQuery(text="compost"))
        assert "secret" not in str(error.value)
        assert time.monotonic() - start < 1.5
        assert backend.is_down()
        # Within DOWN_SECONDS, nothing is tried: writes fail at once, rows stay queued.
        with pytest.raises(BackendUnavailable, match="plus tard"):
            backend.index_documents([ResourceIndexDocument(1, "t", "", "", "", "")])
        assert backend._engine is None

    @pytest.mark.django_db
    def test_silent_server_times_out_within_the_timeout(self, silent_server):
        backend = es.ElasticsearchBackend(silent_server, timeout=0.5)
        start = time.monotonic()
        with pytest.raises(BackendUnavailable):
            backend.search(SearchQuery(text="compost"))
        assert time.monotonic() - start < 1.2  # one attempt, no retry
        with pytest.raises(BackendUnavailable, match="plus tard"):
            backend.search(SearchQuery(text="compost"))


@pytest.mark.django_db
class TestFallbackWithClosedPort:
    """Nothing listens on the port of ELASTICSEARCH_URL: the site still answers."""

    @pytest.fixture
    def library(self, import_file, settings):
        settings.ELASTICSEARCH_URL = ""
        run = import_file(
            [
                resource_line(id="compost", title="Composter les épluchures en AMAP"),
                resource_line(id="verger", title="Le paysan et son verger"),
            ]
        )
        assert run.exit_code == 0, run.stderr
        indexing.drain()
        settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"
        settings.ELASTICSEARCH_TIMEOUT = 1.5
        backends.reset()
        return {p.source_id: p for p in ResourcePage.objects.all()}

    def test_api_and_page_answer_from_the_embedded_backend(self, client, library, caplog):
        caplog.set_level(logging.ERROR, logger="amapartage.search")
        start = time.monotonic()
        response = client.get("/api/v1/search/", {"q": "compost"})
        assert time.monotonic() - start < 3
        assert response.status_code == 200
        assert [r["source_id"] for r in response.json()["results"]] == ["compost"]
        assert any("Elasticsearch indisponible" in r.getMessage() for r in caplog.records)
        start = time.monotonic()
        page = client.get("/recherche/", {"q": "verger"})
        assert time.monotonic() - start < 3
        assert page.status_code == 200
        assert "Le paysan et son verger" in page.content.decode()

    def test_a_silent_server_costs_one_timeout(self, client, library, settings, silent_server):
        settings.ELASTICSEARCH_URL = silent_server
        settings.ELASTICSEARCH_TIMEOUT = 0.5
        backends.reset()
        start = time.monotonic()
        response = client.get("/api/v1/search/", {"q": "verger"})
        assert time.monotonic() - start < 2.5
        assert [r["source_id"] for r in response.json()["results"]] == ["verger"]

    def test_outcome_is_degraded(self, library, rf):
        outcome = service.search(service.parse_params(rf.get("/", {"q": "compost"}).GET))
        assert outcome.degraded
        assert outcome.backend == "embedded"
        assert [p.source_id for p, _snippet in outcome.results] == ["compost"]

    def test_publishing_succeeds_and_keeps_the_elasticsearch_row(
        self, library, django_capture_on_commit_callbacks, caplog
    ):
        caplog.set_level(logging.ERROR, logger="amapartage.search")
        page = library["verger"].specific
        page.title = "Le paysan, son verger et ses ruches"
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        page.refresh_from_db()
        assert page.title == "Le paysan, son verger et ses ruches"
        rows = IndexQueue.objects.filter(page_id=page.pk)
        assert [row.backend for row in rows] == ["elasticsearch"]
        assert rows[0].attempts >= 1
        assert any("elasticsearch" in r.getMessage() for r in caplog.records)
        # The embedded index has the new title already.
        found = backends.embedded_backend().search(SearchQuery(text="ruches"))
        assert [hit.id for hit in found.hits] == [page.pk]


# -- against a real server ----------------------------------------------------------------

ES_URL = os.environ.get("ELASTICSEARCH_URL", "")


@pytest.mark.skipif(
    not ES_URL,
    reason="ELASTICSEARCH_URL n'est pas défini : aucun serveur "
    "Elasticsearch ou OpenSearch à tester ici",
)
class TestAgainstServer(TestCase):
    """What only a server can tell: its analyzer, the alias switch, versions."""

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="es-index-"))
        self.override = override_settings(
            SEARCH_INDEX_DIR=self.folder,
            ELASTICSEARCH_URL=ES_URL,
            ELASTICSEARCH_INDEX=f"amapartage-test-{uuid.uuid4().hex[:8]}",
        )
        self.override.enable()
        backends.reset()
        self.backend = backends.elasticsearch_backend()

    def tearDown(self):
        self.backend.drop_index()
        self.override.disable()
        backends.reset()
        shutil.rmtree(self.folder, ignore_errors=True)

    def doc(self, pk, title, version=1):
        return ResourceIndexDocument(pk, title, "", "", "", "", type="guide", version=version)

    def test_server_analyzer_matches_analysis_py(self):
        self.backend.rebuild([])
        engine = self.backend.engine()
        for text in FRENCH_CASES:
            answer = engine.client.indices.analyze(
                index=self.backend.index_name, analyzer="amap_french", text=text
            )
            tokens = [(t["position"], t["token"]) for t in answer["tokens"]]
            self.assertEqual(tokens, python_analysis(text), text)

    def test_rebuild_switches_the_alias_and_removes_the_old_index(self):
        self.backend.rebuild([self.doc(1, "Composter"), self.doc(2, "Verger")])
        engine = self.backend.engine()
        first = engine.alias_targets(self.backend.index_name, 10)
        self.assertEqual(self.backend.indexed_versions(), {1: 1, 2: 1})
        self.backend.rebuild([self.doc(1, "Composter", version=2)])
        second = engine.alias_targets(self.backend.index_name, 10)
        self.assertNotEqual(first, second)
        self.assertFalse(engine.index_exists(first[0], 10))
        self.assertEqual(self.backend.indexed_versions(), {1: 2})

    def test_writes_create_the_index_then_upsert_and_delete(self):
        self.backend.delete_documents([5])  # nothing there yet: nothing to do
        self.backend.index_documents([self.doc(5, "Composter")])
        self.backend.index_documents([self.doc(5, "Composter", version=3)])
        self.assertEqual(self.backend.indexed_versions(), {5: 3})
        self.assertEqual(self.backend.doc_count(), 1)
        self.backend.delete_documents([5, 6])
        self.assertEqual(self.backend.doc_count(), 0)
        self.backend.index_documents([self.doc(7, "Verger")])
        self.backend.rebuild(())
        self.assertEqual(self.backend.indexed_versions(), {})

    def test_snippet_marks_after_the_elision(self):
        document = ResourceIndexDocument(
            9, "Paniers", "", "L'accessibilité des paniers passe par le CCAS.", "", ""
        )
        self.backend.rebuild([document])
        found = self.backend.search(SearchQuery(text="accessibilite"))
        self.assertEqual([hit.id for hit in found.hits], [9])
        self.assertIn("L&#x27;<mark>accessibilité</mark>", found.hits[0].snippet)
