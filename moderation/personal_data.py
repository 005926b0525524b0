"""What moderation holds about a person, for the GDPR export and erasure (operations.gdpr):
the proposals sent through the public form (name, address, consent)."""

from operations.gdpr import PersonalData

from .models import Proposal


def _proposals(email):
    return Proposal.objects.filter(contributor_email__iexact=email)


def export(email):
    return {
        "proposals": [
            {
                "name": p.contributor_name,
                "email": p.contributor_email,
                "consent_at": p.consent_at.isoformat(),
                "submitted_at": p.submitted_at.isoformat(),
                "decision": p.decision,
                "decided_at": p.decided_at and p.decided_at.isoformat(),
                "resource": p.page.title if p.page_id else None,
            }
            for p in _proposals(email).select_related("page")
        ]
    }


def erase(email):
    return {"proposals": _proposals(email).delete()[0]}


PROPOSALS = PersonalData(export=export, erase=erase)
