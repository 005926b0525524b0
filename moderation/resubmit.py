"""The private link a volunteer gets when the committee sends their proposal back: it opens
their proposal, filled with what they typed, to correct and resubmit it, without an account.

The link is a signed token (django.core.signing) naming the proposal and the page revision that
was sent back, valid PROPOSAL_RESUBMIT_DAYS days. Resubmitting saves a new revision, so the
same link never works twice; nor does it once anyone else has changed the resource.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import WorkflowState

from resources import importing, textformat
from resources.models import ResourceDownload, get_resource_index

from .models import Proposal
from .notifications import absolute
from .proposals import _document, typed_text

SALT = "moderation.proposal.resubmit"


class LinkRefused(Exception):
    """The link cannot be used; `message` says why in French, `status` is the HTTP answer."""

    def __init__(self, message, status):
        super().__init__(message)
        self.message, self.status = message, status


def used_link():
    return LinkRefused(
        _(
            "Ce lien a déjà servi : la proposition a été renvoyée au comité de lecture, ou "
            "modifiée depuis. Vous recevrez sa décision par courriel."
        ),
        410,
    )


def max_age():
    return datetime.timedelta(days=settings.PROPOSAL_RESUBMIT_DAYS)


def make_token(proposal, revision_id):
    return signing.dumps({"p": proposal.pk, "r": revision_id}, salt=SALT)


def link_for(proposal, page):
    token = make_token(proposal, page.latest_revision_id)
    return absolute(reverse("moderation:resubmit", args=[token]))


def expires_on(now=None):
    return (now or timezone.now()) + max_age()


def open_link(token):
    """(proposal, page as its latest revision, workflow state) for a usable token."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.SignatureExpired:
        raise LinkRefused(
            _(
                "Ce lien a expiré : il n'était valable que %(days)s jours. Vous pouvez envoyer "
                "une nouvelle proposition, ou écrire au comité."
            )
            % {"days": max_age().days},
            410,
        ) from None
    except signing.BadSignature:
        raise LinkRefused(
            _(
                "Ce lien n'est pas valide : vérifiez qu'il est complet, tel qu'il figure "
                "dans le courriel."
            ),
            404,
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("p"), int):
        raise LinkRefused(_("Ce lien n'est pas valide."), 404)
    proposal = Proposal.objects.filter(pk=data["p"]).select_related("page").first()
    page = proposal.page if proposal else None
    if page is None:
        raise LinkRefused(
            _("Cette proposition n'existe plus : elle a été supprimée par le comité de lecture."),
            410,
        )
    state = (
        WorkflowState.objects.for_instance(page)
        .filter(status=WorkflowState.STATUS_NEEDS_CHANGES)
        .select_related("current_task_state")
        .first()
    )
    if (
        proposal.decision != Proposal.REJECTED
        or state is None
        or page.latest_revision_id != data.get("r")
    ):
        raise used_link()
    return proposal, page.specific.get_latest_revision_as_object(), state


def initial_for(proposal, page):
    """The form's initial data: what the volunteer typed, else what the page holds."""
    typed = proposal.typed or {}
    return {
        "title": typed.get("title", page.title),
        "summary": typed.get("summary", page.summary),
        "body": typed.get("body", _body_as_text(page)),
        "themes": typed.get("themes") or [t.slug for t in page.themes.all()],
        "licence": typed.get("licence") or (page.licence.slug if page.licence_id else ""),
        "network": typed.get("network", page.network.slug if page.network_id else ""),
    }


def _body_as_text(page):
    lines = []
    for block in page.body.raw_data:
        kind, value = block.get("type"), block.get("value")
        if kind == textformat.HEADING and isinstance(value, dict):
            lines.append("## " + value.get("text", ""))
        elif kind == textformat.LIST and isinstance(value, list):
            lines.append("\n".join(f"- {item}" for item in value))
        elif isinstance(value, str):
            from django.utils.html import strip_tags

            lines.append(strip_tags(value))
    return "\n\n".join(lines)


def current_documents(page):
    return [d.document for d in page.downloads.all() if d.document_id]


@transaction.atomic
def resubmit(proposal, page, state, data, stored):
    """Apply the corrected proposal as a new revision and send it back to the committee."""
    # Two posts of the same link at once: the second finds the row changed and is refused.
    row = type(page).objects.select_for_update().only("latest_revision_id").get(pk=page.pk)
    state = WorkflowState.objects.select_for_update().get(pk=state.pk)
    if (
        row.latest_revision_id != page.latest_revision_id
        or state.status != WorkflowState.STATUS_NEEDS_CHANGES
    ):
        raise used_link()
    data = {**data, "kind": page.KIND}
    spec = importing.ResourceSpec(
        line=0,
        source_id=None,
        kind=page.KIND,
        title=data["title"],
        summary=data["summary"],
        body=data["body"],
        themes=[t.slug for t in data["themes"]],
        licence=data["licence"].slug,
    )
    importer = importing.Importer(index_page=get_resource_index())
    for name, value in importer.target_fields(spec).items():
        setattr(page, name, value)
    page.draft_title = page.title
    page.network = data["network"]
    page.licence = data["licence"]
    page.themes = list(data["themes"])
    kept = list(data["keep"])
    new = [_document(upload, stored) for upload in data["files"]]
    page.downloads = [
        ResourceDownload(document=document, sort_order=n)
        for n, document in enumerate([*kept, *new])
    ]
    page.save_revision(log_action=True)
    proposal.typed = typed_text(data)
    proposal.save(update_fields=["typed"])
    # Resuming the workflow signals the submission: the committee is told, the decision cleared.
    state.resume(None)
