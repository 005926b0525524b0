"""Downloads go through the site, which counts one per visitor, per resource, per day,
without keeping an address or setting a cookie."""

import datetime
from unittest import mock

from django.db import connection
from django.http import HttpResponseForbidden
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail import hooks

import pytest

from downloads import counting
from downloads.models import DailyKey, DownloadDay, DownloadMark
from resources.models import ResourcePage
from tests.sitedata import make_document, site_for_module

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Firefox/140.0"


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with site_for_module(django_db_blocker) as data:
        yield data


def download(client, page, document=None, user_agent=BROWSER, ip="203.0.113.7", **extra):
    document = document or page.downloads.first().document
    return client.get(
        f"{document.url}?ressource={page.pk}",
        HTTP_USER_AGENT=user_agent,
        REMOTE_ADDR=ip,
        **extra,
    )


def count_of(page):
    return ResourcePage.objects.get(pk=page.pk).download_total


def test_pdf_is_served_inline_with_type_nosniff_and_strong_etag(client, site):
    guide = site["guide"]
    document = guide.downloads.first().document
    response = download(client, guide)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["ETag"] == f'"{document.file_hash}"'  # strong: no W/ prefix
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "Set-Cookie" not in response
    # The validator works: a second request with it gets a 304, no body.
    again = download(client, guide, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def public_document(document, capture):
    """New files start private (moderation); an editor's move to a public collection,
    committed, makes this one public without a published resource."""
    from wagtail.models import Collection

    with capture(execute=True):
        document.collection = Collection.get_first_root_node()
        document.save()
    return document


def test_other_files_are_attachments(client, site, django_capture_on_commit_callbacks):
    from django.core.files.base import ContentFile

    from resources.models import ResourceDocument

    document = ResourceDocument(title="Tableau")
    document.file.save("tableau.csv", ContentFile(b"a;b\n1;2\n"), save=False)
    document.save()
    public_document(document, django_capture_on_commit_callbacks)
    response = client.get(document.url, HTTP_USER_AGENT=BROWSER)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"].startswith("text/csv")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_one_count_per_visitor_per_resource_per_day(client, site):
    guide = site["guide"]
    assert download(client, guide).status_code == 200
    assert count_of(guide) == 1
    # The same visitor again, the same day: not counted again.
    assert download(client, guide).status_code == 200
    assert count_of(guide) == 1
    # Another visitor (another address, or another browser): counted.
    download(client, guide, ip="198.51.100.20")
    download(client, guide, user_agent=BROWSER.replace("140", "139"))
    assert count_of(guide) == 3
    # The same visitor on another resource: counted for that one.
    sheet = site["experience_sheet"]
    download(client, sheet)
    assert count_of(sheet) == 1
    assert DownloadDay.objects.get(resource=guide).count == 3


def test_nothing_personal_is_kept(client, site):
    download(client, site["guide"], ip="203.0.113.99")
    marks = list(DownloadMark.objects.values_list("digest", flat=True))
    assert len(marks) == 1
    assert len(marks[0]) == 64 and "203.0.113.99" not in marks[0]
    # The address appears nowhere in the tables of the app.
    for model in (DailyKey, DownloadMark, DownloadDay):
        for row in model.objects.values():
            assert "203.0.113.99" not in str(row)


def test_a_new_day_forgets_yesterday(client, site):
    guide = site["guide"]
    download(client, guide)
    yesterday_key = DailyKey.objects.get().key
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=tomorrow):
        download(client, guide)
    # Counted again the next day; yesterday's key and marks are gone for good.
    assert count_of(guide) == 2
    assert list(DailyKey.objects.values_list("key", flat=True)) != [yesterday_key]
    assert DailyKey.objects.count() == 1
    assert DownloadMark.objects.count() == 1
    assert DownloadDay.objects.filter(resource=guide).count() == 2


@pytest.mark.parametrize(
    "user_agent",
    ["Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", "", "python-requests/2.32"],
)
def test_bots_are_not_counted(client, site, user_agent):
    response = download(client, site["guide"], user_agent=user_agent)
    assert response.status_code == 200  # still served
    assert count_of(site["guide"]) == 0


def test_head_requests_are_not_counted(client, site):
    document = site["guide"].downloads.first().document
    client.head(document.url, HTTP_USER_AGENT=BROWSER)
    assert count_of(site["guide"]) == 0


def test_a_refused_download_is_never_counted(client, site):
    # Stands for the moderation branch's privacy hook (order -10): whatever refuses the
    # file before it is served, the counter must not see it.
    def refuse(document, request):
        return HttpResponseForbidden("non")

    with hooks.register_temporarily("before_serve_document", refuse, order=-10):
        response = download(client, site["guide"])
    assert response.status_code == 403
    assert count_of(site["guide"]) == 0
    assert not DownloadMark.objects.exists()


def test_a_file_missing_from_storage_is_not_counted(client, site):
    from resources.models import ResourceDownload

    report = site["report"]
    document = make_document("Perdu", name="perdu.pdf")
    ResourceDownload.objects.create(page=report, document=document, sort_order=0)
    document.file.storage.delete(document.file.name)
    response = download(client, report, document=document)
    assert response.status_code == 404
    assert count_of(report) == 0


def test_the_link_names_the_resource_and_a_wrong_name_falls_back(client, site):
    guide, sheet = site["guide"], site["experience_sheet"]
    shared = guide.downloads.first().document
    from resources.models import ResourceDownload

    ResourceDownload.objects.create(page=sheet, document=shared, sort_order=5)
    download(client, sheet, document=shared)
    assert (count_of(sheet), count_of(guide)) == (1, 0)
    download(client, guide, document=shared)
    assert (count_of(sheet), count_of(guide)) == (1, 1)
    # A hint naming a resource that does not offer the file: the oldest one that does.
    oldest = min(sheet, guide, key=lambda page: page.pk)
    client.get(f"{shared.url}?ressource=999999", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.1.1.1")
    client.get(f"{shared.url}?ressource=abc", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.1.1.2")
    assert count_of(oldest) == 3


def test_a_document_of_no_published_resource_is_not_counted(
    client, site, django_capture_on_commit_callbacks
):
    lone = make_document("Document isolé", name="isole.pdf")
    assert client.get(lone.url, HTTP_USER_AGENT=BROWSER).status_code == 404  # still private
    public_document(lone, django_capture_on_commit_callbacks)
    response = client.get(lone.url, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    assert not DownloadDay.objects.exists()


def test_publishing_a_revision_keeps_the_count(client, site):
    guide = site["guide"]
    download(client, guide)
    download(client, guide, ip="198.51.100.1")
    page = ResourcePage.objects.get(pk=guide.pk).specific
    revision = page.save_revision()  # saved while the count was 2
    download(client, guide, ip="198.51.100.2")
    revision.publish()  # counts are not page fields: a revision carries none
    assert count_of(guide) == 3


def test_client_address_behind_a_proxy(rf, settings):
    """Downloads read the address through the one helper (operations/client_ip.py)."""
    from operations.client_ip import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.5, 192.0.2.1", REMOTE_ADDR="127.0.0.1")
    settings.REAL_IP_HEADER = "REMOTE_ADDR"
    assert client_ip(request) == "127.0.0.1"
    settings.REAL_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    assert client_ip(request) == "192.0.2.1"
    assert not hasattr(counting, "client_address")


def test_downloads_count_per_address_from_real_ip_header(client, site, settings):
    """Behind nginx on a Unix socket REMOTE_ADDR is empty: two visitors are told apart by
    REAL_IP_HEADER alone, as the rate limit and the login lockout tell them apart."""
    settings.REAL_IP_HEADER = "HTTP_X_REAL_IP"
    guide = site["guide"]
    document = guide.downloads.first().document
    url = document.url + f"?ressource={guide.pk}"
    agent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0"
    before = count_of(guide)
    for address in ("81.2.69.160", "81.2.69.160", "93.184.216.34"):
        response = client.get(url, REMOTE_ADDR="", HTTP_X_REAL_IP=address, HTTP_USER_AGENT=agent)
        assert response.status_code == 200
    assert count_of(guide) == before + 2


def test_count_is_shown_to_staff_only(client, admin_client, site):
    guide = site["guide"]
    download(client, guide)
    public_html = client.get(guide.url).content.decode()
    assert "visible par l'équipe" not in public_html
    staff_html = admin_client.get(guide.url).content.decode()
    assert "1 téléchargement" in staff_html and "visible par l'équipe" in staff_html


def test_most_downloaded_sort(client, site):
    sheet, guide = site["experience_sheet"], site["guide"]
    for n in range(3):
        download(client, sheet, ip=f"198.51.100.{n}")
    download(client, guide)
    index_url = sheet.get_parent().url
    html = client.get(index_url + "?tri=telechargements").content.decode()
    assert html.index(sheet.title) < html.index(guide.title)
    assert "les plus téléchargées" in html


def test_most_downloaded_sort_sums_the_daily_rows_in_the_listing_query(client, site):
    """Counts live only in DownloadDay: a theme listing sorted by downloads sums them in its
    own query, however many resources it shows (no query per resource)."""
    sheet, guide, report = site["experience_sheet"], site["guide"], site["report"]
    theme = site["themes"][1]  # vie associative: the sheet, the guide and the report
    # Two days for the guide: the total, not one day's count, orders the listing.
    DownloadDay.objects.create(resource=guide, day=datetime.date(2026, 1, 1), count=2)
    DownloadDay.objects.create(resource=guide, day=datetime.date(2026, 1, 2), count=2)
    DownloadDay.objects.create(resource=sheet, day=datetime.date(2026, 1, 1), count=3)
    url = sheet.get_parent().specific.theme_url(theme) + "?tri=telechargements"
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    assert html.index(guide.title) < html.index(sheet.title) < html.index(report.title)
    reading_counts = [q["sql"] for q in queries if "downloads_downloadday" in q["sql"]]
    assert len(reading_counts) <= 2, reading_counts  # the page count and the page itself


def test_counts_are_no_field_of_the_revisioned_page():
    field_names = {f.name for f in ResourcePage._meta.get_fields()}
    assert "download_count" not in field_names
    assert "download_days" in field_names  # the reverse side of DownloadDay


@pytest.mark.parametrize(
    ("query", "current"),
    [
        ("?sort=downloads", "les plus téléchargées"),
        ("?tri=telechargements", "les plus téléchargées"),  # links shared before `sort`
        ("?sort=date", "les plus récentes"),
        ("?tri=recent", "les plus récentes"),
        ("", "les plus récentes"),
        ("?sort=pertinence", "les plus récentes"),  # unknown: the default order, no error
        ("?tri=n-importe", "les plus récentes"),
        ("?sort=title", "les plus récentes"),  # a search order listings do not offer
    ],
)
def test_listing_sort_parameter_new_and_old_names(client, site, query, current):
    sheet, guide = site["experience_sheet"], site["guide"]
    for n in range(3):
        download(client, sheet, ip=f"198.51.100.{n}")
    index_url = sheet.get_parent().url
    response = client.get(index_url + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<strong aria-current="true">{current}</strong>' in html
    assert guide.first_published_at > sheet.first_published_at  # the guide is newer
    sheet_first = html.index(sheet.title) < html.index(guide.title)
    if current == "les plus téléchargées":
        assert sheet_first  # 3 downloads against none
    else:
        assert not sheet_first  # newest first
        assert 'href="?sort=downloads"' in html  # links say `sort`, never `tri`
    assert "tri=" not in html.split('class="sort-links"')[1].split("</p>")[0]
