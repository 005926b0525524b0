"""The search contract, run against every backend available.

The embedded backend always runs. The Elasticsearch backend runs when ELASTICSEARCH_URL
names a server (no server can be installed on the development machines: the class is then
skipped with the reason printed; under CI=true with the variable set, it must run).
"""

import os
import shutil
import tempfile
import uuid
from pathlib import Path

from django.http import QueryDict
from django.test import TestCase

import pytest

from search import backends, indexing, service
from search.models import SynonymGroup
from tests.conftest import reset_search_state
from tests.search import corpus
from tests.search.classindex import ClassSearchIndex


def run(query="", **params):
    data = QueryDict(mutable=True)
    if query:
        data["q"] = query
    for key, value in params.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return service.search(service.parse_params(data))


def found(outcome):
    return {page.pk for page, _snippet in outcome.results}


def order(outcome):
    return [page.source_id for page, _snippet in outcome.results]


class ContractTests(ClassSearchIndex):
    """Behaviour every backend must have, on one index built for the class."""

    backend_name = ""

    @classmethod
    def setUpTestData(cls):
        reset_search_state()
        cls.folder = Path(tempfile.mkdtemp(prefix="corpus-"))
        corpus.build(cls.folder)
        indexing.rebuild()
        assert service.backends.primary().name == cls.backend_name

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)
        super().tearDownClass()

    # -- French as people type it -----------------------------------------------------------
    def test_accents_are_optional_both_ways(self):
        self.assertIn(*corpus.ids("paniers"), found(run("accessibilite")))
        self.assertEqual(found(run("accessibilite")), found(run("accessibilité")))
        self.assertEqual(found(run("Accessibilité")), found(run("ACCESSIBILITE")))

    def test_plurals_and_verb_forms_meet(self):
        expected = corpus.ids("installation")
        for query in ("installation", "installations", "s'installer", "installés", "installée"):
            self.assertTrue(expected <= found(run(query)), query)

    def test_elisions(self):
        self.assertTrue(corpus.ids("paniers") <= found(run("d'accessibilité")))
        self.assertTrue(corpus.ids("paniers") <= found(run("l’accessibilité")))

    def test_inclusive_writing(self):
        expected = corpus.ids("paysanne", "verger")  # « paysanne » and « paysan »
        for query in ("paysan·ne", "paysan.ne", "paysan·ne·s", "Paysan·nes", "paysanne"):
            self.assertTrue(expected <= found(run(query)), query)

    def test_feminine_forms_meet(self):
        self.assertTrue(corpus.ids("paysanne") <= found(run("producteur")))

    # -- synonyms ----------------------------------------------------------------------------
    def test_default_synonyms(self):
        self.assertTrue(corpus.ids("bd") <= found(run("BD")))
        self.assertTrue(corpus.ids("caisse", "cagnotte") <= found(run("cagnotte")))
        self.assertTrue(corpus.ids("caisse", "cagnotte") <= found(run("caisse de solidarité")))

    def test_synonyms_edited_in_the_admin_apply_without_a_deploy(self):
        self.assertFalse(corpus.ids("verger") & found(run("arboriculture")))
        SynonymGroup.objects.create(terms="arboriculture\nverger")
        self.assertTrue(corpus.ids("verger") <= found(run("arboriculture")))

    # -- typos -------------------------------------------------------------------------------
    def test_one_or_two_wrong_letters_still_find_or_suggest(self):
        outcome = run("acessibilité")
        self.assertTrue(corpus.ids("paniers") <= found(outcome))
        self.assertEqual(outcome.suggestion, "accessibilité")
        self.assertTrue(corpus.ids("cagnotte") <= found(run("cagnote")))
        self.assertTrue(corpus.ids("transmission") <= found(run("transmision")))
        self.assertTrue(corpus.ids("caisse") <= found(run("grelle")))

    def test_suggestion_gives_accents_back_to_the_other_words(self):
        outcome = run("cagnote grele")
        self.assertEqual(outcome.suggestion, "cagnotte grêle")
        self.assertIsNone(run("grele").suggestion)  # accents alone are no mistake

    def test_no_suggestion_for_well_spelt_words(self):
        self.assertIsNone(run("accessibilité").suggestion)

    # -- attachments and ranking -------------------------------------------------------------
    def test_text_of_attachments_is_searched(self):
        self.assertTrue(corpus.ids("kit-piece") <= found(run("registre des traitements")))

    def test_body_ranks_above_attachments(self):
        ranking = order(run("registre des traitements"))
        self.assertLess(ranking.index("kit-corps"), ranking.index("kit-piece"))

    def test_title_ranks_above_body(self):
        ranking = order(run("compost"))
        self.assertEqual(ranking[:2], ["compost-titre", "compost-corps"])

    def test_all_words_rank_above_some(self):
        ranking = order(run("paysan verger"))
        self.assertEqual(ranking[0], "verger")

    def test_quoted_phrase_with_stopwords_inside(self):
        self.assertEqual(found(run('"transmettre sa ferme"')), corpus.ids("transmission"))
        self.assertEqual(found(run('"juste prix"')), set())

    def test_multi_word_synonyms_meet_the_text(self):
        # « reprendre une ferme » is in the group of « transmettre sa ferme ».
        self.assertTrue(corpus.ids("transmission") <= found(run("reprendre une ferme")))

    def test_exact_phrase_ranks_above_scattered_words(self):
        ranking = order(run("prix juste"))
        self.assertEqual(ranking[:2], ["prix-phrase", "prix-epars"])

    # -- facets -------------------------------------------------------------------------------
    def test_facet_counts_use_every_filter_but_their_own(self):
        outcome = run(theme="installation-transmission", type="guide")
        self.assertEqual(found(outcome), corpus.ids("installation"))
        themes = {e["value"]: e["count"] for e in outcome.facets["theme"]}
        types = {e["value"]: e["count"] for e in outcome.facets["type"]}
        # Theme counts among guides; type counts within the theme.
        self.assertEqual(themes["installation-transmission"], 1)
        self.assertEqual(themes["numerique-rgpd"], 2)
        self.assertEqual(types, {"guide": 1, "report": 1})

    def test_values_of_one_facet_combine_with_or(self):
        outcome = run(theme=["charte-ethique", "territoires"])
        self.assertEqual(found(outcome), corpus.ids("bd", "compost-titre"))
        outcome = run(theme=["charte-ethique"], audience=["amapiens"])
        self.assertEqual(outcome.total, 0)

    def test_every_facet_is_counted_and_labelled(self):
        facets = run().facets
        self.assertEqual(set(facets), {"theme", "type", "audience", "network", "year", "licence"})
        network = {e["value"]: (e["label"], e["count"]) for e in facets["network"]}
        self.assertEqual(network["reseau-alpha"], ("Réseau Alpha", 2))
        licences = {e["value"]: e["count"] for e in facets["licence"]}
        self.assertEqual(licences["CC-BY-4.0"], 1)
        years = {e["value"]: e["count"] for e in facets["year"]}
        self.assertEqual(years["2025"], 2)

    def test_unknown_filter_value_matches_nothing(self):
        self.assertEqual(run(theme="jardinage").total, 0)

    # -- snippets, sorts, autocomplete --------------------------------------------------------
    def test_snippet_marks_the_words_and_escapes_the_rest(self):
        outcome = run("ccas accessibilite")
        page, snippet = outcome.results[0]
        self.assertEqual(page.source_id, "paniers")
        self.assertIn("<mark>accessibilité</mark>", snippet)
        self.assertIn("<mark>CCAS</mark>", snippet)
        self.assertIn("L&#x27;", snippet)

    def test_sorts(self):
        self.assertEqual(order(run(sort="downloads"))[:3], ["bd", "cagnotte", "verger"])
        titles = [page.title for page, _s in run(sort="title", page_size=50).results]
        self.assertEqual(titles[:2], ["Accueillir une paysanne en AMAP", "Animer une permanence"])
        dates = [page.first_published_at for page, _s in run(sort="date").results]
        self.assertEqual(dates, sorted(dates, reverse=True))
        # Empty query: every resource, newest first.
        self.assertEqual(order(run())[0], order(run(sort="date"))[0])

    def test_autocomplete_titles_and_themes(self):
        found_titles = [p.source_id for p in service.autocomplete("transm")["resources"]]
        self.assertIn("transmission", found_titles)
        themes = [t.slug for t in service.autocomplete("install")["themes"]]
        self.assertEqual(themes, ["installation-transmission"])

    def test_pagination(self):
        first, second = run(page_size=5), run(page_size=5, page=2)
        self.assertEqual(first.total, second.total)
        self.assertFalse(found(first) & found(second))

    # -- only what the public may see ------------------------------------------------------
    def test_drafts_moderation_unpublished_private_never_found(self):
        outcome = run("zorglub")
        self.assertEqual(outcome.total, 0)
        self.assertEqual(found(outcome), set())
        self.assertIsNone(outcome.suggestion)
        self.assertIsNone(run("zorglu").suggestion)
        everything = run(page_size=100)
        self.assertEqual(everything.total, len(corpus.RESOURCES) - 4)
        self.assertFalse(
            corpus.ids("brouillon", "en-relecture", "depubliee", "privee") & found(everything)
        )
        counted = sum(e["count"] for e in everything.facets["type"])
        self.assertEqual(counted, everything.total)
        self.assertEqual(service.autocomplete("zorglub")["resources"], [])


class TestEmbeddedBackend(ContractTests, TestCase):
    backend_name = "embedded"


ES_URL = os.environ.get("ELASTICSEARCH_URL", "")


@pytest.mark.skipif(
    not ES_URL,
    reason="ELASTICSEARCH_URL n'est pas défini : aucun serveur "
    "Elasticsearch ou OpenSearch à tester ici",
)
class TestElasticsearchBackend(ContractTests, TestCase):
    backend_name = "elasticsearch"

    @classmethod
    def index_settings(cls, index_dir):
        return {
            "SEARCH_INDEX_DIR": index_dir,
            "ELASTICSEARCH_URL": ES_URL,
            "ELASTICSEARCH_INDEX": f"amapartage-test-{uuid.uuid4().hex[:8]}",
        }

    @classmethod
    def tearDownClass(cls):
        es = backends.elasticsearch_backend()
        if es is not None:
            es.drop_index()
        super().tearDownClass()
