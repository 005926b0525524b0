"""The public site in a real browser: accessibility, weight, downloads, enhancements."""

import re

import pytest

from resources.models import ResourceIndexPage, ResourcePage
from tests.browser import ecoindex
from tests.browser.conftest import ARTIFACTS, check_axe, same_host, screenshot
from tests.sitedata import build_site, paragraph

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

RESOURCE_KINDS = [
    "experience_sheet",
    "guide",
    "training_catalogue",
    "comic",
    "report",
    "video",
    "faq",
]


@pytest.fixture
def site():
    # A transactional test: the commit callbacks run, so the PDFs get their thumbnails.
    return build_site()


def measure(browser, url):
    """First load in a fresh browser (empty cache): requests, bytes on the wire, DOM size."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    requests, sizes = [], {}
    cdp.on("Network.requestWillBeSent", lambda e: requests.append(e["request"]["url"]))
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]),
    )
    page.goto(url, wait_until="networkidle")
    # EcoIndex counts the DOM's elements, not those inside inline SVG.
    dom = page.evaluate(
        "document.getElementsByTagName('*').length"
        " - Array.from(document.querySelectorAll('svg')).reduce("
        "(n, svg) => n + svg.getElementsByTagName('*').length, 0)"
    )
    context.close()
    return {"requests": requests, "bytes": sum(sizes.values()), "dom": dom}


def test_accessibility_and_screenshots(page, live_server, site, axe_source):
    index = ResourceIndexPage.objects.get()
    pages = {
        "accueil": "/",
        "theme": index.theme_url(site["themes"][0]),
        "themes": index.url + "themes/",
        "questions": index.faq_url(),
        **{kind: site[kind].url for kind in RESOURCE_KINDS},
    }
    for name, path in pages.items():
        page.goto(live_server.url + path)
        check_axe(page, axe_source, name)
        # Responsive from 320 px: nothing wider than the screen.
        page.set_viewport_size({"width": 320, "height": 700})
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{name}: {width} px de large à 320 px"
        page.set_viewport_size({"width": 1280, "height": 900})
        if name in ("accueil", "experience_sheet", "comic", "training_catalogue", "theme"):
            screenshot(page, name)


def test_home_weight_and_ecoindex(browser, live_server, site):
    home = measure(browser, live_server.url + "/")
    foreign = [u for u in home["requests"] if not same_host(u, live_server.url)]
    assert not foreign, foreign
    assert len(home["requests"]) < 25, home["requests"]
    assert home["bytes"] < 250 * 1024, home["bytes"]
    home_score = ecoindex.score(home["dom"], len(home["requests"]), home["bytes"] / 1024)
    assert ecoindex.grade(home_score) == "A", (home_score, home)
    for kind in ("experience_sheet", "comic"):
        result = measure(browser, live_server.url + site[kind].url)
        assert not [u for u in result["requests"] if not same_host(u, live_server.url)]
        value = ecoindex.score(result["dom"], len(result["requests"]), result["bytes"] / 1024)
        assert ecoindex.grade(value) == "A", (kind, value, result)
    print(
        f"\naccueil : {len(home['requests'])} requêtes, {home['bytes'] / 1024:.1f} Ko, "
        f"DOM {home['dom']}, EcoIndex {home_score}"
    )


def test_open_a_resource_and_download_its_file(page, live_server, site):
    guide = site["guide"]
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=guide.title).click()
    page.wait_for_url(re.compile(re.escape(guide.url) + "$"))
    assert page.get_by_role("heading", level=1).inner_text() == guide.title
    link = page.locator(".download-link").first
    assert "PDF" in page.locator(".download .file-meta").first.inner_text()
    for _ in range(2):  # twice the same day: counted once
        with page.expect_download() as info:
            link.click(modifiers=["Alt"])  # Alt-click: save the file rather than open it
        download = info.value
        assert download.suggested_filename.endswith(".pdf")
        assert download.path().read_bytes()[:4] == b"%PDF"
    assert ResourcePage.objects.get(pk=guide.pk).download_total == 1


def test_catalogue_filters_with_javascript(page, live_server, site):
    page.goto(live_server.url + site["training_catalogue"].url)
    activities = page.locator(".activity-list .activity")
    assert activities.count() == 3
    assert page.locator(".activity-filters button[type=submit]").is_hidden()
    page.select_option("#filter-public", "paysans")
    assert page.locator(".activity-list .activity:visible").count() == 2
    assert "2 activités affichées sur 3" in page.locator("[data-activity-count]").inner_text()
    page.select_option("#filter-duree", "60")
    assert page.locator(".activity-list .activity:visible").count() == 1
    assert "public=paysans" in page.url and "duree=60" in page.url
    # The address keeps the choice: reloading shows the same activities, from the server.
    page.reload()
    assert page.locator(".activity-list .activity:visible").count() == 1


def test_catalogue_filters_without_javascript(browser, live_server, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + site["training_catalogue"].url)
    page.select_option("#filter-public", "amapiens")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url(re.compile(r"public=amapiens"))
    assert page.locator(".activity-list .activity:visible").count() == 2
    # Without JavaScript the video page offers a link out, and no player.
    page.goto(live_server.url + site["video"].url)
    assert page.get_by_role("link", name="Regarder la vidéo").is_visible()
    assert page.locator("iframe").count() == 0
    context.close()


def test_video_player_loads_only_when_asked(page, live_server, site):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    # The machine is offline anyway; answer the player's host so that nothing leaves.
    page.route("https://www.youtube-nocookie.com/**", lambda route: route.abort())
    page.goto(live_server.url + site["video"].url, wait_until="networkidle")
    assert all(same_host(url, live_server.url) for url in requested), requested
    assert page.locator("iframe").count() == 0
    page.get_by_role("button", name="Afficher le lecteur vidéo ici").click()
    frame = page.locator("iframe.player-frame")
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert frame.get_attribute("title")


def test_print_layout(page, live_server, site):
    # A body with a link to another resource and one to an outside site.
    guide, target = site["guide"], site["report"]
    guide.body = paragraph(
        f'Voir <a linktype="page" id="{target.pk}">le rapport</a>'
        ' et <a href="https://miramap.org/ressources">le site du mouvement</a>.'
    )
    guide.save_revision().publish()
    page.goto(live_server.url + guide.url)
    page.emulate_media(media="print")
    assert page.locator(".site-nav").is_hidden()
    assert page.locator(".site-footer").is_hidden()
    address = page.locator(".downloads .print-only").first
    assert address.is_visible()
    assert address.inner_text().startswith(live_server.url + "/documents/")
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.key-facts a'), '::after').content"
    )
    assert "/ressources/" in after  # links shown in full
    assert after.startswith(f'" <{live_server.url}/ressources/')  # an address, not just a path

    def printed(selector):
        return page.locator(selector).first.evaluate("e => getComputedStyle(e, '::after').content")

    assert printed('.resource-body a[href^="/"]') == f'" <{live_server.url}{target.url}>"'
    assert printed('.resource-body a[href^="https"]') == '" <https://miramap.org/ressources>"'
    # Navigation is hidden on paper and the header's links print no address.
    assert printed(".site-header a") in ("none", "normal")
    ARTIFACTS_PDF = page.pdf

    ARTIFACTS.mkdir(exist_ok=True)
    ARTIFACTS_PDF(path=str(ARTIFACTS / "fiche-imprimee.pdf"))


def test_no_content_security_policy_violation(page, live_server, site):
    """The strict policy (no inline code) holds on every kind of page, enhancements included:
    the browser reports no violation while a visitor searches, reads and opens a video."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (e) =>"
        " console.error('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    urls = ["/", "/ressources/", "/ressources/themes/", "/recherche/?q=AMAP", "/proposer/"]
    urls += [p.url for key, p in site.items() if hasattr(p, "url") and key != "themes"]
    for url in urls:
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
    # Autocomplete (fetch) and the video player (frame) are enhancements the policy allows.
    page.goto(live_server.url + "/recherche/")
    page.fill("#search-q", "kit")
    page.wait_for_timeout(400)
    assert violations == []
