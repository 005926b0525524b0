"""The public JSON API, to the letter of ../shared/search-api.md, and any input at all."""

import tempfile
import time
from pathlib import Path

from django.test import TestCase

from search import indexing
from tests.conftest import reset_search_state
from tests.search import corpus
from tests.search.classindex import ClassSearchIndex


class SearchIndexClassMixin(ClassSearchIndex):
    """One index for the whole class, built from the test corpus. The corpus is built per
    class (in the class's transaction): a module-wide transaction held open across tests broke
    on PostgreSQL once xdist interleaves other modules' transactional tests on a worker."""

    @classmethod
    def setUpTestData(cls):
        reset_search_state()
        corpus.build(Path(tempfile.mkdtemp(prefix="corpus-", dir=cls._index_dir)))
        indexing.rebuild()


class TestSearchApi(SearchIndexClassMixin, TestCase):
    def get(self, **params):
        return self.client.get("/api/v1/search/", params)

    def test_answer_has_the_contract_shape(self):
        response = self.get(q="accessibilite")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")
        data = response.json()
        self.assertEqual(
            set(data),
            {"query", "count", "page", "page_size", "results", "facets", "suggestion", "partial"},
        )
        self.assertEqual((data["query"], data["page"], data["page_size"]), ("accessibilite", 1, 20))
        self.assertEqual(data["count"], len(data["results"]))
        first = data["results"][0]
        self.assertEqual(
            set(first),
            {
                "id",
                "source_id",
                "title",
                "url",
                "type",
                "summary",
                "themes",
                "network",
                "year",
                "snippet",
                "downloads",
            },
        )
        self.assertEqual(first["source_id"], "paniers")
        self.assertEqual(first["type"], "experience_sheet")
        self.assertEqual(first["themes"], ["accessibilite-alimentaire"])
        self.assertEqual(first["network"], "reseau-alpha")
        self.assertEqual(first["year"], 2021)
        self.assertTrue(first["url"].startswith("http://testserver/ressources/"))
        self.assertIn("<mark>accessibilité</mark>", first["snippet"])
        self.assertEqual(
            set(data["facets"]), {"theme", "type", "audience", "network", "year", "licence"}
        )
        theme = data["facets"]["theme"][0]
        self.assertEqual(
            theme,
            {
                "value": "accessibilite-alimentaire",
                "label": "Accessibilité alimentaire",
                "count": 1,
            },
        )
        self.assertIsNone(data["suggestion"])
        self.assertIn("no-cache", response["Cache-Control"])

    def test_downloads_of_a_result(self):
        data = self.get(q="registre des traitements").json()
        result = next(r for r in data["results"] if r["source_id"] == "kit-piece")
        (download,) = result["downloads"]
        self.assertEqual(download["format"], "PDF")
        self.assertGreater(download["size"], 100)
        self.assertTrue(download["url"].startswith("http://testserver/documents/"))
        self.assertEqual(download["title"], "Registre")

    def test_empty_query_lists_everything_newest_first(self):
        data = self.get().json()
        self.assertEqual(data["query"], "")
        self.assertEqual(data["count"], len(corpus.RESOURCES) - 4)
        self.assertEqual(data["results"][0]["source_id"], "piece-privee")

    def test_repeated_filters_combine_with_or_and_different_ones_with_and(self):
        data = self.client.get("/api/v1/search/?theme=charte-ethique&theme=territoires").json()
        self.assertEqual({r["source_id"] for r in data["results"]}, {"bd", "compost-titre"})
        data = self.client.get("/api/v1/search/?theme=charte-ethique&type=guide").json()
        self.assertEqual(data["count"], 0)
        data = self.client.get("/api/v1/search/?network=reseau-alpha&year=2024").json()
        self.assertEqual([r["source_id"] for r in data["results"]], ["caisse"])

    def test_unknown_filter_value_matches_nothing(self):
        for param in ("theme", "type", "audience", "network", "year", "licence"):
            response = self.get(**{param: "inconnu"})
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.json()["count"], 0)

    def test_sorts_and_pages(self):
        data = self.get(sort="downloads", page_size=3).json()
        self.assertEqual([r["source_id"] for r in data["results"]], ["bd", "cagnotte", "verger"])
        page2 = self.get(sort="downloads", page_size=3, page=2).json()
        self.assertEqual(page2["page"], 2)
        self.assertFalse({r["id"] for r in data["results"]} & {r["id"] for r in page2["results"]})
        beyond = self.get(page=999).json()
        self.assertEqual(beyond["results"], [])
        self.assertEqual(beyond["count"], len(corpus.RESOURCES) - 4)

    def test_suggestion_for_misspelt_words(self):
        data = self.get(q="acessibilité").json()
        self.assertEqual(data["suggestion"], "accessibilité")
        self.assertTrue(data["results"])

    def test_bad_parameters_answer_400_in_french_naming_the_parameter(self):
        cases = [
            ({"page": "abc"}, "« page »"),
            ({"page": "0"}, "« page »"),
            ({"page": "-3"}, "« page »"),
            ({"page_size": "1000"}, "« page_size »"),
            ({"page_size": "0"}, "« page_size »"),
            ({"page_size": "vingt"}, "« page_size »"),
            ({"sort": "pertinence"}, "« sort »"),
        ]
        for params, name in cases:
            response = self.get(**params)
            self.assertEqual(response.status_code, 400, params)
            error = response.json()["error"]
            self.assertIn(name, error)
            self.assertIn("doit", error)  # a French sentence saying what it must be

    def test_no_input_makes_it_fail(self):
        nasty = [
            "a" * 10_000,
            "!!!,;:?./§%*",
            '" * ( : OR AND -',
            "'; DROP TABLE wagtailcore_page; --",
            "paniers\x00solidaires",
            "🧑‍🌾🥕🥬",
            "((((((((((",
            '"unclosed quote',
            "\u202e\u200b",
            "paysan·ne·s d’AMAP",
            " ".join(["mot"] * 500),
        ]
        for q in nasty:
            started = time.monotonic()
            response = self.get(q=q)
            elapsed = time.monotonic() - started
            self.assertIn(response.status_code, (200, 400), q[:30])
            self.assertIsInstance(response.json(), dict)
            self.assertLess(elapsed, 1.0, f"{q[:30]!r} took {elapsed:.2f} s")

    def test_only_public_resources(self):
        data = self.get(q="zorglub").json()
        self.assertEqual((data["count"], data["results"], data["suggestion"]), (0, [], None))
        for facet in data["facets"].values():
            self.assertEqual(facet, [])


class TestSearchPage(SearchIndexClassMixin, TestCase):
    def test_results_facets_and_snippets(self):
        response = self.client.get("/recherche/", {"q": "grêle"})
        html = response.content.decode()
        self.assertEqual(response.status_code, 200)
        self.assertIn("Une caisse de solidarité après la grêle", html)
        self.assertIn("<mark>grêle</mark>", html)
        self.assertIn('name="theme" value="cagnottes-solidaires"', html)
        self.assertIn('Cagnottes et fonds solidaires <span class="count">(1)</span>', html)
        self.assertIn("no-cache", response["Cache-Control"])

    def test_active_filter_can_be_removed_one_by_one(self):
        html = self.client.get("/recherche/?theme=charte-ethique&type=comic").content.decode()
        self.assertIn("Filtres actifs", html)
        self.assertIn('href="?type=comic"', html)  # removes the theme, keeps the type
        self.assertIn('href="?theme=charte-ethique"', html)
        self.assertIn("Retirer tous les filtres", html)

    def test_helpful_page_when_nothing_matches(self):
        html = self.client.get(
            "/recherche/", {"q": "xylophone", "theme": "charte-ethique"}
        ).content.decode()
        self.assertIn("Aucune ressource ne correspond", html)
        self.assertIn("Retirez les filtres", html)
        self.assertIn("Ou parcourez les thèmes", html)
        self.assertIn("/ressources/themes/gestion-de-crise/", html)

    def test_suggestion_link(self):
        html = self.client.get("/recherche/", {"q": "acessibilité"}).content.decode()
        self.assertIn("Vouliez-vous dire", html)
        self.assertIn('href="?q=accessibilit%C3%A9"', html)

    def test_bad_parameters_are_explained_not_fatal(self):
        response = self.client.get(
            "/recherche/", {"q": "compost", "page": "abc", "sort": "n'importe"}
        )
        html = response.content.decode()
        self.assertEqual(response.status_code, 200)
        self.assertIn("« page » doit être un nombre entier", html)
        self.assertIn("« sort » doit valoir", html)
        self.assertIn("Composter à la distribution", html)

    def test_pagination_links_keep_the_query_and_filters(self):
        html = self.client.get("/recherche/?theme=numerique-rgpd&page=1").content.decode()
        self.assertIn("2 ressources", html)
        self.assertNotIn('rel="next"', html)
        html = self.client.get("/recherche/?sort=title&page_size=5").content.decode()
        self.assertIn('href="?sort=title&amp;page_size=5&amp;page=2" rel="next"', html)

    def test_works_without_javascript(self):
        html = self.client.get("/recherche/?q=compost").content.decode()
        # A real address, not action="" (invalid HTML, issue 13).
        self.assertIn(
            '<form class="search-form" action="/recherche/" method="get" role="search"', html
        )
        self.assertIn("Appliquer les filtres", html)
        self.assertIn('<button type="submit">Trier</button>', html)

    def test_zero_result_queries_are_reported_without_personal_data(self):
        from search.models import ZeroResultQuery

        self.client.get("/recherche/", {"q": "Xylophone  Géant"})
        self.client.get("/recherche/", {"q": "xylophone géant"})
        self.client.get("/recherche/", {"q": "jean.dupont@example.org"})
        self.client.get("/recherche/", {"q": "06 12 34 56 78"})
        self.client.get("/recherche/", {"q": "compost"})  # found: not recorded
        self.assertEqual(
            list(ZeroResultQuery.objects.values_list("query", "count")), [("xylophone geant", 2)]
        )

    def test_promoted_results(self):
        from wagtail.contrib.search_promotions.models import Query, SearchPromotion

        from resources.models import ResourcePage

        page = ResourcePage.objects.get(source_id="bd")
        SearchPromotion.objects.create(
            query=Query.get("charte"), page=page, sort_order=0, description="La BD à distribuer"
        )
        html = self.client.get("/recherche/", {"q": "charte"}).content.decode()
        self.assertIn("Sélection du comité de lecture", html)
        self.assertIn("La BD à distribuer", html)


class TestQueryCount(SearchIndexClassMixin, TestCase):
    """Results cost the same queries for 2 or 14 of them: no query per result card."""

    def count(self, path, **params):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.client.get(path, params)  # warm caches (facet labels, site root paths)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(path, params)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_search_page_and_api(self):
        for path in ("/recherche/", "/api/v1/search/"):
            few = self.count(path, q="", page_size=2)
            many = self.count(path, q="", page_size=14)
            self.assertEqual(few, many, path)


class TestAutocomplete(SearchIndexClassMixin, TestCase):
    def test_themes_and_titles_as_you_type(self):
        data = self.client.get("/recherche/suggestions/", {"q": "cagn"}).json()
        kinds = [(r["type"], r["label"]) for r in data["results"]]
        self.assertIn(("theme", "Cagnottes et fonds solidaires"), kinds)
        self.assertIn(("resource", "Comment organiser une cagnotte ?"), kinds)

    def test_short_or_odd_input(self):
        for q in ("", "a", "\x00", "🥕" * 50, "x" * 5000):
            response = self.client.get("/recherche/suggestions/", {"q": q})
            self.assertEqual(response.status_code, 200)
            self.assertIsInstance(response.json()["results"], list)
