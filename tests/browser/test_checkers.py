"""The demo content as the outside checkers see it (pa11y, Lighthouse, axe, a phone-sized
Chromium): what they found once is held here. pa11y counts axe's « needs review » results of
serious impact as errors, so on the public site those are refused too, not only the
violations. One demo load for the public site and the admin (it takes most of the test's
time)."""

from io import StringIO

from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from wagtail.models import WorkflowState

import pytest

from demo.loader import DEMO_PASSWORD
from resources.models import ExperienceSheetPage, Network, ResourceIndexPage, ResourcePage
from tests.browser.conftest import WCAG_TAGS

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def axe_problems(page, axe_source, doubts=True):
    page.evaluate(axe_source)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    # pa11y reports an « incomplete » result of serious or critical impact as an error.
    doubtful = [
        r for r in result["incomplete"] if doubts and r["impact"] in ("serious", "critical")
    ]
    return [
        f"{r['id']} ({r['impact']}): {r['help']} — "
        + " | ".join(str(node["target"]) for node in r["nodes"][:4])
        for r in result["violations"] + doubtful
    ]


def public_pages():
    index = ResourceIndexPage.objects.get()
    search = reverse("search:search")
    pages = {
        "ressources": index.url,
        "reseau": index.network_url(Network.objects.filter(resources__isnull=False).first()),
        "recherche": search + "?q=amap",
    }
    for kind in ("comic", "report", "faq", "training_catalogue"):
        pages[kind] = ResourcePage.objects.live().filter(kind=kind).first().url
    return pages


def check_public_site(browser, live_server, axe_source):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 1024})
    page = context.new_page()
    problems = []
    for name, path in public_pages().items():
        page.goto(live_server.url + path, wait_until="networkidle")
        problems += [f"{name}: {p}" for p in axe_problems(page, axe_source)]
        # A card's picture fills its 16:9 frame and no more: a portrait cover (a PDF's first
        # page) used to keep its own height, hidden under the card's text, where axe could
        # no longer tell the text's background (pa11y: color-contrast errors).
        spilling = page.evaluate(
            "[...document.querySelectorAll('.card-image')].filter(frame => {"
            " const img = frame.querySelector('img');"
            " return img.getBoundingClientRect().bottom > frame.getBoundingClientRect().bottom + 1;"
            "}).map(frame => frame.closest('.card').querySelector('.card-title').innerText)"
        )
        assert not spilling, f"{name}: images plus hautes que leur cadre : {spilling}"
    assert not problems, "\n".join(problems)

    # The comic's plates are links holding only their image: each has a name even when the
    # image has no description (pa11y and Lighthouse: link-name).
    page.goto(live_server.url + public_pages()["comic"])
    names = page.locator(".preview-open img").evaluate_all("imgs => imgs.map(i => i.alt)")
    assert names and all(names), names

    # On paper the search results take the page's width: the facets' column is hidden, the
    # results used to print in its 15 rem.
    page.goto(live_server.url + public_pages()["recherche"])
    page.emulate_media(media="print")
    main = page.locator("main").bounding_box()["width"]
    card = page.locator(".result-list .card").first.bounding_box()["width"]
    assert card > 0.8 * main, (card, main)
    context.close()


def admin_pages(username):
    in_review = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).first()
    if username == "contributeur":
        # A resource of the contributor's network, with its four rich text fields.
        sheet = ExperienceSheetPage.objects.filter(network__name="Réseau AMAP Île-de-France")
        return ["/admin/", f"/admin/pages/{sheet.first().pk}/edit/", "/admin/guide/"]
    return [
        "/admin/",
        f"/admin/pages/{in_review.object_id}/edit/",
        f"/admin/relecture/{in_review.object_id}/",
        "/admin/relecture/a-revoir/",
        "/admin/rapports/vie-de-la-bibliotheque/",
    ]


def check_admin(browser, live_server, axe_source):
    problems = []
    for username in ("contributeur", "moderatrice"):
        for width in (1280, 375):
            context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
            page = context.new_page()
            page.set_default_timeout(20_000)
            page.goto(live_server.url + "/admin/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", DEMO_PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(live_server.url + "/admin/")
            for path in admin_pages(username):
                page.goto(live_server.url + path, wait_until="networkidle")
                label = f"{username} à {width} px, {path}"
                title = page.title()
                # The generic admin views used to title their tab « - Wagtail ».
                assert title.endswith(" - AMAP'artage") and not title.startswith("-"), (
                    label,
                    title,
                )
                # Violations only: the admin's remaining « needs review » results are Wagtail's
                # own (Draftail's placeholder id, the dashboard's aria-labelledby).
                problems += [f"{label}: {p}" for p in axe_problems(page, axe_source, False)]
                # Wagtail's #main hides what overflows it: a wide table or button would be cut
                # (the edit form's closed side panels wait there, off screen, on purpose).
                if path.endswith("/edit/"):
                    continue
                overflow = page.evaluate(
                    "(() => { const m = document.querySelector('#main');"
                    " return m.scrollWidth - m.clientWidth; })()"
                )
                assert overflow <= 0, f"{label}: {overflow} px cachés à droite"
            context.close()
    assert not problems, "\n".join(problems)


def test_demo_site_and_admin_pass_the_outside_checkers(browser, live_server, axe_source):
    cache.clear()
    call_command("load_demo", "--force", stdout=StringIO(), stderr=StringIO())
    check_public_site(browser, live_server, axe_source)
    check_admin(browser, live_server, axe_source)
