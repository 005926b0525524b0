"""The download statistics report of the admin, and its CSV export."""

import datetime

import pytest

from downloads.models import DownloadDay
from tests.sitedata import site_for_module

pytestmark = pytest.mark.django_db

URL = "/admin/rapports/telechargements/"


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker):
    """The library and its counts, built once for the module (the tests only read them)."""
    with site_for_module(django_db_blocker) as site:
        make_counts(site)
        yield site


def make_counts(site):
    DownloadDay.objects.create(resource=site["guide"], day=datetime.date(2026, 1, 5), count=4)
    DownloadDay.objects.create(resource=site["guide"], day=datetime.date(2026, 2, 1), count=1)
    DownloadDay.objects.create(
        resource=site["experience_sheet"], day=datetime.date(2026, 2, 3), count=2
    )
    DownloadDay.objects.create(resource=site["report"], day=datetime.date(2026, 2, 4), count=6)


def rows(response):
    return response.context["rows"]


def test_by_resource_largest_first(admin_client, counts):
    response = admin_client.get(URL)
    assert response.status_code == 200
    assert rows(response) == [
        ("Enquête nationale sur les AMAP", 6),
        ("Kit RGPD pour les AMAP", 5),
        ("Paniers solidaires à Montreuil", 2),
    ]
    assert response.context["total"] == 13


def test_by_theme_network_and_month(admin_client, counts):
    by_theme = dict(rows(admin_client.get(URL, {"group": "theme"})))
    # The sheet is in both themes: it counts in each.
    creation, vie = counts["themes"]
    assert by_theme == {vie.name: 13, creation.name: 2}
    by_network = dict(rows(admin_client.get(URL, {"group": "network"})))
    assert by_network == {"Réseau AMAP Île-de-France": 7, "(sans réseau)": 6}
    by_month = rows(admin_client.get(URL, {"group": "month"}))
    assert by_month == [("2026-01", 4), ("2026-02", 9)]


def test_period(admin_client, counts):
    response = admin_client.get(URL, {"group": "resource", "start": "2026-02", "end": "2026-02"})
    assert dict(rows(response))["Kit RGPD pour les AMAP"] == 1


def test_csv_export(admin_client, counts):
    response = admin_client.get(URL, {"group": "month", "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="telechargements-month.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert text.splitlines() == ["Mois;Téléchargements", "2026-01;4", "2026-02;9"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "janvier"}, "Mois invalide"),
        ({"start": "2026-13"}, "Mois invalide"),
        ({"start": "99999999999999999999999-01"}, "Mois invalide"),
        ({"end": "2026-99999999999999999999999"}, "Mois invalide"),
        ({"start": "2026-03", "end": "2026-01"}, "Le premier mois doit précéder le second."),
    ],
)
def test_bad_period_gets_a_french_error(admin_client, counts, params, message):
    response = admin_client.get(URL, params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert rows(response) == []
    # Nothing is exported from a wrong form either.
    export = admin_client.get(URL, {**params, "export": "csv"})
    assert export["Content-Type"].startswith("text/html")
    assert DownloadDay.objects.count() == 4


def test_report_is_for_the_admin_only(client, counts):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_report_is_in_the_reports_menu(admin_client, counts):
    html = admin_client.get("/admin/").content.decode()
    assert URL in html
