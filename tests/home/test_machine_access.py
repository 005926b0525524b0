"""Feeds, sitemap, robots.txt, the read-only API, and static files with long cache headers."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET  # our own responses, not untrusted input
from pathlib import Path

from django.test import override_settings

import pytest

from resources.models import GuidePage, ResourceIndexPage
from tests.sitedata import site_for_module

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with site_for_module(django_db_blocker) as data:
        yield data


@pytest.fixture
def draft(site):
    index = ResourceIndexPage.objects.get()
    page = GuidePage(title="Brouillon secret", slug="brouillon", summary="Pas encore relu.")
    index.add_child(instance=page)
    page.themes = site["themes"]
    page.save_revision()
    page.unpublish()
    return page


def test_rss_of_new_resources(client, site, draft):
    response = client.get("/flux/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(  # noqa: S314
        response.content
    ).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert site["guide"].title in titles and len(titles) == 7
    assert draft.title not in titles
    item = next(i for i in channel.findall("item") if i.findtext("title") == site["guide"].title)
    assert item.findtext("link") == "http://testserver" + site["guide"].url
    assert {c.text for c in item.findall("category")} == {site["themes"][1].name}


def test_theme_feeds_rss_and_atom(client, site):
    creation = site["themes"][0]
    rss = ET.fromstring(  # noqa: S314
        client.get(f"/flux/themes/{creation.slug}/").content
    )
    titles = {item.findtext("title") for item in rss.find("channel").findall("item")}
    assert site["comic"].title in titles and site["guide"].title not in titles
    atom = ET.fromstring(  # noqa: S314
        client.get(f"/flux/themes/{creation.slug}/atom/").content
    )
    assert atom.tag == f"{ATOM}feed"
    assert site["comic"].title in {e.findtext(f"{ATOM}title") for e in atom.findall(f"{ATOM}entry")}
    assert client.get("/flux/themes/inconnu/").status_code == 404
    assert client.get("/flux/atom/").status_code == 200


def test_feed_links_in_pages(client, site):
    index = ResourceIndexPage.objects.get()
    html = client.get(index.theme_url(site["themes"][0])).content.decode()
    assert f'href="/flux/themes/{site["themes"][0].slug}/"' in html
    assert 'type="application/rss+xml"' in client.get("/").content.decode()


def test_sitemap(client, site, draft):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = [
        loc.text
        for loc in ET.fromstring(  # noqa: S314
            response.content
        ).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    assert any(loc.endswith(site["guide"].url) for loc in locations)
    assert any(loc.endswith(f"/themes/{site['themes'][0].slug}/") for loc in locations)
    assert any(loc.endswith(f"/reseaux/{site['network'].slug}/") for loc in locations)
    assert not any(loc.endswith("/brouillon/") for loc in locations)


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text
    # Results are kept out, the bare search page is not.
    disallowed = [
        line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("Disallow")
    ]
    assert any("/recherche/?q=panier".startswith(rule) for rule in disallowed)
    assert not any("/recherche/".startswith(rule) for rule in disallowed)


def test_read_only_pages_api_shows_live_pages_only(client, site, draft):
    response = client.get("/api/v2/pages/?limit=20")
    assert response.status_code == 200
    titles = {item["title"] for item in response.json()["items"]}
    assert site["guide"].title in titles
    assert draft.title not in titles
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    # Read-only: no writing method.
    assert client.post("/api/v2/pages/", {"title": "x"}).status_code == 405


def test_production_serves_hashed_static_files_with_long_cache(client, tmp_path):
    static_root = tmp_path / "static"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "amapartage.settings.production",
        "SECRET_KEY": "test-only",
        "ALLOWED_HOSTS": "testserver",
        "REAL_IP_HEADER": "REMOTE_ADDR",
        "STATIC_ROOT": str(static_root),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    settings_out = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings as s; "
         "print(s.STORAGES['staticfiles']['BACKEND']); print(s.MIDDLEWARE[1])"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    assert settings_out == [
        # WhiteNoise's CompressedManifestStaticFilesStorage, minifying our CSS (issue 13).
        "home.staticstorage.MinifiedManifestStaticFilesStorage",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]
    hashed = [p.name for p in (static_root / "css").glob("site.*.css")]
    assert hashed, "collectstatic n'a pas produit de nom haché"
    with override_settings(
        STATIC_ROOT=static_root,
        MIDDLEWARE=["whitenoise.middleware.WhiteNoiseMiddleware"],
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
    ):
        response = client.get(f"/static/css/{hashed[0]}")
        assert response.status_code == 200
        assert "immutable" in response["Cache-Control"]
        assert "max-age=315360000" in response["Cache-Control"]
        assert response["Content-Type"].startswith("text/css")


@pytest.mark.parametrize(
    "url",
    [
        "/sitemap.xml",
        "/robots.txt",
        "/recherche/",
        "/recherche/?q=amap",
        "/recherche/suggestions/?q=am",
        "/api/v1/search/?q=amap",
    ],
)
def test_head_is_answered_wherever_get_is(client, site, url):
    """Link checkers and uptime monitors ask HEAD: a 405 there read as a broken site."""
    get = client.get(url)
    head = client.head(url)
    assert get.status_code == 200
    assert head.status_code == 200, url
    assert head["Content-Type"] == get["Content-Type"]
