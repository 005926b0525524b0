"""Everything users write is escaped wherever it is shown: public pages, search snippets, the
API, feeds, the admin, e-mails. The payload below must never come back as live markup."""

import json

from django.conf import settings
from django.core import mail
from django.urls import reverse

import pytest

from resources.models import GuidePage, ResourcePage
from tests.conftest import resource_line, run_import
from tests.moderation.conftest import make_resource
from tests.moderation.test_workflow import act, submit

pytestmark = pytest.mark.django_db

PAYLOAD = '"><svg onload=alert(1)>'
LIVE = "<svg onload=alert(1)>"


@pytest.fixture
def hostile(tmp_path, django_capture_on_commit_callbacks):
    line = resource_line(
        id="piege",
        title=f"Fiche {PAYLOAD} piégée",
        summary=f"Résumé {PAYLOAD} piégé",
        body=(
            f"Un paragraphe {PAYLOAD} et des mots compost.\n\n## Titre {PAYLOAD}\n\n"
            f"- point {PAYLOAD}"
        ),
        tags=[f"mot {PAYLOAD}"],
        network=f"Réseau {PAYLOAD}",
    )
    path = tmp_path / "piege.jsonl"
    path.write_text(json.dumps(line), encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        assert run_import(path).exit_code == 0
    return ResourcePage.objects.get(source_id="piege")


def assert_escaped(content, where):
    text = content if isinstance(content, str) else content.decode()
    assert LIVE not in text, where
    return text


def test_public_pages(client, hostile):
    index = hostile.get_parent()
    urls = [
        hostile.url,
        index.url,
        index.url + "themes/vie-associative/",
        index.url + f"reseaux/{hostile.network.slug}/",
        "/",
        "/sitemap.xml",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_escaped(response.content, url)
    assert "&lt;svg onload=alert(1)&gt;" in client.get(hostile.url).content.decode()


def test_search_page_snippets_and_api(client, hostile):
    html = assert_escaped(client.get("/recherche/", {"q": f"compost {PAYLOAD}"}).content, "page")
    assert "<mark>compost</mark>" in html
    data = client.get("/api/v1/search/", {"q": "compost"}).json()
    (result,) = data["results"]
    assert LIVE not in result["snippet"] and "&lt;svg" in result["snippet"]
    # Autocomplete answers data (JSON); the page's script inserts it as text, never as HTML.
    label = client.get("/recherche/suggestions/", {"q": "fiche"}).json()["results"][-1]["label"]
    assert label == hostile.title
    script = (settings.BASE_DIR / "static_src" / "js" / "search.js").read_text()
    assert "textContent" in script and 'innerHTML = ""' in script
    assert script.count("innerHTML") == 1


def test_feeds(client, hostile):
    for url in ("/flux/", "/flux/atom/"):
        response = client.get(url)
        assert response.status_code == 200
        assert_escaped(response.content, url)


def test_admin_views(admin_client, hostile):
    for url in (
        reverse("wagtailadmin_explore", args=[hostile.get_parent().pk]),
        reverse("wagtailadmin_pages:edit", args=[hostile.pk]),
        reverse("wagtailadmin_pages:history", args=[hostile.pk]),
        "/admin/snippets/resources/network/",
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert_escaped(response.content, url)


def test_zero_result_report_escapes_queries(client, admin_client):
    client.get("/recherche/", {"q": f"introuvable {PAYLOAD}"})
    response = admin_client.get(reverse("search_zero_results"))
    assert_escaped(response.content, "report")


def test_emails_escape_titles_and_comments(client, contributor, moderator, networks, commit):
    page = make_resource("Fiche à relire", network=networks[0])
    with commit():
        submit(client, contributor, page, networks[0], title=f"Fiche {PAYLOAD}")
    with commit():
        act(
            client,
            moderator,
            GuidePage.objects.get(pk=page.pk),
            "request-changes",
            {"comment": f"Merci de revoir {PAYLOAD}"},
        )
    assert mail.outbox
    for message in mail.outbox:
        for body, kind in message.alternatives or []:
            if kind == "text/html":
                assert_escaped(body, message.subject)


def test_javascript_links_never_reach_a_page(admin_client, client, networks):
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    from resources.models import ResourceIndexPage, Theme

    index = ResourceIndexPage.objects.get()
    data = nested_form_data(
        {
            "title": "Liens",
            "slug": "liens",
            "summary": "Des liens.",
            "body": streamfield(
                [
                    (
                        "paragraph",
                        rich_text(
                            '<p><a href="javascript:alert(1)">cliquez</a> <a href="https://amap.example.org/">ok</a></p>'
                        ),
                    )
                ]
            ),
            "tags": "",
            "guide_format": "guide",
            "downloads": inline_formset([]),
            "action-publish": "publish",
        }
    )
    data["themes"] = [Theme.objects.get(slug="vie-associative").pk]
    data["network"] = networks[0].pk
    data["external_url"] = "javascript:alert(1)"
    response = admin_client.post(f"/admin/pages/add/resources/guidepage/{index.pk}/", data)
    # The outside link field refuses javascript: outright.
    assert response.status_code == 200
    assert "external_url" in response.context["form"].errors
    data["external_url"] = ""
    response = admin_client.post(f"/admin/pages/add/resources/guidepage/{index.pk}/", data)
    assert response.status_code == 302
    html = client.get(GuidePage.objects.get(slug="liens").url).content.decode()
    assert "javascript:" not in html
    assert 'href="https://amap.example.org/"' in html
