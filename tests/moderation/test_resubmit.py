"""A volunteer sent back corrects their proposal through the private link of the decision
e-mail: kept text and files, checked like /proposer/, resubmitted to the committee once; every
e-mail says whom to write to."""

import re
import time
from urllib.parse import urlsplit

from django.core import mail, signing
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Revision, WorkflowState

import pytest

from moderation import resubmit
from moderation.models import Proposal
from resources.models import GuidePage, Network, ResourceDocument
from tests.conftest import minimal_pdf, png_bytes

from .test_proposals import docx_bytes, form_data, stored_files
from .test_workflow import CHECKED, act

pytestmark = pytest.mark.django_db

COMMENT = "Précisez la date de la distribution.\nRetirez le nom du paysan."


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sent_back(client, commit, moderator):
    files = [
        SimpleUploadedFile("fiche.pdf", minimal_pdf("Paniers solidaires")),
        SimpleUploadedFile("affiche.png", png_bytes()),
    ]
    with commit():
        response = client.post("/proposer/", {**form_data(), "files": files})
    assert response.status_code == 302
    page = GuidePage.objects.get()
    mail.outbox.clear()
    with commit():
        act(client, moderator, page, "reject", {"comment": COMMENT})
    client.logout()
    (message,) = mail.outbox
    match = re.search(r"https?://\S+/proposer/corriger/\S+/", message.body)
    assert match, message.body
    page.refresh_from_db()
    return {"page": page, "message": message, "url": urlsplit(match.group(0)).path}


def snapshot(page):
    page.refresh_from_db()
    state = WorkflowState.objects.for_instance(page).order_by("-pk").first()
    proposal = Proposal.objects.get()
    return {
        "revisions": Revision.objects.filter(object_id=str(page.pk)).count(),
        "latest": page.latest_revision_id,
        "state": (state.pk, state.status),
        "documents": ResourceDocument.objects.count(),
        "files": stored_files(),
        "typed": proposal.typed,
        "decision": proposal.decision,
        "mails": len(mail.outbox),
    }


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode().replace("&#x27;", "'"))


def resubmission(**overrides):
    data = form_data(
        title="Organiser une distribution solidaire (corrigée)",
        summary="Comment notre AMAP partage les paniers invendus, chaque jeudi.",
    )
    for name in ("kind", "contributor_name", "contributor_email", "consent", "website"):
        data.pop(name)
    data.update(overrides)
    return data


def test_decision_email_carries_the_private_link_and_whom_to_write_to(sent_back, settings):
    message = sent_back["message"]
    assert "lien personnel" in message.body and "sert une fois, jusqu'au" in message.body
    assert sent_back["url"] in message.alternatives[0][0]
    assert f"Écrivez à {settings.CONTACT_EMAIL}" in message.body
    assert settings.CONTACT_EMAIL in message.alternatives[0][0]
    assert message.reply_to == [settings.CONTACT_EMAIL]
    assert "/admin/" not in message.body


def test_link_opens_the_proposal_as_typed_with_the_comment_and_files(client, sent_back):
    response = client.get(sent_back["url"])
    assert response.status_code == 200
    html = text_of(response)
    assert "Corriger votre proposition" in html
    assert "Précisez la date de la distribution.<br>Retirez le nom du paysan." in html
    assert 'value="Organiser une distribution solidaire"' in html
    assert "Premier paragraphe. ## Étapes - lister - partager" in re.sub(
        r"\s+", " ", response.context["form"]["body"].value()
    )
    assert re.search(r'value="vie-associative"[^>]*checked', html)
    assert re.search(r'value="CC-BY-SA-4.0"[^>]*checked', html)
    documents = [d.document for d in sent_back["page"].downloads.all()]
    for document in documents:
        assert re.search(rf'name="keep" value="{document.pk}"[^>]*checked', html)
        assert document.filename in html
    assert 'name="contributor_email"' not in html and "alex@exemple.org" not in html
    assert 'name="files"' in html and "noindex" in html
    # The private link never leaves the site in a Referer (and same-origin posts keep Origin).
    assert '<meta name="referrer" content="same-origin">' in html


def test_resubmission_keeps_removes_and_adds_files_and_goes_back_to_review(
    client, commit, sent_back, moderator
):
    page = sent_back["page"]
    pdf, png = [d.document for d in page.downloads.all()]
    mail.outbox.clear()
    with commit():
        response = client.post(
            sent_back["url"],
            {
                **resubmission(keep=[str(pdf.pk)]),
                "files": [SimpleUploadedFile("modele.docx", docx_bytes())],
            },
        )
    assert response.status_code == 200
    assert "votre proposition corrigée est renvoyée au comité" in text_of(response)

    page.refresh_from_db()
    latest = page.get_latest_revision_as_object()
    assert latest.title == "Organiser une distribution solidaire (corrigée)"
    assert latest.summary.endswith("chaque jeudi.")
    documents = [d.document for d in latest.downloads.all()]
    assert documents[0] == pdf and len(documents) == 2
    assert documents[1].file_extension == "docx"
    assert png not in documents
    assert not page.live
    state = WorkflowState.objects.for_instance(page).order_by("-pk").first()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.workflow_in_progress
    proposal = Proposal.objects.get()
    assert proposal.decision == "" and proposal.decided_at is None
    assert proposal.typed["title"].endswith("(corrigée)")
    (message,) = mail.outbox
    assert message.to == [moderator.email] and "attend la relecture" in message.body

    # Single use: the same link now refuses, in French, and changes nothing.
    before = snapshot(page)
    for method in (client.get, client.post):
        response = (
            method(sent_back["url"], resubmission(title="Encore"))
            if method == client.post
            else method(sent_back["url"])
        )
        assert response.status_code == 410
        assert "Ce lien a déjà servi" in text_of(response)
    assert snapshot(page) == before


def test_resubmitted_proposal_keeps_everything_when_no_file_changes(client, commit, sent_back):
    page = sent_back["page"]
    kept = [str(d.document_id) for d in page.downloads.all()]
    with commit():
        response = client.post(sent_back["url"], resubmission(keep=kept))
    assert response.status_code == 200
    latest = page.get_latest_revision_as_object()
    assert [str(d.document_id) for d in latest.downloads.all()] == kept
    assert [b.block_type for b in latest.body] == ["paragraph", "heading", "list"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "Donnez un titre à la ressource."),
        ({"themes": []}, "Cochez au moins un thème."),
        ({"keep": ["999999"]}, "Ce fichier ne fait pas partie de votre proposition."),
        ({"files": "not-a-pdf"}, "PDF"),
        ({"files": "too-many"}, "fichiers au plus en tout"),
    ],
)
def test_bad_input_is_refused_in_french_and_changes_nothing(
    client, commit, sent_back, settings, change, message
):
    page = sent_back["page"]
    kept = [str(d.document_id) for d in page.downloads.all()]
    data = resubmission(keep=kept)
    data.update({k: v for k, v in change.items() if k != "files"})
    if change.get("files") == "not-a-pdf":
        data["files"] = [SimpleUploadedFile("faux.pdf", b"MZ\x90\x00 pas un PDF")]
    elif change.get("files") == "too-many":
        settings.PROPOSAL_MAX_FILES = 3
        data["files"] = [SimpleUploadedFile(f"f{n}.pdf", minimal_pdf(f"n{n}")) for n in range(2)]
    before = snapshot(page)
    with commit():
        response = client.post(sent_back["url"], data)
    assert response.status_code == 200
    html = text_of(response)
    assert "Le formulaire contient" in html and message in html
    if "files" in change:
        assert "Les fichiers déjà envoyés restent dans la liste." in html
    assert (
        'value="Organiser une distribution solidaire (corrigée)"' in html
        or change.get("title") == ""
    )
    assert snapshot(page) == before


def test_forged_token_is_refused_in_french_and_changes_nothing(client, sent_back):
    page = sent_back["page"]
    before = snapshot(page)
    token = sent_back["url"].rstrip("/").rsplit("/", 1)[1]
    other = Proposal.objects.get()
    forged = [
        token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb"),
        signing.dumps({"p": other.pk, "r": page.latest_revision_id}, salt="autre-chose"),
        "n'importe-quoi",
    ]
    for bad in forged:
        url = reverse("moderation:resubmit", args=[bad])
        for response in (client.get(url), client.post(url, resubmission())):
            assert response.status_code == 404
            assert "Ce lien n'est pas valide" in text_of(response)
    assert snapshot(page) == before


def test_expired_token_is_refused_in_french_and_changes_nothing(
    client, sent_back, settings, monkeypatch
):
    page = sent_back["page"]
    proposal = Proposal.objects.get()
    before = snapshot(page)
    # The clock is the one thing faked: a link made 31 days ago.
    real_time = time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() - 31 * 24 * 3600)
    token = resubmit.make_token(proposal, page.latest_revision_id)
    monkeypatch.setattr(signing.time, "time", real_time)
    url = reverse("moderation:resubmit", args=[token])
    for response in (client.get(url), client.post(url, resubmission())):
        assert response.status_code == 410
        assert "Ce lien a expiré" in text_of(response) and "30 jours" in text_of(response)
        assert settings.CONTACT_EMAIL in text_of(response)
    assert snapshot(page) == before


def test_link_is_dead_once_the_committee_changed_or_published_it(
    client, commit, sent_back, moderator
):
    page = sent_back["page"]
    # Someone saved a new revision since: the link no longer matches what was sent back.
    page.get_latest_revision_as_object().save_revision()
    response = client.get(sent_back["url"])
    assert response.status_code == 410 and "Ce lien a déjà servi" in text_of(response)


def test_network_address_is_whom_to_write_to(client, commit, moderator, settings):
    network = Network.objects.create(
        name="Réseau test", slug="reseau-test", email="contact@reseau.test"
    )
    with commit():
        client.post("/proposer/", form_data(network=network.slug))
    ack = next(m for m in mail.outbox if m.to == ["alex@exemple.org"])
    assert "Écrivez à contact@reseau.test" in ack.body
    assert ack.reply_to == ["contact@reseau.test"]
    to_committee = next(m for m in mail.outbox if m.to == [moderator.email])
    assert "contact@reseau.test" in to_committee.body
    page = GuidePage.objects.get()
    mail.outbox.clear()
    with commit():
        act(client, moderator, page, "approve", {**CHECKED, "comment": "Merci."})
    (approved,) = mail.outbox
    assert "Écrivez à contact@reseau.test" in approved.body
    assert "contact@reseau.test" in approved.alternatives[0][0]


def test_a_second_post_racing_the_first_is_refused_and_changes_nothing(client, commit, sent_back):
    """Both posts passed the link check; the first resubmits, the second must not."""
    page = sent_back["page"]
    proposal, opened, state = resubmit.open_link(sent_back["url"].rstrip("/").rsplit("/", 1)[1])
    kept = [str(d.document_id) for d in page.downloads.all()]
    with commit():
        assert client.post(sent_back["url"], resubmission(keep=kept)).status_code == 200
    before = snapshot(page)
    with pytest.raises(resubmit.LinkRefused):
        resubmit.resubmit(
            proposal,
            opened,
            state,
            {**resubmission(), "themes": [], "keep": [], "files": []},
            [],
        )
    assert snapshot(page) == before
