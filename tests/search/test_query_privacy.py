"""What the search box keeps about visitors: words for the editors' reports, never an e-mail
address, a phone number or a house number, in any table; and what the GDPR commands do with
the words that remain."""

import importlib
import json
from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.db import connection

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

import pytest

from resources.models import ResourcePage
from search.models import ZeroResultQuery
from search.service import words_to_keep
from tests.sitedata import site_for_module

pytestmark = pytest.mark.django_db

TYPED = "jean.dupont@example.org 06 12 34 56 78 grêle"


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with site_for_module(django_db_blocker) as data:
        yield data


def every_text_in_the_database():
    """Every text value of every table, for a needle search (SQLite and PostgreSQL)."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            description = connection.introspection.get_table_description(cursor, table)
            quoted = connection.ops.quote_name(table)
            columns = ", ".join(connection.ops.quote_name(c.name) for c in description)
            cursor.execute(f"SELECT {columns} FROM {quoted}")  # noqa: S608 -- our own table names
            for row in cursor.fetchall():
                found.extend((table, str(value)) for value in row if isinstance(value, str))
    return found


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        (TYPED, ""),
        ("jean＠example.org", ""),
        ("+33 6 12 34 56 78", ""),
        ("0612345678", ""),
        ("12 rue des Lilas compost", "rue des Lilas compost"),
        ("bilan 2023 grêle", "bilan grêle"),
        ("Grêle  et  gel", "Grêle et gel"),
    ],
)
def test_words_to_keep(typed, kept):
    assert words_to_keep(typed) == kept


@pytest.mark.parametrize("path", ["/recherche/", "/api/v1/search/"])
def test_personal_data_typed_in_the_search_box_is_stored_nowhere(client, site, path):
    before = set(every_text_in_the_database())
    queries_before = Query.objects.count()
    for text in (TYPED, "xylophone 06 12 34 56 78", "12 rue des Lilas zzzqqq"):
        assert client.get(path, {"q": text}).status_code == 200
    new = set(every_text_in_the_database()) - before
    for needle in ("jean", "dupont", "example", "06 12", "0612", "12 34 56", "12 rue", "xylo"):
        assert not [(t, v) for t, v in new if needle in v.lower()], needle
    # What may be kept is kept: the words, in the promotions' hits (search page) and the
    # zero-result report.
    if path == "/recherche/":
        assert Query.objects.count() == queries_before + 1
        assert Query.objects.get(query_string="rue des lilas zzzqqq").hits == 1
    assert list(ZeroResultQuery.objects.values_list("query", flat=True)) == ["rue des lilas zzzqqq"]


def test_promotions_still_shown_for_queries_with_digits(client, site):
    page = ResourcePage.objects.filter(live=True).order_by("pk").first()
    SearchPromotion.objects.create(
        query=Query.get("bilan 2023"), page=page, sort_order=0, description="Le bilan choisi"
    )
    html = client.get("/recherche/", {"q": "Bilan 2023"}).content.decode()
    assert "Le bilan choisi" in html
    # The hit is counted under the words kept, never under the digits.
    assert Query.objects.get(query_string="bilan").hits == 1
    assert not QueryDailyHits.objects.filter(query__query_string="bilan 2023").exists()


def _legacy_rows():
    """Rows as the site stored them before: the query verbatim."""
    for text in (TYPED, "jean dupont", "Jean.Dupont", "grêle", "12 rue des lilas"):
        Query.get(text).add_hit()
    ZeroResultQuery.objects.create(query="jean dupont compost")
    ZeroResultQuery.objects.create(query="xylophone")


def test_gdpr_export_and_erase_cover_stored_queries(site):
    _legacy_rows()
    promoted = Query.get("jean dupont promu")
    SearchPromotion.objects.create(query=promoted, page=ResourcePage.objects.first())
    out = StringIO()
    call_command("gdpr_export", "Jean.Dupont@example.org", stdout=out)
    listed = {q["query"] for q in json.loads(out.getvalue())["search_queries"]}
    assert listed == {
        TYPED,
        "jean dupont",
        "jean.dupont",
        "jean dupont promu",
        "jean dupont compost",
    }

    out = StringIO()
    call_command("gdpr_erase", "Jean.Dupont@example.org", "--yes", stdout=out)
    assert "Recherches enregistrées effacées : 4." in out.getvalue()
    assert "« jean dupont promu »" in out.getvalue()
    assert set(Query.objects.values_list("query_string", flat=True)) == {
        "grêle",
        "12 rue des lilas",
        "jean dupont promu",
    }
    assert set(ZeroResultQuery.objects.values_list("query", flat=True)) == {"xylophone"}
    assert SearchPromotion.objects.filter(query=promoted).exists()
    assert QueryDailyHits.objects.filter(query__query_string="grêle").exists()


def test_migration_scrubs_stored_queries_that_look_personal(site):
    _legacy_rows()
    promoted = Query.get("bilan 2023")
    SearchPromotion.objects.create(query=promoted, page=ResourcePage.objects.first())
    migration = importlib.import_module("search.migrations.0003_sec_500s_scrub_stored_queries")
    migration.scrub(apps, None)
    assert set(Query.objects.values_list("query_string", flat=True)) == {
        "jean dupont",
        "jean.dupont",
        "grêle",
        "bilan 2023",  # the editors' own words, with a promotion
    }
    assert not QueryDailyHits.objects.filter(query__query_string__contains="@").exists()
    assert set(ZeroResultQuery.objects.values_list("query", flat=True)) == {
        "jean dupont compost",
        "xylophone",
    }
