"""Search and the proposal form in a real browser. Both pages are built by other branches
(search: /recherche/, proposal: /proposer/); each test skips, saying why, while its page's
URL does not resolve here, and runs as soon as it does."""

import re

from django.urls import reverse

import pytest

from tests.browser import ecoindex
from tests.browser.conftest import check_axe, needs_url, screenshot
from tests.browser.test_site import measure
from tests.sitedata import build_site

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site():
    return build_site()


@needs_url("search:search")
def test_search_and_refine_by_a_facet(page, live_server, site, axe_source):
    search_url = reverse("search:search")
    page.goto(live_server.url + "/")
    page.get_by_label("Rechercher une ressource").first.fill("AMAP")
    page.get_by_label("Rechercher une ressource").first.press("Enter")
    page.wait_for_url(re.compile(re.escape(search_url) + r"\?.*q=AMAP"))
    results = page.locator(".card")
    before = results.count()
    assert before >= 2
    check_axe(page, axe_source, "recherche avec résultats")
    screenshot(page, "recherche")
    # Refine by a theme facet: fewer (or as many) results, all in that theme.
    theme = site["themes"][1]
    page.locator(f'.facets input[name="theme"][value="{theme.slug}"]').check()
    if "theme=" not in page.url:  # without auto-submit, the facets' own button
        page.locator(".facets button[type=submit], .facets [type=submit]").first.click()
    page.wait_for_url(re.compile(rf"theme={theme.slug}"))
    after = page.locator(".card").count()
    assert 0 < after <= before
    assert page.locator(".active-filters").inner_text().find(theme.name[:10]) >= 0
    check_axe(page, axe_source, "recherche filtrée")


@needs_url("search:search")
def test_search_page_by_keyboard_only(page, live_server, site):
    search_url = reverse("search:search")
    page.goto(f"{live_server.url}{search_url}?q=AMAP")
    # The first Tab reaches the skip link, visible when focused; Enter moves to the content.
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"

    def tab_to(selector, limit=80):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("(s) => document.activeElement.matches(s)", selector):
                # Visible on the element itself, or on its card (the whole card is the link
                # and shows the focus through :focus-within).
                focused = page.evaluate(
                    "() => { const el = document.activeElement;"
                    " const shown = (n) => { const s = getComputedStyle(n);"
                    " return s.outlineStyle !== 'none' || s.boxShadow !== 'none'; };"
                    " const card = el.closest('.card');"
                    " return shown(el) || (card !== null && shown(card)); }"
                )
                assert focused, f"{selector}: focus invisible"
                return
        raise AssertionError(f"{selector} jamais atteint au clavier")

    tab_to('.facets input[type="checkbox"]')
    page.keyboard.press("Space")
    if "theme=" not in page.url and "type=" not in page.url and "audience=" not in page.url:
        tab_to('.facets [type="submit"]')
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"(theme|type|audience|network|year|licence)="))
    tab_to(".card .card-title a")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("article.resource h1").is_visible()


@needs_url("search:search")
def test_search_page_weight(browser, live_server, site):
    search_url = reverse("search:search")
    result = measure(browser, f"{live_server.url}{search_url}?q=AMAP")
    value = ecoindex.score(result["dom"], len(result["requests"]), result["bytes"] / 1024)
    assert ecoindex.grade(value) == "A", (value, result)


@needs_url("moderation:propose")
def test_propose_a_resource_error_then_success(page, live_server, site, axe_source):
    propose_url = reverse("moderation:propose")
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Proposer une ressource").first.click()
    page.wait_for_url(re.compile(re.escape(propose_url)))
    check_axe(page, axe_source, "formulaire de proposition")
    screenshot(page, "proposer")
    # Sent empty: French errors, the form is shown again, still accessible. (A form sent
    # within 3 seconds of being shown is taken for a robot's and silently dropped.)
    page.wait_for_timeout(3200)
    page.locator("form [type=submit]").last.click()
    page.wait_for_load_state()
    errors = page.locator(".errorlist, .error-message, [role=alert]")
    assert errors.count() > 0
    assert "obligatoire" in page.content() or "requis" in page.content()
    check_axe(page, axe_source, "formulaire de proposition en erreur")
    screenshot(page, "proposer-erreur")
    # Filled in: accepted.
    form = page.locator("form").filter(has=page.locator('[name="title"]'))
    kind = form.locator('[name="kind"]').first
    if kind.evaluate("(el) => el.tagName") == "SELECT":
        kind.select_option("guide")
    else:  # radio buttons, one per type
        form.locator('[name="kind"][value="guide"]').check()
    form.locator('[name="title"]').fill("Un tableau pour répartir les permanences")
    form.locator('[name="summary"]').fill("Un modèle de tableau, testé dans trois AMAP.")
    if form.locator('[name="body"]').count():
        form.locator('[name="body"]').fill("Le tableau se remplit à l'assemblée générale.")
    form.locator(
        f'[name="themes"][value="{site["themes"][1].pk}"], '
        f'[name="themes"][value="{site["themes"][1].slug}"]'
    ).first.check()
    form.locator('[name="contributor_name"]').fill("Dominique Exemple")
    form.locator('[name="contributor_email"]').fill("dominique@example.org")
    if form.locator('select[name="licence"]').count():
        form.locator('select[name="licence"]').select_option(index=1)
    form.locator('[name="consent"]').check()
    page.wait_for_timeout(3200)
    form.locator("[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator(".errorlist").count() == 0
    assert re.search(r"merci", page.content(), re.IGNORECASE)
