"""The public site's last defects (issue 13): French error pages, a meta description on
every page, structured data of the right types with dates the right way round."""

import json
import re

from django.core.cache import caches
from django.db import connections
from django.test import RequestFactory
from django.views.defaults import server_error

import pytest

from resources.models import ResourceIndexPage
from tests.home.test_site import Collector, page_urls
from tests.sitedata import site_for_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with site_for_module(django_db_blocker) as data:
        yield data


def json_ld(client, url):
    parser = Collector()
    response = client.get(url)
    assert response.status_code == 200
    parser.feed(response.content.decode())
    assert len(parser.json_ld) == 1, parser.json_ld
    return json.loads(parser.json_ld[0])


def test_404_is_french_with_header_search_and_way_home(client, site, settings):
    settings.DEBUG = False
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Page introuvable" in html
    assert "Not Found" not in html and "The requested resource" not in html
    assert 'class="site-header"' in html
    assert 'role="search"' in html and 'name="q"' in html
    assert 'href="/"' in html and "Revenir à l'accueil" in html
    # One search box, not two (the header's is left out for the page's own).
    assert html.count('type="search"') == 1


def test_500_is_french_and_renders_without_the_database(settings):
    settings.DEBUG = False
    request = RequestFactory().get("/une-page/")

    def no_database(*args, **kwargs):
        raise AssertionError("la page 500 a interrogé la base de données")

    with connections["default"].execute_wrapper(no_database):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Une erreur est survenue" in html
    assert "Server Error" not in html
    assert 'class="site-header"' in html
    assert 'role="search"' in html and 'name="q"' in html
    assert 'href="/"' in html


def test_500_through_the_handler_when_a_view_crashes(client, site, settings, monkeypatch):
    # A real crash inside a real view: Django's handler answers with our page.
    settings.DEBUG = False
    client.raise_request_exception = False
    from resources.models import ResourceIndexPage as Index

    def crash(*args, **kwargs):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(Index, "serve", crash)
    response = client.get(ResourceIndexPage.objects.get().url)
    assert response.status_code == 500
    assert "Une erreur est survenue" in response.content.decode()


def test_every_page_has_a_meta_description(client, site):
    missing = []
    for url in [*page_urls(site), "/recherche/?q=amap", "/recherche/?q=zzzzqqq", "/proposer/"]:
        response = client.get(url)
        if response.status_code == 404:  # a page another branch builds
            continue
        html = response.content.decode()
        start = html.find('<meta name="description" content="')
        content = html[start:].split('content="', 1)[1].split('"', 1)[0] if start >= 0 else ""
        if len(content.strip()) < 20:
            missing.append(url)
    assert not missing, missing


@pytest.mark.parametrize(
    ("kind", "schema_type"),
    [
        ("experience_sheet", "CreativeWork"),
        ("guide", "CreativeWork"),
        ("training_catalogue", "CreativeWork"),
        ("comic", "CreativeWork"),
        ("report", "CreativeWork"),
        ("video", "VideoObject"),
        ("faq", "FAQPage"),
    ],
)
def test_structured_data_types_and_dates(client, site, kind, schema_type):
    page = site[kind].specific
    data = json_ld(client, page.url)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == schema_type
    assert data["name"] == page.title
    assert data["inLanguage"] == "fr"
    # The work's year is when it was made; the page's first publication is datePublished.
    assert data["datePublished"] == page.first_published_at.date().isoformat()
    if page.year:
        assert data["dateCreated"] == str(page.year)
        assert data["dateCreated"] <= data["datePublished"]
    if schema_type == "VideoObject":
        assert data["uploadDate"]
        assert data["description"]
    if schema_type == "FAQPage":
        (question,) = data["mainEntity"]
        assert question["@type"] == "Question"
        assert question["name"] == page.title
        assert question["acceptedAnswer"]["@type"] == "Answer"
        assert len(question["acceptedAnswer"]["text"]) > 10
        assert "<" not in question["acceptedAnswer"]["text"]


def test_file_sizes_in_french_units():
    from home.templatetags.site_tags import file_size

    assert file_size(850) == "850 octets"
    assert file_size(39_700) == "39,7\u00a0Ko"
    assert file_size(40_000) == "40\u00a0Ko"
    assert file_size(1_234_567) == "1,2\u00a0Mo"
    assert file_size(5_000_000_000) == "5\u00a0Go"
    assert file_size(None) == ""


def test_resource_pages_show_french_sizes_licence_badge_and_main_download_first(client, site):
    sheet = site["experience_sheet"]
    html = client.get(sheet.url).content.decode()
    assert "Kio" not in html and " KB" not in html
    assert re.search(r"PDF, \d+(,\d+)?( octets|\u00a0Ko|\u00a0Mo)", html)
    # The main download comes before the sheet's text (on a phone, the first screen).
    assert html.index("Télécharger la fiche") < html.index('class="resource-main')
    # A short licence badge that links to the licence's text.
    assert re.search(r'class="licence-badge" href="https://creativecommons\.org/[^"]+"', html)
    assert re.search(r">CC BY(-[A-Z]+)* 4\.0</a>", html)


def test_download_thumbnails_offer_a_small_rendition(client, site):
    # Thumbnails are made after the commit, which this (rolled back) test never reaches:
    # give the sheet's document one.
    from tests.sitedata import make_image

    document = site["experience_sheet"].downloads.first().document
    document.thumbnail = make_image("Vignette", "Première page", size=(600, 900))
    document.save()
    caches["default"].clear()  # the page as cached by an earlier test had no thumbnail
    html = client.get(site["experience_sheet"].url).content.decode()
    thumb = html[html.index('class="download-thumb"') :][:1500]
    assert 'sizes="5rem"' in thumb
    widths = [int(w) for w in re.findall(r"\s(\d+)w", thumb)]
    assert widths and min(widths) <= 80, thumb


def test_comic_preview_pages_open_large_and_ordering_appears_once(client, site):
    comic = site["comic"]
    html = client.get(comic.url).content.decode()
    if "preview-list" in html:
        assert "Voir en grand" in html
    assert html.count('id="commander"') <= 1


def test_home_title_does_not_repeat_its_subtitle(client, site):
    html = client.get("/").content.decode()
    title = html[html.index("<title>") + 7 : html.index("</title>")].lower()
    assert title.count("ressources du mouvement des amap") == 1, title


def test_sitemap_uses_the_configured_host_name(client, site, settings):
    from wagtail.models import Site

    settings.WAGTAILADMIN_BASE_URL = "https://ressources.example.org"
    body = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", body)
    assert locations
    assert all(loc.startswith("https://ressources.example.org/") for loc in locations), locations
    # Once the Wagtail Site has its real host name and port, that is used.
    Site.objects.filter(is_default_site=True).update(hostname="amap.example.net", port=443)
    caches["default"].clear()
    body = client.get("/sitemap.xml", HTTP_HOST="amap.example.net").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", body)
    assert locations
    assert all(loc.startswith("https://amap.example.net/") for loc in locations), locations
