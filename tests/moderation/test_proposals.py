"""The public proposal form: good input, every kind of bad input, the robots, the rate limit,
and the volunteer's personal data."""

import datetime
import io
import json
import re
import time
from pathlib import Path

from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Revision

import pytest

from moderation.forms import make_timestamp
from moderation.models import Proposal
from resources.models import ExperienceSheetPage, GuidePage, ResourceDocument, ResourcePage
from resources.privacy import PENDING_COLLECTION_NAME
from resources.validation import ResourceFieldsForm
from tests.conftest import minimal_pdf, png_bytes

from .test_workflow import CHECKED, act

pytestmark = pytest.mark.django_db

URL = "/proposer/"
FILES_BEFORE = set()


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def docx_bytes():
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Le registre des traitements")
    document.save(buffer)
    return buffer.getvalue()


def form_data(**overrides):
    data = {
        "kind": "guide",
        "title": "Organiser une distribution solidaire",
        "summary": "Comment notre AMAP partage les paniers invendus.",
        "body": "Premier paragraphe.\n\n## Étapes\n\n- lister\n- partager",
        "themes": ["vie-associative", "accessibilite-alimentaire"],
        "network": "",
        "licence": "CC-BY-SA-4.0",
        "contributor_name": "Alex Bénévole",
        "contributor_email": "alex@exemple.org",
        "consent": "on",
        "website": "",
        "started": make_timestamp(time.time() - 60),
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def stored_files():
    roots = (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)
    return {p for root in roots for p in Path(root).rglob("*") if p.is_file()}


@pytest.fixture(autouse=True)
def files_before():
    global FILES_BEFORE
    FILES_BEFORE = stored_files()


def nothing_written():
    return (
        not ResourcePage.objects.exists()
        and not Proposal.objects.exists()
        and not ResourceDocument.objects.exists()
        and not mail.outbox
        and stored_files() == FILES_BEFORE
    )


def post(client, commit, data, files=None):
    payload = dict(data)
    if files:
        payload["files"] = files
    with commit():
        return client.post(URL, payload)


def test_form_is_french_and_has_the_agreed_fields(client):
    response = client.get(reverse("moderation:propose"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Proposer une ressource" in html
    for name in (
        "kind",
        "title",
        "summary",
        "body",
        "themes",
        "network",
        "files",
        "contributor_name",
        "contributor_email",
        "consent",
        "licence",
    ):
        assert f'name="{name}"' in html, name
    assert 'name="website"' in html and 'name="started"' in html
    assert 'enctype="multipart/form-data"' in html


def test_good_proposal_becomes_a_private_draft_in_review(client, commit, moderator):
    files = [
        SimpleUploadedFile("fiche.pdf", minimal_pdf("Paniers solidaires")),
        SimpleUploadedFile("modele.docx", docx_bytes()),
        SimpleUploadedFile("affiche.png", png_bytes()),
    ]
    response = post(client, commit, form_data(network=""), files)
    assert response.status_code == 302 and response.url == reverse("moderation:thanks")
    thanks = client.get(response.url).content.decode()
    assert "Et maintenant ?" in thanks and "6 mois" in thanks

    page = GuidePage.objects.get()
    assert not page.live and page.workflow_in_progress
    assert page.title == "Organiser une distribution solidaire"
    assert [t.slug for t in page.themes.order_by("slug")] == [
        "accessibilite-alimentaire",
        "vie-associative",
    ]
    assert page.licence.slug == "CC-BY-SA-4.0"
    assert [b.block_type for b in page.body] == ["paragraph", "heading", "list"]
    documents = [d.document for d in page.downloads.all()]
    assert [d.file_extension for d in documents] == ["pdf", "docx", "png"]
    for document in documents:
        assert document.collection.name == PENDING_COLLECTION_NAME
        assert client.get(document.url).status_code == 404

    proposal = Proposal.objects.get()
    assert proposal.page_id == page.pk and proposal.consent_at
    assert (proposal.contributor_name, proposal.contributor_email) == (
        "Alex Bénévole",
        "alex@exemple.org",
    )
    # Never on the page, in its revisions, nor in the search index.
    for revision in Revision.objects.all():
        content = json.dumps(revision.content, ensure_ascii=False)
        assert "alex@exemple.org" not in content and "Alex Bénévole" not in content
    assert not ResourcePage.objects.search("alex@exemple.org")
    assert not hasattr(Proposal, "search_fields")

    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["alex@exemple.org", moderator.email]
    ack = next(m for m in mail.outbox if m.to == ["alex@exemple.org"])
    assert "Nous avons bien reçu votre proposition" in ack.body
    assert "effacés 6 mois après la décision" in ack.body
    to_moderators = next(m for m in mail.outbox if m.to == [moderator.email])
    assert "Proposée sans compte par Alex Bénévole" in to_moderators.body


def test_experience_sheet_body_is_split_into_its_parts(client, commit):
    body = "Un quartier populaire.\n\n## Ce qui a été fait\n\nDes prix différenciés."
    post(client, commit, form_data(kind="experience_sheet", body=body))
    page = ExperienceSheetPage.objects.get()
    assert "Un quartier populaire." in page.context
    assert "Des prix différenciés." in page.actions


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_decision_email_reaches_the_volunteer_with_the_comment(client, commit, moderator, action):
    post(client, commit, form_data())
    page = GuidePage.objects.get()
    mail.outbox.clear()
    comment = "Merci, quelle belle initiative." if action == "approve" else "Précisez la date."
    with commit():
        act(client, moderator, page, action, {**CHECKED, "comment": comment})
    (message,) = mail.outbox
    assert message.to == ["alex@exemple.org"]
    assert comment in message.body and comment in message.alternatives[0][0]
    assert "/admin/" not in message.body, "a volunteer has no account"
    proposal = Proposal.objects.get()
    assert proposal.decided_at is not None
    assert proposal.decision == ("approved" if action == "approve" else "rejected")


# -- bad input: a French error beside the field, nothing written, what was typed kept ------

BAD = [
    ("kind", {"kind": ""}, "Choisissez le type de ressource."),
    ("kind", {"kind": "affiche"}, "Ce type de ressource n'existe pas"),
    ("title", {"title": ""}, "Donnez un titre à la ressource."),
    ("title", {"title": "x" * 300}, "255 caractères au plus (il y en a 300)."),
    ("summary", {"summary": "  "}, "Résumez la ressource en une ou deux phrases."),
    ("summary", {"summary": "x" * 600}, "500 caractères au plus (il y en a 600)."),
    ("body", {"body": "un\x00deux"}, "caractère"),
    ("themes", {"themes": None}, "Cochez au moins un thème."),
    ("themes", {"themes": ["inconnu"]}, "n'existe pas"),
    ("network", {"network": "reseau-fantome"}, "Ce réseau n'existe pas"),
    ("licence", {"licence": "WTFPL"}, "Cette licence n'existe pas"),
    ("licence", {"licence": None}, "Choisissez une licence."),
    ("contributor_name", {"contributor_name": ""}, "Indiquez votre nom."),
    ("contributor_email", {"contributor_email": ""}, "Indiquez votre adresse électronique."),
    ("contributor_email", {"contributor_email": "alex@"}, "n'est pas valide"),
    ("consent", {"consent": None}, "sans votre accord"),
]


@pytest.mark.parametrize(("field", "overrides", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_refused_in_french_and_kept(client, commit, field, overrides, message):
    response = post(client, commit, form_data(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in e for e in errors), errors
    html = response.content.decode()
    assert 'aria-invalid="true"' in html or "has-error" in html
    assert "Alex Bénévole" in html or field == "contributor_name"
    assert nothing_written()


SHARED_WITH_IMPORT = [
    ("body", {"body": "un\x00deux"}),
    ("themes", {"themes": ["inconnu"]}),
    ("title", {"title": "\u200b"}),
]


@pytest.mark.parametrize(
    ("field", "overrides"), SHARED_WITH_IMPORT, ids=[s[0] for s in SHARED_WITH_IMPORT]
)
def test_a_rule_shared_with_the_importer_says_the_same(client, commit, field, overrides):
    response = post(client, commit, form_data(**overrides))
    shared = ResourceFieldsForm(dict(form_data(), type="guide", **overrides))
    assert not shared.is_valid()
    assert response.context["form"].errors[field] == shared.errors[field]
    assert nothing_written()


BAD_FILES = [
    (
        "svg",
        lambda: [SimpleUploadedFile("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")],
        "extension « svg » non acceptée",
    ),
    ("exe", lambda: [SimpleUploadedFile("outil.exe", b"MZ\x90\x00")], "extension « exe »"),
    (
        "html-as-pdf",
        lambda: [SimpleUploadedFile("fiche.pdf", b"<!doctype html><script>")],
        "ne contient pas un fichier PDF (contenu reconnu : HTML)",
    ),
    ("empty", lambda: [SimpleUploadedFile("vide.pdf", b"")], "vide"),
    ("fake-png", lambda: [SimpleUploadedFile("photo.png", minimal_pdf())], "PNG"),
    (
        "too-many",
        lambda: [SimpleUploadedFile(f"f{i}.pdf", minimal_pdf()) for i in range(6)],
        "5 fichiers au plus",
    ),
]


@pytest.mark.parametrize(("case", "files", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_are_refused_and_the_volunteer_told_to_choose_again(
    client, commit, case, files, message
):
    response = post(client, commit, form_data(), files())
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["files"])
    assert message in errors, errors
    html = response.content.decode()
    assert "choisissez-les à nouveau" in html
    assert "Organiser une distribution solidaire" in html
    assert nothing_written()


@override_settings(PROPOSAL_MAX_FILE_SIZE=1000)
def test_too_big_file_is_refused(client, commit):
    response = post(
        client, commit, form_data(), [SimpleUploadedFile("gros.pdf", minimal_pdf("x" * 2000))]
    )
    assert "la limite est de" in " ".join(response.context["form"].errors["files"])
    assert nothing_written()


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=1000)
def test_image_with_too_many_pixels_is_refused(client, commit):
    response = post(
        client, commit, form_data(), [SimpleUploadedFile("grande.png", png_bytes(100, 100))]
    )
    assert "pixels" in " ".join(response.context["form"].errors["files"])
    assert nothing_written()


@override_settings(PROPOSAL_MAX_TOTAL_SIZE=1500)
def test_files_too_heavy_together_are_refused(client, commit):
    files = [SimpleUploadedFile(f"f{i}.pdf", minimal_pdf()) for i in range(3)]
    response = post(client, commit, form_data(), files)
    assert "ensemble" in " ".join(response.context["form"].errors["files"])
    assert nothing_written()


# -- robots and floods ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides",
    [
        {"website": "http://spam.example"},
        {"started": None},
        {"started": "forged-token"},
        {"started": "fresh"},
    ],
    ids=["honeypot", "no-timestamp", "forged-timestamp", "too-fast"],
)
def test_robots_are_silently_dropped(client, commit, overrides):
    if overrides.get("started") == "fresh":
        overrides = {"started": make_timestamp()}
    response = post(client, commit, form_data(**overrides))
    assert response.status_code == 302 and response.url == reverse("moderation:thanks")
    assert nothing_written()


def test_a_fresh_form_sent_at_once_is_dropped(client, commit):
    html = client.get(URL).content.decode()
    token = html.split('name="started" value="')[1].split('"')[0]
    post(client, commit, form_data(started=token))
    assert nothing_written()


def test_a_form_left_open_for_days_is_shown_again(client, commit):
    response = post(client, commit, form_data(started=make_timestamp(time.time() - 5 * 86400)))
    assert response.status_code == 200
    html = response.content.decode()
    assert "ouvert depuis trop longtemps" in html and "Organiser une distribution solidaire" in html
    assert nothing_written()


@override_settings(PROPOSAL_RATE_LIMIT="2/h")
def test_rate_limit_per_address_answers_429_in_french(client, commit):
    for _n in range(2):
        assert post(client, commit, form_data(title="")).status_code == 200
    response = post(client, commit, form_data())
    assert response.status_code == 429
    assert "Trop de propositions envoyées" in response.content.decode()
    assert nothing_written()
    other = client.post(URL, form_data(title=""), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200, "another address is not limited"


# -- personal data ----------------------------------------------------------------------------


def test_purge_erases_volunteers_data_months_after_the_decision(client, commit):
    post(client, commit, form_data(title="Ancienne"))
    post(client, commit, form_data(title="Récente", contributor_email="camille@exemple.org"))
    post(client, commit, form_data(title="En attente", contributor_email="lou@exemple.org"))
    post(client, commit, form_data(title="Supprimée", contributor_email="eden@exemple.org"))
    now = timezone.now()
    Proposal.objects.filter(page__title="Ancienne").update(
        decided_at=now - datetime.timedelta(days=200), decision="approved"
    )
    Proposal.objects.filter(page__title="Récente").update(
        decided_at=now - datetime.timedelta(days=20), decision="rejected"
    )
    ResourcePage.objects.get(title="Supprimée").delete()

    out = io.StringIO()
    call_command("purge_proposals", stdout=out)
    assert "2 proposition(s) effacée(s)" in out.getvalue()
    left = set(Proposal.objects.values_list("contributor_email", flat=True))
    assert left == {"camille@exemple.org", "lou@exemple.org"}
    assert ResourcePage.objects.filter(title="Ancienne").exists(), "the resource stays"


@override_settings(PROPOSAL_RETENTION_MONTHS=1)
def test_retention_is_a_setting(client, commit):
    post(client, commit, form_data())
    Proposal.objects.update(decided_at=timezone.now() - datetime.timedelta(days=40))
    call_command("purge_proposals", stdout=io.StringIO())
    assert not Proposal.objects.exists()


# -- replayed forms and the acknowledgement as a spam relay (issue 10) -------------------------


def test_a_form_token_already_accepted_is_refused_when_replayed(client, commit):
    data = form_data()
    first = post(client, commit, data, [SimpleUploadedFile("fiche.pdf", minimal_pdf())])
    assert first.status_code == 302
    files = stored_files()
    mails = len(mail.outbox)
    replay = post(client, commit, dict(data, title="Une autre"), [
        SimpleUploadedFile("autre.pdf", minimal_pdf("Autre"))
    ])  # fmt: skip
    assert replay.status_code == 200
    html = replay.content.decode()
    assert "Ce formulaire a déjà été envoyé" in html
    # Shown again with a new token, the old one never accepted again.
    assert data["started"] not in html
    assert Proposal.objects.count() == 1 and ResourcePage.objects.count() == 1
    assert ResourceDocument.objects.count() == 1
    assert stored_files() == files and len(mail.outbox) == mails


def test_a_form_token_is_refused_after_a_few_hours(client, commit):
    response = post(client, commit, form_data(started=make_timestamp(time.time() - 7 * 3600)))
    assert response.status_code == 200
    assert "ouvert depuis trop longtemps" in response.content.decode()
    assert nothing_written()


def test_a_refused_proposal_does_not_use_up_its_token(client, commit):
    data = form_data(title="")
    assert post(client, commit, data).status_code == 200
    assert post(client, commit, dict(data, title="Corrigée")).status_code == 302
    assert Proposal.objects.count() == 1


def test_one_acknowledgement_per_address_per_day_and_no_free_text(client, commit, moderator):
    hostile = {
        "contributor_name": "Gagnez 1000 euros sur https://spam.example",
        "summary": "Cliquez sur https://spam.example/offre pour gagner.",
        "body": "Offre limitée https://spam.example/corps",
    }
    for n in range(3):
        response = post(
            client, commit, form_data(title=f"Proposition {n}", **hostile)
        )  # the same address typed each time
        assert response.status_code == 302
    assert Proposal.objects.count() == 3  # every proposal is accepted
    acks = [m for m in mail.outbox if m.to == ["alex@exemple.org"]]
    assert len(acks) == 1
    ack = acks[0]
    assert "Proposition 0" in ack.subject and "Proposition 0" in ack.body
    everything = ack.subject + ack.body + "".join(str(a[0]) for a in ack.alternatives)
    assert "spam.example" not in everything and "Gagnez" not in everything
    # Another address still gets its own.
    post(client, commit, form_data(title="Ailleurs", contributor_email="lou@exemple.org"))
    assert len([m for m in mail.outbox if m.to == ["lou@exemple.org"]]) == 1


def test_the_error_summary_counts_what_it_lists(client, commit):
    """Two bad files and an empty title: three errors listed, « 3 erreurs » said (the count
    was of fields with errors, « 2 »)."""
    files = [
        SimpleUploadedFile("notes.txt", b"du texte"),
        SimpleUploadedFile("fiche.pdf", b"<!doctype html><script>"),
    ]
    response = post(client, commit, form_data(title=""), files)
    html = response.content.decode()
    summary = re.search(r'<div class="form-errors".*?</ul>', html, re.S).group(0)
    assert summary.count("<li>") == 3, summary
    assert "Le formulaire contient 3 erreurs" in summary
    assert nothing_written()


def test_sizes_are_written_as_on_the_resource_pages(client):
    """« Mo » as on the pages (« 35,8 Ko »), not Django's « Mio »."""
    html = client.get(URL).content.decode()
    assert "Mio" not in html and "Kio" not in html
    assert re.search(r"\d+(,\d)?\xa0Mo", html), "the upload limit, in Mo"
