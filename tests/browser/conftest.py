"""Browser tests: Playwright's Python package driving Debian's Chromium, against the site
served by pytest-django's live server. One browser for the whole session."""

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.urls import NoReverseMatch, reverse

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are plain synchronous calls, which Django would otherwise refuse there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


def _missing(what):
    # Promised in CI (make test installs both); a developer without them gets a skip.
    message = f"{what} : lancez « make browser-tools » (ou « make test »)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session", autouse=True)
def _keep_serialized_database(django_db_setup):
    """Browser tests start from the database as migrations left it (serialized_rollback).
    Once Playwright's sync API runs, Django can hand the test a new connection wrapper
    (another async context) that lacks the serialized copy taken at setup, and the test
    would start from an empty database: keep the copy on the wrapper class too."""
    from django.db import connections

    for connection in connections.all():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            type(connection)._test_serialized_contents = contents


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} est absent")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def axe_source():
    if not AXE.exists():
        _missing(f"{AXE} est absent (axe-core, installé par npm ci)")
    return AXE.read_text(encoding="utf-8")


def check_axe(page, axe_source, label):
    """Zero violations of the WCAG 2.1 A and AA rules of axe-core on the current page."""
    # Evaluated through the browser's debugging protocol: the site's Content-Security-Policy
    # (no inline script) stays enforced on the page under test.
    page.evaluate(axe_source)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + " | ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
        for v in result["violations"]
    ]
    assert not violations, f"{label}: " + "\n".join(violations)


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def needs_url(name):
    """Skip, saying why, while the page another branch builds does not resolve here
    (checked at collection, so that a skipped test builds nothing)."""
    try:
        reverse(name)
        missing = ""
    except NoReverseMatch as exc:
        missing = f"« {name} » ne se résout pas encore sur cette branche ({exc})"
    return pytest.mark.skipif(bool(missing), reason=missing)


def same_host(url, live_server_url):
    return urlsplit(url).netloc == urlsplit(live_server_url).netloc
