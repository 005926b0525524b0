"""Anonymous visitors get cached pages; any change to the library clears them at once."""

from django.urls import reverse

import pytest

from resources.models import GuidePage, ResourceIndexPage, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()


def publish_guide(title, slug):
    page = GuidePage(title=title, slug=slug, summary="Un résumé.")
    ResourceIndexPage.objects.get().add_child(instance=page)
    page.themes = [Theme.objects.get(slug="vie-associative")]
    page.save_revision().publish()
    return page


def test_second_visit_is_served_from_the_cache(client):
    first = client.get("/ressources/")
    second = client.get("/ressources/")
    assert first["X-Cache"] == "MISS"
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    # The security headers are set on cached answers too.
    assert "default-src 'self'" in second["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/ressources/", "/ressources/themes/vie-associative/", "/"])
def test_publishing_clears_listings_and_theme_pages(client, url):
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"
    publish_guide("Une fiche toute neuve", "fiche-neuve")
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "Une fiche toute neuve" in response.content.decode()


def test_unpublishing_and_deleting_clear_the_cache(client):
    page = publish_guide("Une fiche éphémère", "ephemere")
    assert "éphémère" in client.get("/ressources/").content.decode()
    page.unpublish()
    assert "éphémère" not in client.get("/ressources/").content.decode()
    page.save_revision().publish()
    assert "éphémère" in client.get("/ressources/").content.decode()
    page.delete()
    assert "éphémère" not in client.get("/ressources/").content.decode()


def test_vocabulary_change_clears_the_cache(client):
    client.get("/ressources/themes/")
    theme = Theme.objects.get(slug="vie-associative")
    theme.name = "Vie de l'association"
    theme.save()
    assert "Vie de l&#x27;association" in client.get("/ressources/themes/").content.decode()


def test_never_for_logged_in_users_the_admin_forms_or_searches(client, admin_client):
    admin_client.get("/ressources/")
    assert "X-Cache" not in admin_client.get("/ressources/")
    assert "X-Cache" not in admin_client.get("/admin/")
    client.get(reverse("moderation:propose"))
    assert "X-Cache" not in client.get(reverse("moderation:propose"))
    client.get("/recherche/?q=amap")
    assert "X-Cache" not in client.get("/recherche/?q=amap")


def test_a_draft_is_never_served_from_a_cached_preview(client, admin_client):
    page = publish_guide("Version publiée", "version")
    client.get(page.url)
    page.title = "Version brouillon"
    page.save_revision()  # a draft: the public page must not change
    assert "Version publiée" in client.get(page.url).content.decode()
    assert "Version brouillon" not in client.get(page.url).content.decode()


def test_an_answer_that_varies_on_a_header_outside_the_key_is_not_cached(client):
    """The pages API answers HTML to `Accept: text/html` (and says Vary: Accept): cached under
    the URL alone, one visitor's HTML would be every JSON client's answer."""
    url = "/api/v2/pages/?limit=2"
    html = client.get(url, HTTP_ACCEPT="text/html")
    assert html["Content-Type"].startswith("text/html")
    assert "Accept" in html["Vary"]
    json_answer = client.get(url, HTTP_ACCEPT="application/json")
    assert json_answer["Content-Type"] == "application/json"
    assert json_answer.json()["meta"]["total_count"] >= 1
    assert "X-Cache" not in json_answer
    # The site's own pages, which vary only on what the key or anonymity covers, still are.
    client.get("/ressources/")
    assert client.get("/ressources/")["X-Cache"] == "HIT"


def test_made_up_query_strings_cannot_fill_the_cache(client):
    """Every distinct URL was a new full page kept PAGE_CACHE_SECONDS: `/?x=1`, `/?x=2`…
    from one robot filled Redis (and, under an eviction policy, pushed out the rate-limit
    counters kept beside). Only the parameters the pages read, with values they accept,
    make a cached variant; anything else is answered fresh and stored nowhere."""
    from django.core.cache import cache

    for url in (
        "/?utm_source=1",
        "/ressources/?fbclid=abc",
        "/ressources/?page=abc",
        "/ressources/?page=0",
        "/ressources/?page=100",
        "/ressources/?page=1&page=2",
        "/ressources/?sort=zzz",
        "/recherche/suggestions/?q=zzz",
    ):
        client.get(url)
        response = client.get(url)
        assert response.status_code == 200, url
        assert "X-Cache" not in response, url
    # The tests' cache is Django's memory cache: no page was stored.
    assert not [key for key in cache._cache if "pagecache" in key and "generation" not in key]
    # The variants the site links to are cached, whatever the order of their parameters.
    assert client.get("/ressources/?sort=downloads&page=2")["X-Cache"] == "MISS"
    assert client.get("/ressources/?page=2&sort=downloads")["X-Cache"] == "HIT"
    assert client.get("/ressources/?page=2")["X-Cache"] == "MISS"
