"""The public pages: home, each kind of resource, themes, FAQ; what they must show."""

import json
import re
from html.parser import HTMLParser

import pytest

from home.models import SiteLinks, StandardPage
from resources.models import ResourceIndexPage
from tests.sitedata import site_for_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with site_for_module(django_db_blocker) as data:
        yield data


class Collector(HTMLParser):
    """Visible text, and every address the page would load by itself."""

    def __init__(self):
        super().__init__()
        self.text, self.loads, self.json_ld, self.meta = [], [], [], {}
        self._skip, self._in_json = 0, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
            self._in_json = attrs.get("type") == "application/ld+json"
        if tag in ("script", "img", "iframe", "source", "audio", "video") and attrs.get("src"):
            self.loads.append(attrs["src"])
        if tag == "source" and attrs.get("srcset"):
            self.loads += [part.split()[0] for part in attrs["srcset"].split(",")]
        if tag == "link" and attrs.get("rel") in ("stylesheet", "preload", "icon"):
            self.loads.append(attrs.get("href", ""))
        if tag == "meta" and attrs.get("property"):
            self.meta[attrs["property"]] = attrs.get("content", "")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
            self._in_json = False

    def handle_data(self, data):
        if self._in_json:
            self.json_ld.append(data)
        elif not self._skip:
            self.text.append(data)


def collect(response):
    assert response.status_code == 200, response.status_code
    parser = Collector()
    parser.feed(response.content.decode())
    return parser


def page_urls(site):
    index = ResourceIndexPage.objects.get()
    theme = site["themes"][0]
    return [
        "/",
        index.url,
        index.url + "themes/",
        index.theme_url(theme),
        index.url + "reseaux/",
        index.network_url(site["network"]),
        index.faq_url(),
        *[site[kind].url for kind in site if kind not in ("network", "themes")],
    ]


def test_home_page(client, site):
    html = client.get("/").content.decode()
    # A search box first: a plain GET form to the search page, field q.
    assert html.index('role="search"') < html.index("Parcourir par thème")
    assert re.search(r'<form[^>]+method="get" action="/recherche/"', html)
    assert 'name="q"' in html
    # The themes with their counts, the comics and catalogues, the latest resources.
    creation = site["themes"][0]
    assert creation.name in html
    assert "4\u00a0ressources" in html or "4 ressources" in html
    featured = html.index("Bandes dessinées et catalogues")
    assert html.index(site["comic"].title[:20], featured) > featured
    assert site["report"].title in html
    # Cards show the cover, or the first page of the first document (thumbnail).
    assert "<picture>" in html and 'type="image/webp"' in html


def test_every_page_loads_nothing_from_another_host(client, site):
    for url in page_urls(site):
        parser = collect(client.get(url))
        for address in parser.loads:
            assert not address.startswith(("http:", "https:", "//")), (url, address)


def test_french_typography_everywhere(client, site):
    # No ordinary space before : ; ! ? and none inside « », in any visible text.
    for url in page_urls(site):
        text = "".join(collect(client.get(url)).text)
        bad = re.findall(r".{0,20}(?: [:;!?]|« | »).{0,5}", text)
        assert not bad, (url, bad)


@pytest.mark.parametrize(
    "kind",
    ["experience_sheet", "guide", "training_catalogue", "comic", "report", "video", "faq"],
)
def test_resource_page_essentials(client, site, kind):
    page = site[kind]
    response = client.get(page.url)
    html = response.content.decode()
    parser = collect(response)
    text = " ".join(parser.text)
    # Licence with a link to it, and a citation line ready to copy.
    assert 'rel="license"' in html
    assert "creativecommons.org" in html
    assert "Pour citer\u00a0:" in text
    assert f"« {page.title}".replace(" ", "\u00a0", 1)[:20] in html or page.title[:15] in html
    # OpenGraph and schema.org CreativeWork with its licence.
    assert parser.meta["og:title"] == page.title
    assert parser.meta["og:url"].endswith(page.url)
    data = json.loads(parser.json_ld[0])
    assert data["@type"] == {"video": "VideoObject", "faq": "FAQPage"}.get(kind, "CreativeWork")
    assert data["name"] == page.title
    assert "creativecommons.org" in data["license"]
    # Key facts.
    assert "En bref" in text


def test_related_resources_share_themes(client, site):
    html = client.get(site["guide"].url).content.decode()
    section = html[html.index("Sur les mêmes thèmes") :]
    # The guide is in "vie associative": the sheet, the report and the FAQ share it.
    assert site["report"].title in section
    assert site["comic"].title not in section


def test_experience_sheet_reads_in_order(client, site):
    html = client.get(site["experience_sheet"].url).content.decode()
    positions = [
        html.index(label)
        for label in (
            "En bref",
            "Contexte",
            "Ce qui a été fait",
            "Résultats",
            "Points de vigilance",
        )
    ]
    assert positions == sorted(positions)
    assert "Île-de-France" in html and "2021" in html


def test_downloads_show_format_size_pages_and_go_through_the_site(client, site):
    page = site["guide"]
    document = page.downloads.first().document
    html = client.get(page.url).content.decode()
    assert f'href="{document.url}?ressource={page.pk}"' in html
    assert "PDF" in html and "1\u00a0page" in html.replace("1 page", "1\u00a0page")
    # For paper: the full address of each download, shown when printed.
    assert f"http://testserver{document.url}" in html


def test_body_links_carry_their_full_address_for_print(client, site):
    """The print stylesheet writes data-print-url after each link: page links of the body and
    the facts get the site's full address, outside links keep theirs, in-page and mail get none."""
    from django.test import RequestFactory

    from home.templatetags.site_tags import print_urls

    guide = site["guide"]
    html = client.get(guide.url).content.decode()
    theme_link = re.search(r'<dd><a href="([^"]+)" data-print-url="([^"]+)"', html)
    assert theme_link and theme_link.group(2) == "http://testserver" + theme_link.group(1)

    request = RequestFactory().get("/", HTTP_HOST="amap.example.org")
    body = (
        '<p><a href="/ressources/kit/?a=1&amp;b=2">kit</a> <a href="https://miramap.org/">m</a>'
        ' <a href="#plan">plan</a> <a href="mailto:x@example.org">x</a></p>'
    )
    printed = print_urls(body, request)
    assert 'data-print-url="http://amap.example.org/ressources/kit/?a=1&amp;b=2"' in printed
    assert 'href="https://miramap.org/" data-print-url="https://miramap.org/"' in printed
    assert printed.count("data-print-url") == 2
    assert print_urls(body, "").count("data-print-url") == 1  # no request: outside links only


def test_comic_page(client, site):
    page = site["comic"]
    html = client.get(page.url).content.decode()
    assert "Télécharger la BD" in html
    assert "Commander des exemplaires imprimés" in html and 'id="commander"' in html
    assert "boutique.example.org" in html
    # Cover and page previews as responsive renditions, WebP with a JPEG fallback.
    assert html.count('type="image/webp"') >= 2
    assert re.search(r'<img[^>]+alt="Couverture\u00a0: une paysanne', html) or re.search(
        r'<img[^>]+alt="Couverture : une paysanne', html
    )
    assert "Planche 1" in html


def test_video_page_loads_no_player_before_consent(client, site):
    html = client.get(site["video"].url).content.decode()
    assert "<iframe" not in html
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html  # works without JS
    assert 'data-player-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html


@pytest.mark.parametrize(
    ("query", "visible"),
    [
        ("", {"Accueillir", "S'installer", "Le contrat"}),
        ("?public=paysans", {"S'installer", "Le contrat"}),
        ("?duree=60", {"Le contrat"}),
        ("?duree=180&public=amapiens", {"Accueillir", "Le contrat"}),
        # Unknown values are ignored, not an error.
        ("?duree=abc&public=inconnu", {"Accueillir", "S'installer", "Le contrat"}),
    ],
)
def test_catalogue_filters_without_javascript(client, site, query, visible):
    html = client.get(site["training_catalogue"].url + query).content.decode()
    shown = set()
    for match in re.finditer(r'<li class="activity"[^>]*?( hidden)?>\s*<h3>([^<]+)</h3>', html):
        if not match.group(1):
            shown.add(
                next(
                    v
                    for v in ("Accueillir", "S'installer", "Le contrat")
                    if v in match.group(2).replace("&#x27;", "'")
                )
            )
    assert shown == visible
    assert f"{len(visible)}\u00a0activité" in html or f"{len(visible)} activité" in html


def test_faq_grouped_by_theme_with_anchors(client, site):
    index = ResourceIndexPage.objects.get()
    html = client.get(index.faq_url()).content.decode()
    for theme in site["themes"]:
        assert f'id="{theme.slug}"' in html
        assert f'href="#{theme.slug}"' in html
    assert html.count(site["faq"].url) == 2  # in both of its themes


def test_navigation_and_footer(client, site):
    html = client.get("/").content.decode()
    assert 'href="/ressources/questions/"' in html
    legal = StandardPage(title="Mentions légales", slug="mentions")
    home = site["guide"].get_parent().get_parent()
    home.add_child(instance=legal)
    from wagtail.models import Site

    links = SiteLinks.for_site(Site.objects.get(is_default_site=True))
    links.legal_page = legal
    links.save()
    html = client.get("/").content.decode()
    assert f'href="{legal.url}"' in html and "Mentions légales" in html


def test_print_stylesheet():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static_src/css/site.css").read_text()
    print_css = css[css.index("@media print") :]
    for selector in (".site-nav", ".site-footer", ".skip-link"):
        assert selector in print_css
    assert 'content: " <" attr(href) ">"' in print_css  # links shown in full
    assert ".print-only { display: block" in print_css  # download addresses


@pytest.mark.parametrize(
    "query",
    [
        "?tri=<script>&page=abc",
        "?page=999",
        "?tri=telechargements&page=-1",
        "?sort=<script>&page=abc",
        "?sort=relevance",
        "?sort=downloads&tri=recent&page=-1",
    ],
)
def test_listing_survives_odd_parameters(client, site, query):
    index = ResourceIndexPage.objects.get()
    for url in (index.url, index.theme_url(site["themes"][0])):
        response = client.get(url + query)
        assert response.status_code == 200
        assert "<script>" not in response.content.decode().split("</head>")[1]
