"""A proposal becomes a draft resource in the review workflow, its files private, and the
volunteer's name and e-mail kept beside it (never on the page) until the purge."""

import datetime
import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from resources import importing, privacy
from resources.models import KINDS, ResourceDocument, ResourceDownload, get_resource_index

from . import notifications
from .models import Proposal


class ProposalError(Exception):
    """The library cannot take proposals (no resource index); the message is French."""


def create(data):
    """Write the proposal from a valid form's cleaned data; returns the Proposal."""
    index = get_resource_index()
    if index is None:
        raise ProposalError(_("La bibliothèque n'accepte pas de propositions pour le moment."))
    spec = importing.ResourceSpec(
        line=0,
        source_id=None,
        kind=data["kind"],
        title=data["title"],
        summary=data["summary"],
        body=data["body"],
        themes=[t.slug for t in data["themes"]],
        licence=data["licence"].slug,
    )
    importer = importing.Importer(index_page=index)
    stored = []
    try:
        with transaction.atomic():
            page = KINDS[spec.kind](slug=importer._free_slug(spec.title), live=False)
            for name, value in importer.target_fields(spec).items():
                setattr(page, name, value)
            page.network = data["network"]
            page.licence = data["licence"]
            page.themes = list(data["themes"])
            page.downloads = [
                ResourceDownload(document=_document(upload, stored), sort_order=n)
                for n, upload in enumerate(data["files"])
            ]
            index.add_child(instance=page)
            page.save_revision(log_action=True)
            proposal = Proposal.objects.create(
                page=page,
                contributor_name=data["contributor_name"],
                contributor_email=data["contributor_email"],
                consent_at=timezone.now(),
                typed=typed_text(data),
            )
            workflow = page.get_workflow()
            if workflow is not None:
                workflow.start(page, None)
            if acknowledgement_allowed(proposal.contributor_email):
                # Anyone can type any address: the acknowledgement carries nothing the
                # visitor wrote but the title, and goes at most once a day to an address.
                notifications.send(
                    "received",
                    {
                        "title": page.title,
                        "kind_label": page.kind_label,
                        "network": page.network,
                        "retention_months": settings.PROPOSAL_RETENTION_MONTHS,
                    },
                    [proposal.contributor_email],
                )
    except Exception:
        for fieldfile in stored:
            fieldfile.storage.delete(fieldfile.name)
        raise
    return proposal


def acknowledgement_allowed(email):
    """True once a day per address (a hash of it is the cache key, not the address)."""
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return cache.add(f"moderation.proposal.ack:{digest}", 1, timeout=24 * 3600) is not False


def typed_text(data):
    """What the volunteer typed (slugs for the choices), kept to fill their form again."""
    return {
        "kind": data["kind"],
        "title": data["title"],
        "summary": data["summary"],
        "body": data["body"],
        "themes": [t.slug for t in data["themes"]],
        "licence": data["licence"].slug,
        "network": data["network"].slug if data["network"] else "",
    }


def _document(upload, stored):
    name = os.path.basename(upload.name)
    document = ResourceDocument(
        title=importing._humanize_filename(Path(name)),
        collection=privacy.pending_collection(),
    )
    upload.seek(0)
    document.file.save(name, upload, save=False)
    stored.append(document.file)
    document.save()
    return document


def purge(now=None, months=None):
    """Erase the volunteers' data N months after the decision, or once the resource is gone.
    Returns the number of proposals erased."""
    now = now or timezone.now()
    months = settings.PROPOSAL_RETENTION_MONTHS if months is None else months
    limit = _months_before(now, months)
    # A resource sent back then submitted again is undecided again (decided_at cleared).
    expired = Proposal.objects.filter(decided_at__lte=limit) | Proposal.objects.filter(
        page__isnull=True
    )
    count, _details = expired.delete()
    return count


def _months_before(moment, months):
    month = moment.month - months
    year = moment.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for day in (moment.day, 30, 29, 28):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return moment - datetime.timedelta(days=30 * months)
