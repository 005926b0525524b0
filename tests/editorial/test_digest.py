"""The monthly digest: content, once a month, --dry-run, and the contributor's opt-out through
the real account settings view."""

import datetime
from io import StringIO

from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.log_actions import log

import pytest

from downloads.models import DownloadDay
from editorial.digest import previous_month
from editorial.models import DigestPreference, DigestSent, WantedTheme
from moderation import review
from resources.models import ResourcePage

from .conftest import make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def month():
    return previous_month()


@pytest.fixture
def news(networks, contributor, moderator, month):
    idf = networks[0]
    new = make_resource("Fiche du mois", network=idf, live=True)
    when = datetime.datetime.combine(
        month.replace(day=12), datetime.time(10), tzinfo=timezone.get_current_timezone()
    )
    ResourcePage.objects.filter(pk=new.pk).update(first_published_at=when)
    DownloadDay.objects.create(resource=new, day=month.replace(day=13), count=4)
    sent_back = make_resource("Fiche renvoyée", network=idf, live=True)
    log(sent_back, review.SENT_BACK, user=moderator, data={"reason": "Tarifs périmés."})
    due = make_resource("Fiche à revoir", network=idf, live=True)
    ResourcePage.objects.filter(pk=due.pk).update(
        review_date=timezone.localdate() - datetime.timedelta(days=2)
    )
    make_resource("Fiche bretonne", network=networks[1], live=True)
    WantedTheme.objects.create(title="Installer des paysans", note="Des récits d'installation.")
    return month


def run(*args):
    out = StringIO()
    call_command("send_monthly_digest", *args, stdout=out)
    return out.getvalue()


def test_the_digest_tells_each_contributor_about_their_network(
    news, contributor, other_contributor, moderator
):
    output = run("--month", f"{news:%Y-%m}")
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {contributor.email, other_contributor.email}, "not the committee"
    message = by_address[contributor.email]
    assert message.subject.startswith("[AMAP'artage] La vie de la bibliothèque en ")
    body = message.body
    assert "Fiche du mois" in body
    assert "4 téléchargements de vos ressources" in body
    assert "Fiche renvoyée : renvoyée par le comité (Tarifs périmés.)" in body
    assert "Fiche à revoir : à revoir depuis le" in body
    assert "Installer des paysans : Des récits d'installation." in body
    assert "Pour ne plus la recevoir" in body and reverse("wagtailadmin_account") in body
    assert "Fiche bretonne" not in body
    html = message.alternatives[0][0]
    assert '<html lang="fr">' in html and "Fiche renvoyée" in html and "Pour ne plus" in html
    # Brittany has nothing this month: only the themes the committee asks for.
    other = by_address[other_contributor.email].body
    assert "Installer des paysans" in other and "Fiche" not in other
    assert "2 lettre(s) envoyées" in output


def test_running_twice_sends_nothing_twice(news, contributor, other_contributor):
    run("--month", f"{news:%Y-%m}")
    assert len(mail.outbox) == 2
    output = run("--month", f"{news:%Y-%m}")
    assert len(mail.outbox) == 2
    assert "0 lettre(s) envoyées" in output
    assert DigestSent.objects.filter(month=news).count() == 2


def test_dry_run_sends_and_records_nothing(news, contributor, other_contributor):
    output = run("--dry-run", "--month", f"{news:%Y-%m}")
    assert mail.outbox == [] and not DigestSent.objects.exists()
    assert contributor.email in output and "2 lettre(s) seraient envoyées" in output


def test_nothing_to_say_sends_nothing(networks, contributor, month):
    run("--month", f"{month:%Y-%m}")
    assert mail.outbox == [] and not DigestSent.objects.exists()


def test_a_bad_month_is_refused_in_french(news, contributor):
    with pytest.raises(CommandError, match="Mois invalide"):
        run("--month", "décembre")
    assert mail.outbox == [] and not DigestSent.objects.exists()


def test_a_contributor_turns_it_off_in_their_account(client, news, contributor, other_contributor):
    client.force_login(contributor)
    page = client.get(reverse("wagtailadmin_account")).content.decode()
    assert "Lettre mensuelle de la bibliothèque" in page
    assert 'name="editorial_digest-monthly_digest"' in page
    response = client.post(
        reverse("wagtailadmin_account"),
        {
            "name_email-first_name": "Sacha",
            "name_email-last_name": "Contributeur",
            "name_email-email": contributor.email,
            "locale-preferred_language": "fr",
            "locale-current_time_zone": "Europe/Paris",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            # the box left unticked
        },
    )
    assert response.status_code == 302
    assert DigestPreference.objects.get(user=contributor).monthly_digest is False
    run("--month", f"{news:%Y-%m}")
    assert [m.to for m in mail.outbox] == [[other_contributor.email]]


def test_the_committee_has_no_digest_panel(client, moderator):
    client.force_login(moderator)
    page = client.get(reverse("wagtailadmin_account")).content.decode()
    assert "editorial_digest-monthly_digest" not in page


def test_the_committee_edits_the_wanted_themes_contributors_do_not(client, moderator, contributor):
    url = reverse("wagtailsnippets_editorial_wantedtheme:add")
    data = {"title": "Tarifs solidaires", "note": "", "sort_order": "10", "theme": ""}
    client.force_login(contributor)
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not WantedTheme.objects.exists()
    client.force_login(moderator)
    response = client.post(url, {**data, "title": ""})
    assert response.status_code == 200 and not WantedTheme.objects.exists()
    assert response.context["form"].errors["title"] == ["Champ requis."]
    response = client.post(url, data)
    assert response.status_code == 302
    assert list(WantedTheme.objects.values_list("title", flat=True)) == ["Tarifs solidaires"]
