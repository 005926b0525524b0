"""What an anonymous visitor can type into a URL never makes a 500: huge numbers, search
syntax, impossible offsets are refused with a 400 and a French message (or ignored), and
nothing is written on the way."""

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

import pytest

from downloads.models import DownloadDay
from operations.params import MAX_ID, bounded_int, optional_id
from resources.models import ResourcePage
from resources.models.pages import with_download_totals
from search.models import ZeroResultQuery
from tests.sitedata import site_for_module

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Firefox/140.0"


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with site_for_module(django_db_blocker) as data:
        yield data


def snapshot():
    return (
        Page.objects.count(),
        Query.objects.count(),
        ZeroResultQuery.objects.count(),
        DownloadDay.objects.count(),
        list(
            with_download_totals(ResourcePage.objects.order_by("pk")).values_list(
                "pk", "download_total"
            )
        ),
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("0", None),
        (HUGE, None),
        ("-3", None),
        ("1e3", None),
        ("１２", None),
        ("1_000", None),
        ("", None),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
    ],
)
def test_optional_id_takes_only_plain_numbers_a_column_can_hold(raw, expected):
    assert optional_id(raw) == expected


def test_bounded_int_refuses_what_is_out_of_bounds():
    assert bounded_int("0") == 0
    with pytest.raises(ValueError):
        bounded_int("11", maximum=10)
    with pytest.raises(ValueError):
        bounded_int("x" * 10_000)


@pytest.mark.parametrize(
    ("query", "word"),
    [
        (f"offset={HUGE}", "offset"),
        ("offset=-1", "offset"),
        ("offset=abc", "offset"),
        ("offset=1000001", "offset"),
        (f"limit={HUGE}", "limit"),
        ("limit=-5", "limit"),
        ("limit=1000", "limit"),
        (f"child_of={HUGE}", "child_of"),
        (f"ancestor_of={HUGE}", "ancestor_of"),
        (f"descendant_of={HUGE}", "descendant_of"),
        (f"id={HUGE}", "id"),
    ],
)
def test_pages_api_refuses_impossible_numbers_in_french(client, site, query, word):
    before = snapshot()
    response = client.get(f"/api/v2/pages/?{query}")
    assert response.status_code == 400, response.content[:300]
    message = response.json()["message"]
    assert word in message and "doit" in message, message
    assert snapshot() == before


@pytest.mark.parametrize("path", [f"/api/v2/pages/{HUGE}/", f"/api/v2/pages/find/?id={HUGE}"])
def test_pages_api_huge_ids_are_not_found(client, site, path):
    before = snapshot()
    response = client.get(path)
    assert response.status_code in (404, 400), response.content[:300]
    assert snapshot() == before


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '"contrat',
        "contrat*",
        "(",
        ")",
        "NOT",
        "contrat AND",
        "NEAR(a b)",
        "a:b",
        "^a",
        "-",
        "'",
        "*",
        "contrat OR",
        "\\",
        "{a}",
        "a + b",
        "'; DROP TABLE x; --",
    ],
)
def test_pages_api_search_syntax_never_breaks(client, site, text):
    before = snapshot()
    response = client.get("/api/v2/pages/", {"search": text})
    assert response.status_code in (200, 400), response.content[:300]
    if response.status_code == 400:
        assert "recherche" in response.json()["message"]
    assert snapshot() == before


def test_pages_api_search_still_finds_pages(client, site):
    response = client.get("/api/v2/pages/", {"search": '"contrat'})
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert any("contrat" in title.lower() for title in titles), titles


def test_pages_api_bad_search_operator_is_refused_in_french(client, site):
    before = snapshot()
    response = client.get("/api/v2/pages/", {"search": "contrat", "search_operator": "xor"})
    assert response.status_code == 400
    assert "search_operator" in response.json()["message"]
    assert snapshot() == before


@pytest.mark.parametrize("hint", [HUGE, "-1", "１２", "1e3", str(MAX_ID + 1)])
def test_download_with_an_impossible_resource_hint_falls_back(client, site, hint):
    guide = site["guide"]
    document = guide.downloads.first().document
    oldest = ResourcePage.objects.live().filter(downloads__document=document).order_by("pk")[0]
    before = ResourcePage.objects.get(pk=oldest.pk).download_total
    response = client.get(
        f"{document.url}?ressource={hint}", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.9.9.9"
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # Counted once, for the resource the file belongs to: nothing else touched.
    assert ResourcePage.objects.get(pk=oldest.pk).download_total == before + 1
    assert DownloadDay.objects.filter(resource=oldest).count() == 1


def test_a_bad_request_is_answered_in_french(client, site, settings):
    """A Host the site does not serve, or a request too big to read, got Django's bare
    English « Bad Request (400) »."""
    settings.ALLOWED_HOSTS = ["amapartage.example.org"]
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "Requête incorrecte" in html
    assert "Bad Request" not in html and "evil.example" not in html
