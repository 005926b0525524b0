"""The public site on a phone (issue 13), on the French demo content: the search page shows
its results first, the facets fold into one « Filtrer » disclosure, nothing is wider than
the screen at 320 and 375 px."""

import re
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

import pytest

from resources.models import ResourcePage
from tests.browser.conftest import needs_url, screenshot

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 375, "height": 667}


@pytest.fixture
def demo():
    # The demo loader imports its resources with the real importer, indexes them and makes
    # the PDF thumbnails: the pages a volunteer would see.
    call_command("load_demo", "--force", stdout=StringIO(), stderr=StringIO())
    return ResourcePage.objects.live()


def phone_page(browser, width=375, height=667, javascript=True):
    context = browser.new_context(
        locale="fr-FR", viewport={"width": width, "height": height}, java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def no_horizontal_scroll(page, label):
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("window.innerWidth")
    if width > viewport:
        widest = page.evaluate(
            "(w) => Array.from(document.querySelectorAll('body *'))"
            ".filter((el) => el.getBoundingClientRect().right > w)"
            ".slice(0, 5).map((el) => el.tagName + '.' + el.className + ' '"
            " + Math.round(el.getBoundingClientRect().right))",
            viewport,
        )
        raise AssertionError(f"{label} : {width} px de large pour {viewport} px : {widest}")


def check_first_result_card_on_the_first_phone_screen(browser, live_server, demo, javascript):
    search_url = reverse("search:search")
    context, page = phone_page(browser, javascript=javascript)
    try:
        for query in ("cagnote grele", "amap"):
            page.goto(f"{live_server.url}{search_url}?q={query.replace(' ', '+')}")
            card = page.locator(".result-list .card").first
            assert card.count(), f"« {query} » : aucun résultat sur le contenu de démonstration"
            top = card.bounding_box()["y"]
            # At least the card's type and title are visible without scrolling.
            assert top + 60 <= PHONE["height"], f"« {query} » : 1re carte à {top:.0f} px"
            count = page.locator("#results-title").bounding_box()
            assert count["y"] + count["height"] <= PHONE["height"]
            suggestion = page.locator(".suggestion")
            if suggestion.count():
                box = suggestion.bounding_box()
                assert box["y"] + box["height"] <= PHONE["height"]
            # Facets folded into one disclosure, closed; the checkboxes are not shown.
            facets = page.locator("details.facets")
            assert facets.count() == 1
            assert not facets.evaluate("(d) => d.open")
            assert page.locator(".facets-summary").is_visible()
            assert not page.locator('.facets input[type="checkbox"]').first.is_visible()
            # One search box on the search page: the header's is not there.
            assert page.locator('input[type="search"]').count() == 1
            no_horizontal_scroll(page, f"recherche « {query} »")
        screenshot_name = "telephone-recherche" + ("" if javascript else "-sans-js")
        page.set_viewport_size({"width": 375, "height": 667})
        page.screenshot(path=str(_artifact(screenshot_name)))
    finally:
        context.close()


def _artifact(name):
    from tests.browser.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{name}-375.png"


def check_filter_disclosure_counts_active_filters_and_opens(browser, live_server, demo):
    search_url = reverse("search:search")
    context, page = phone_page(browser)
    try:
        page.goto(f"{live_server.url}{search_url}?q=amap")
        summary = page.locator(".facets-summary")
        assert summary.inner_text().strip() == "Filtrer"
        summary.click()
        box = page.locator('.facets input[type="checkbox"]').first
        assert box.is_visible()
        box.check()
        page.locator(".facets .apply-filters").click()
        page.wait_for_url(re.compile(r"(theme|type|audience|network|year|licence)="))
        assert "(1 filtre actif)" in page.locator(".facets-summary").inner_text()
        # One × per chip (not one from the template and another from the stylesheet).
        chip = page.locator(".active-filters .chip").first
        visible_text = chip.evaluate(
            "(a) => a.innerText + getComputedStyle(a, '::after').content"
            " + getComputedStyle(a, '::before').content"
        )
        assert visible_text.count("×") == 1, visible_text
    finally:
        context.close()

    # From 48 rem the filters are open beside the results.
    context, page = phone_page(browser, width=1024, height=800)
    try:
        page.goto(f"{live_server.url}{search_url}?q=amap")
        assert page.locator('.facets input[type="checkbox"]').first.is_visible()
        facets_box = page.locator(".facets").bounding_box()
        results_box = page.locator(".results").bounding_box()
        assert facets_box["x"] + facets_box["width"] <= results_box["x"]
    finally:
        context.close()


def check_zero_result_page(browser, live_server, demo):
    search_url = reverse("search:search")
    context, page = phone_page(browser)
    try:
        page.goto(f"{live_server.url}{search_url}?q=xylophonezzz")
        text = page.locator("main").inner_text()
        assert "xylophonezzz" in page.locator(".no-results").inner_text()
        assert page.locator(".facets").count() == 0  # no empty « Affiner », no useless button
        assert "Affiner" not in text and "Appliquer les filtres" not in text
        assert page.locator(".no-results .theme-list a").count() > 0
        assert page.locator(".no-results").get_by_role("link", name="Proposer une ressource")
        assert page.locator(".no-results a", has_text="Proposer une ressource").count() == 1
        no_horizontal_scroll(page, "recherche sans résultat")
    finally:
        context.close()


def check_header_search_box_has_autocomplete(browser, live_server, demo):
    context, page = phone_page(browser, width=1280, height=900)
    try:
        resource = demo.first()
        page.goto(live_server.url + resource.url)
        box = page.locator("#header-q")
        box.press_sequentially("gre", delay=30)
        options = page.locator(".header-search [role=option]")
        options.first.wait_for()
        assert options.count() > 0
        assert box.get_attribute("aria-expanded") == "true"
        style = page.locator(".header-search .autocomplete").evaluate(
            "(l) => getComputedStyle(l).position"
        )
        assert style == "absolute"
    finally:
        context.close()


def check_no_horizontal_scroll_on_a_phone(browser, live_server, demo, width):
    paths = {
        "accueil": "/",
        "ressource": demo.filter(title__icontains="grêle").first().url,
        "recherche": reverse("search:search") + "?q=amap",
        "proposer": reverse("moderation:propose"),
    }
    context, page = phone_page(browser, width=width, height=700)
    try:
        for name, path in paths.items():
            page.goto(live_server.url + path)
            no_horizontal_scroll(page, f"{name} à {width} px")
            if width == 375 and name == "proposer":
                screenshot(page, "telephone-proposer")
                page.set_viewport_size({"width": width, "height": 700})
    finally:
        context.close()


# Loading the demo takes most of a test's time (the real importer, indexing, thumbnails) and a
# live-server test starts from an empty database: each test below loads it once and runs
# several checks on it, each named for what it proves.


@needs_url("search:search")
@needs_url("search:autocomplete")
def test_search_page_on_a_phone_with_javascript(browser, live_server, demo):
    check_first_result_card_on_the_first_phone_screen(browser, live_server, demo, True)
    check_filter_disclosure_counts_active_filters_and_opens(browser, live_server, demo)
    check_zero_result_page(browser, live_server, demo)
    check_header_search_box_has_autocomplete(browser, live_server, demo)


@needs_url("search:search")
def test_search_page_on_a_phone_without_javascript_and_no_horizontal_scroll(
    browser, live_server, demo
):
    check_first_result_card_on_the_first_phone_screen(browser, live_server, demo, False)
    for width in (320, 375):
        check_no_horizontal_scroll_on_a_phone(browser, live_server, demo, width)
