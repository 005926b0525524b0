"""« Vie de la bibliothèque »: the committee's report through the admin's real view."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from wagtail.models import TaskState

import pytest

from downloads.models import DownloadDay
from editorial.report import default_period
from moderation.models import Proposal
from moderation.workflow import CHECKLIST
from resources.models import ResourcePage, Theme

from .conftest import make_resource

pytestmark = pytest.mark.django_db

URL = "/admin/rapports/vie-de-la-bibliotheque/"


def months_ago(n, day=10):
    today = timezone.localdate().replace(day=1)
    year, month = divmod(today.year * 12 + today.month - 1 - n, 12)
    return datetime.datetime(year, month + 1, day, 12, tzinfo=timezone.get_current_timezone())


def published(title, network, when):
    page = make_resource(title, network=network, live=True)
    ResourcePage.objects.filter(pk=page.pk).update(first_published_at=when)
    return page


@pytest.fixture
def library(networks, contributor, moderator):
    idf, bzh = networks
    a = published("Fiche récente", idf, months_ago(0))
    published("Fiche estivale", idf, months_ago(2))
    b = published("Fiche bretonne", bzh, months_ago(2))
    published("Fiche ancienne", bzh, months_ago(14))
    # Two finished reviews: 2 days and 10 days.
    for page, days in ((a, 2), (b, 10)):
        page.save_revision()
        page.get_workflow().start(page, contributor)
        state = page.current_workflow_task_state.specific
        state.task.specific.on_action(
            state, moderator, "approve", **{name: True for name, _label in CHECKLIST}
        )
        TaskState.objects.filter(pk=state.pk).update(
            started_at=months_ago(1), finished_at=months_ago(1) + datetime.timedelta(days=days)
        )
    # Publishing copies the revision over the row: set the dates after the reviews.
    ResourcePage.objects.filter(pk=a.pk).update(first_published_at=months_ago(0))
    ResourcePage.objects.filter(pk=b.pk).update(first_published_at=months_ago(2))
    now = timezone.now()
    Proposal.objects.create(contributor_name="A", contributor_email="a@x.org", consent_at=now)
    Proposal.objects.create(
        contributor_name="B", contributor_email="b@x.org", consent_at=now, decision="approved"
    )
    Proposal.objects.create(
        contributor_name="C", contributor_email="c@x.org", consent_at=now, decision="rejected"
    )
    Theme.objects.create(name="Semences paysannes", slug="semences")
    DownloadDay.objects.create(resource=a, day=months_ago(1).date(), count=7)
    DownloadDay.objects.create(resource=b, day=months_ago(1).date(), count=3)
    DownloadDay.objects.create(resource=b, day=months_ago(20).date(), count=100)
    return networks


def tables(response):
    return {t.key: t.rows for t in response.context["tables"]}


def test_the_report_reads_the_library_over_the_last_twelve_months(client, library, moderator):
    client.force_login(moderator)
    response = client.get(URL)
    assert response.status_code == 200
    t = tables(response)
    by_month = dict(t["publiees-par-mois"])
    assert len(by_month) == 12
    assert by_month[months_ago(0).date().replace(day=1)] == 1
    assert by_month[months_ago(2).date().replace(day=1)] == 2
    assert sum(by_month.values()) == 3, "the one of 14 months ago is outside the period"
    assert t["publiees-par-reseau"] == [
        ("Réseau AMAP Île-de-France", 2),
        ("Réseau des AMAP de Bretagne", 1),
    ]
    assert t["publiees-par-theme"] == [("Vie associative et gouvernance", 3)]
    assert t["attente"] == [
        ("Relectures terminées", 2),
        ("Attente médiane (jours)", 6.0),
        ("Attente la plus longue (jours)", 10.0),
    ]
    assert dict(t["propositions"]) == {
        "Reçues": 3,
        "publiée": 1,
        "modifications demandées": 1,
        "relecture annulée": 0,
        "en attente de décision": 1,
    }
    quiet = dict(t["themes-sans-nouveaute"])
    assert quiet["Semences paysannes"] == "—" and "Vie associative et gouvernance" not in quiet
    assert t["telechargements-par-reseau"] == [
        ("Réseau AMAP Île-de-France", 7),
        ("Réseau des AMAP de Bretagne", 3),
    ]
    html = response.content.decode()
    # The period fields show the period read, as <input type="month"> wants it.
    first, last = default_period()
    assert (
        f'name="start" value="{first:%Y-%m}"' in html and f'name="end" value="{last:%Y-%m}"' in html
    )
    assert 'placeholder="AAAA-MM"' in html
    shown = date_format(months_ago(2), "YEAR_MONTH_FORMAT")
    assert re.fullmatch(r"[a-zéû]+ \d{4}", shown), shown  # « janvier 2026 », in French
    assert f">{shown}</th>" in html
    assert "attente médiane 6,0 jours" in html or "attente médiane 6.0 jours" in html
    assert '<span aria-hidden="true"' in html and "<script" not in html.split("main")[1]
    assert "Exporter « Ressources publiées par réseau » en CSV" in html


def test_the_period_filter(client, library, moderator):
    client.force_login(moderator)
    month = months_ago(2).strftime("%Y-%m")
    t = tables(client.get(URL, {"start": month, "end": month}))
    assert t["publiees-par-mois"] == [(months_ago(2).date().replace(day=1), 2)]
    assert t["telechargements-par-reseau"] == []


def test_each_table_exports_as_csv(client, library, moderator):
    client.force_login(moderator)
    response = client.get(URL, {"export": "publiees-par-reseau"})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="vie-bibliotheque-publiees-par-reseau.csv"' in response["Content-Disposition"]
    assert response.content.decode("utf-8-sig").splitlines() == [
        "Réseau;Ressources publiées",
        "Réseau AMAP Île-de-France;2",
        "Réseau des AMAP de Bretagne;1",
    ]
    month = months_ago(2).strftime("%Y-%m")
    response = client.get(URL, {"export": "publiees-par-mois", "start": month, "end": month})
    assert response.content.decode("utf-8-sig").splitlines() == [
        "Mois;Ressources publiées",
        f"{month};2",
    ]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "janvier"}, "Mois invalide"),
        ({"end": "2026-99999999999999999999"}, "Mois invalide"),
        ({"start": "2026-03", "end": "2026-01"}, "Le premier mois doit précéder le second."),
        ({"export": "../../etc/passwd"}, "Ce tableau n&#x27;existe pas"),
    ],
)
def test_bad_input_gets_a_french_error(client, library, moderator, params, message):
    client.force_login(moderator)
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert response.context["tables"] == []


def test_the_report_is_for_the_committee_and_administrators(
    client, library, contributor, admin_user
):
    client.force_login(contributor)
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert URL not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(admin_user)
    assert client.get(URL).status_code == 200
    assert URL in client.get(reverse("wagtailadmin_home")).content.decode(), "the menu item"


def test_default_period_is_twelve_months():
    assert default_period(datetime.date(2026, 3, 15)) == (
        datetime.date(2025, 4, 1),
        datetime.date(2026, 3, 1),
    )
