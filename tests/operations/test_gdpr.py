"""Everything held about one e-mail address, exported and erased by command."""

import json
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

import pytest

from moderation.models import Proposal
from resources.models import ExperienceSheetPage, NetworkMembership, ResourceIndexPage, Theme
from tests.moderation.test_proposals import URL, form_data

pytestmark = pytest.mark.django_db

EMAIL = "alex@exemple.org"


@pytest.fixture
def person(client, commit, networks, moderator):
    """Alex proposed a resource without an account, then got one, edited and commented."""
    with commit():
        assert client.post(URL, form_data(contributor_email=EMAIL)).status_code == 302
    user = get_user_model().objects.create_user(
        "alex", EMAIL, "mot-de-passe-alex", first_name="Alex", last_name="Bénévole"
    )
    NetworkMembership.objects.create(user=user, network=networks[0])
    page = ExperienceSheetPage(
        title="Fiche d'Alex",
        slug="fiche-alex",
        summary="Un résumé.",
        contact_details=f"Écrire à {EMAIL}",
        network=networks[0],
    )
    ResourceIndexPage.objects.get().add_child(instance=page)
    page.themes = [Theme.objects.get(slug="vie-associative")]
    page.save_revision(user=user)
    from django.test import Client

    elsewhere = Client()
    elsewhere.force_login(user)
    elsewhere.get("/admin/")  # an open session, on another browser
    # A few failed logins recorded for the account.
    for _ in range(2):
        client.post(
            reverse("wagtailadmin_login"),
            {"username": "alex", "password": "non"},
            REMOTE_ADDR="81.2.69.160",
        )
    return user, page


def test_export_lists_everything_held(person, tmp_path):
    out = tmp_path / "alex.json"
    call_command("gdpr_export", EMAIL, "--output", str(out), stdout=StringIO())
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["email"] == EMAIL
    (proposal,) = data["proposals"]
    assert proposal["name"] == "Alex Bénévole" and proposal["resource"]
    (account,) = data["accounts"]
    assert account["username"] == "alex" and account["networks"] == ["Réseau AMAP Île-de-France"]
    assert [r["object"] for r in data["revisions"]] == ["Fiche d'Alex"]
    assert len(data["failed_logins"]) >= 1, data
    assert data["open_sessions"] == 1
    assert data["mentioned_in_resources"][0]["title"] == "Fiche d'Alex"


def test_erase_removes_it_and_keeps_the_content(person):
    user, page = person
    out = StringIO()
    call_command("gdpr_erase", EMAIL, "--yes", stdout=out)
    text = out.getvalue()
    assert "1 proposition(s), 1 compte(s), 1 session(s)" in text
    assert "À corriger à la main : la ressource « Fiche d'Alex »" in text
    assert not Proposal.objects.filter(contributor_email=EMAIL).exists()
    assert not get_user_model().objects.filter(email=EMAIL).exists()
    assert (
        not NetworkMembership.objects.exists()
        or not NetworkMembership.objects.filter(user_id=user.pk).exists()
    )
    # The resource and its history stay; who wrote the revision is no longer known.
    page.refresh_from_db()
    assert page.revisions.count() == 1 and page.revisions.get().user is None
    data = json.loads(_export())
    assert (data["proposals"], data["accounts"], data["revisions"], data["failed_logins"]) == (
        [],
        [],
        [],
        [],
    )


def _export():
    out = StringIO()
    call_command("gdpr_export", EMAIL, stdout=out)
    return out.getvalue()


def test_erase_needs_confirmation_and_a_real_address(person):
    with pytest.raises(CommandError, match="--yes"):
        call_command("gdpr_erase", EMAIL, stdout=StringIO())
    assert Proposal.objects.filter(contributor_email=EMAIL).exists()
    for bad in ("pas-une-adresse", "", "a@"):
        with pytest.raises(CommandError, match="n'est pas une adresse"):
            call_command("gdpr_export", bad, stdout=StringIO())
