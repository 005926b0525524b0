"""Search as people type and ask, on the demo content (issue 13).

The demo is loaded once for the class; every search goes through the embedded backend, the
search page and the public API. The quality benchmark (bench/search_quality.py) runs on the
same content: its mean on our graded set must not fall below what we measured.
"""

import importlib.util
import os
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings

from search import dictionary, indexing, thesaurus
from search.models import ZeroResultQuery
from tests.conftest import reset_search_state
from tests.search.classindex import ClassSearchIndex

ROOT = Path(__file__).resolve().parents[2]
TRANSMISSION = {
    "demo-video-transmettre-sa-ferme",
    "demo-transmission-ferme-laitiere-bretagne",
    "demo-etude-transmission-fermes-amap",
}
# Measured on the graded set (tests/search/quality_judgments.jsonl) after issue 13, minus noise.
# The set grew by 13 questions worded otherwise than the sheets (second pass): 0.94 → 0.89 on
# the same search, hence the lower floor; the figures by kind are in the README. A third pass
# added 15 questions written before the change they measured (0.69 → 0.74 with it): 0.884.
QUALITY_FLOOR = 0.87
KIND_FLOOR = 0.70


def _bench():
    path = ROOT / "bench" / "search_quality.py"
    spec = importlib.util.spec_from_file_location("search_quality", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestSearchQuality(ClassSearchIndex, TestCase):
    @classmethod
    def setUpTestData(cls):
        reset_search_state()
        call_command("load_demo", "--force", stdout=StringIO(), stderr=StringIO())
        indexing.rebuild()

    def api(self, q, **params):
        response = self.client.get("/api/v1/search/", {"q": q, **params})
        self.assertEqual(response.status_code, 200)
        return response.json()

    def ids(self, data):
        return [r["source_id"] for r in data["results"]]

    def test_a_typo_inside_a_word_family_is_corrected(self):
        data = self.api("transmetre")
        self.assertEqual(data["suggestion"], "transmettre")
        self.assertIn(self.ids(data)[0], TRANSMISSION)
        self.assertLessEqual(TRANSMISSION, set(self.ids(data)[:5]))
        data = self.api("transmetre sa ferme")
        self.assertEqual(data["suggestion"], "transmettre sa ferme")
        self.assertEqual(set(self.ids(data)[:3]), TRANSMISSION)
        self.assertFalse(data["partial"])

    def test_suggestions_make_the_words_match_together(self):
        data = self.api("panier solidere")
        self.assertEqual(data["suggestion"], "panier solidaire")
        self.assertIn("demo-faq-financer-paniers-solidaires", self.ids(data)[:3])
        # A word cut short is completed by the form that meets the other word.
        self.assertEqual(self.api("educ pop")["suggestion"], "educ populaire")
        self.assertEqual(self.api("inondaton")["suggestion"], "inondation")

    def test_a_suggestion_does_not_repeat_a_typo_the_search_forgave(self):
        # « grelle » meets « grêle » through the stemmer: found, but shown as typed it kept
        # the typo in « Vouliez-vous dire : cagnotte grelle ».
        self.assertEqual(self.api("cagnote grelle")["suggestion"], "cagnotte grêle")
        self.assertEqual(self.api("cagnote grele")["suggestion"], "cagnotte grêle")

    def test_words_absent_from_the_library_answer_nothing_with_help(self):
        before = ZeroResultQuery.objects.count()
        for q in ("zzqxw permaculture martienne", "recette de tiramisu", "kangourou"):
            data = self.api(q)
            self.assertEqual((data["count"], data["results"]), (0, []), q)
            self.assertFalse(data["partial"], q)
            self.assertIsNone(data["suggestion"], q)
        # The page helps instead of showing noise, and never fails.
        response = self.client.get("/recherche/", {"q": "zzqxw permaculture martienne"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "0 ressource pour")  # French: 0 takes the singular
        self.assertContains(response, "Aucune ressource ne correspond")
        self.assertNotContains(response, "matinée")
        # Only the editors' zero-result report records them.
        self.assertEqual(ZeroResultQuery.objects.count(), before + 3)

    def test_partial_answers_are_flagged(self):
        # Both words are in the library, never in the same resource.
        data = self.api("grêle confinement")
        self.assertTrue(data["partial"])
        self.assertGreater(data["count"], 0)
        self.assertIn("demo-bd-le-jour-de-la-grele", self.ids(data))
        response = self.client.get("/recherche/", {"q": "grêle confinement"})
        self.assertContains(response, "Aucune ressource ne contient tous vos mots")
        self.assertFalse(self.api("grêle")["partial"])

    def test_question_words_do_not_decide_what_matches(self):
        data = self.api("que faire si la grêle a détruit les cultures de notre maraîcher ?")
        self.assertIn("demo-caisse-solidarite-grele-vaucluse", self.ids(data)[:3])
        self.assertIn("demo-faq-recolte-perdue", self.ids(data)[:5])
        data = self.api("qui décide du prix du panier ?")
        self.assertEqual(self.ids(data)[0], "demo-faq-prix-du-panier")
        # Alone, a question word is searched as typed.
        self.assertEqual(self.api("comment")["query"], "comment")

    def test_long_questions_rank_by_coverage_without_noise(self):
        # Four or more meaningful words: half of them are enough to be shown (the sheet that
        # answers rarely shares the question's wording), more of them and closer come first.
        data = self.api("que faire si la grêle a détruit les cultures de notre maraîcher ?")
        self.assertIn("demo-bd-le-jour-de-la-grele", self.ids(data))  # grêle + détruit only
        data = self.api(
            "notre paysan a perdu sa récolte à cause de la sécheresse, comment l'aider ?"
        )
        self.assertEqual(
            set(self.ids(data)[:2]), {"demo-faq-recolte-perdue", "demo-synthese-aleas-et-cagnottes"}
        )
        self.assertFalse(data["partial"])
        # Words absent from the library still answer nothing, question or not.
        data = self.api("comment élever des kangourous martiens sur une planète lointaine ?")
        self.assertEqual(data["count"], 0)

    def test_a_long_question_is_about_its_words_found_together_in_a_title(self):
        # « trouver » sits in many long texts: matching it too no longer outranks the sheet
        # whose title says « Modèle de contrat ».
        data = self.api("ou trouver un modele de contrat pour notre amap ?")
        self.assertEqual(self.ids(data)[0], "demo-modele-contrat-amap")
        data = self.api("comment lancer la première réunion d'une nouvelle AMAP ?")
        self.assertEqual(self.ids(data)[0], "demo-guide-creer-son-amap")

    def test_a_word_the_library_lacks_is_bridged_by_the_thesaurus(self):
        if not thesaurus.available():
            message = "paquet Debian mythes-fr absent : thésaurus non testé"
            if os.environ.get("CI") == "true":  # scripts/ensure_system_tools.sh installs it
                self.fail(message)
            self.skipTest(message)
        # « taxe » is nowhere in the library; its thesaurus synonym « impôt » is.
        data = self.api("quelles taxes une AMAP doit-elle payer ?")
        self.assertEqual(self.ids(data)[0], "demo-fiche-fiscalite-amap")
        taxes = self.api("taxes")
        self.assertIn("demo-fiche-fiscalite-amap", self.ids(taxes)[:3])
        self.assertIsNone(taxes["suggestion"])  # a real word, not a typo of « tables »
        # « brouille » is nowhere; « désaccord » is in one resource, and brings the
        # movement's group along (« conflit », in another).
        self.assertEqual(
            set(self.ids(self.api("brouille"))),
            {"demo-video-transmettre-sa-ferme", "demo-faq-adherer-reseau-regional"},
        )
        with override_settings(SEARCH_THESAURUS="", SEARCH_DICTIONARY=""):
            thesaurus.forget()
            dictionary.forget()
            try:
                # Without the thesaurus (nor the dictionary), as before: the word is absent,
                # or taken for a typo.
                self.assertEqual(self.api("brouille")["count"], 0)
                self.assertEqual(self.api("taxes")["suggestion"], "tables")
            finally:
                thesaurus.forget()
                dictionary.forget()

    def test_a_real_word_the_library_lacks_is_not_corrected_into_another(self):
        for package, present in (
            ("hunspell-fr", dictionary.available()),
            ("mythes-fr", thesaurus.available()),
        ):
            if not present:
                message = f"paquet Debian {package} absent : dictionnaire non testé"
                if os.environ.get("CI") == "true":  # scripts/ensure_system_tools.sh installs it
                    self.fail(message)
                self.skipTest(message)
        # « argent » is nowhere in the library, « agents » is; it is a French word, so no
        # « Vouliez-vous dire : … l'agents … », and its thesaurus synonyms bridge it.
        question = "qui s'occupe de l'argent et des chèques dans une AMAP ?"
        data = self.api(question)
        self.assertIsNone(data["suggestion"])
        self.assertIn("demo-webinaire-statuts-comptes-fiscalite", self.ids(data)[:5])
        self.assertIn("demo-fiche-fiscalite-amap", self.ids(data)[:5])
        # Misspellings are still corrected, accents given back as before.
        self.assertEqual(self.api("cagnote grele")["suggestion"], "cagnotte grêle")
        self.assertEqual(self.api("panier solidere")["suggestion"], "panier solidaire")
        # Without the dictionary, as before.
        with override_settings(SEARCH_DICTIONARY=""):
            dictionary.forget()
            try:
                self.assertIn("l'agents", self.api(question)["suggestion"])
            finally:
                dictionary.forget()

    def test_the_exact_phrase_in_a_title_comes_first(self):
        data = self.api("paniers solidaires")
        in_title = {
            "demo-paniers-solidaires-villeurbanne",
            "demo-etude-accessibilite-paniers-solidaires",
            "demo-faq-financer-paniers-solidaires",
        }
        self.assertEqual(set(self.ids(data)[:3]), in_title)
        self.assertIn("demo-bd-un-panier-pour-tout-le-monde", self.ids(data))

    def test_unpublished_resources_are_never_found(self):
        data = self.api("logiciels libres outils numériques")
        self.assertNotIn("demo-fiche-outils-numeriques-libres", self.ids(data))
        data = self.api("Clic, clac, panier")
        self.assertNotIn("demo-bd-clic-clac-panier", self.ids(data))

    def test_quality_on_the_graded_set_stays_above_what_we_measured(self):
        bench = _bench()
        rows = bench.evaluate(bench.load_judgments())
        figures = bench.by_kind(rows)
        self.assertGreaterEqual(len(rows), 60)
        self.assertGreaterEqual(figures["mean"], QUALITY_FLOOR, figures)
        for kind, value in figures.items():
            self.assertGreaterEqual(value, KIND_FLOOR, (kind, figures))
