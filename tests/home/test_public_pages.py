"""The public site's last defects (issue 13): French error pages, a meta description on
every page, structured data of the right types with dates the right way round."""

import json

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
