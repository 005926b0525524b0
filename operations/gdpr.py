"""What the library holds about one e-mail address: exported on request, erased on request.

Where personal data can be, and what each command does with it:

| where | export | erase |
| --- | --- | --- |
| proposals (`moderation.Proposal`): name, address, consent | listed | deleted |
| accounts with that address: names, groups, networks, logins | listed | deleted |
| their revisions, log entries, workflow steps | listed, counted | author set to nobody |
| their comments and replies in the editor | listed | deleted (with the account) |
| files they uploaded | listed by title | uploader set to nobody |
| failed login records (django-axes) for that account | listed | deleted |
| their open sessions | counted | deleted |
| resources whose text mentions the address | listed | reported, to be edited by hand |
| search queries kept (promotion hits, zero results) with its parts (*) | listed | deleted (**) |

(*) the address, its local part (`jean.dupont`) or its words (`jean dupont`), in Wagtail's
search promotions (`Query` and its daily hits) and the zero-result report. (**) a query the
editors attached a promotion to is their own words: reported, not deleted.

Never held, so never exported nor erased: addresses of visitors (download counts keep a
daily keyed hash only), search queries tied to a person (only words are kept, never a query
that looks like it holds an e-mail or a phone number, never a token with digits:
`search.service.words_to_keep`; a name typed in the box may still be kept, hence the row
above), e-mails waiting in a queue (the embedded default sends at once). The public search
index holds only what published resources show.
"""

import re

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Comment, CommentReply, ModelLogEntry, PageLogEntry, Revision

from search.analysis import fold


def _proposals(email):
    from moderation.models import Proposal

    return Proposal.objects.filter(contributor_email__iexact=email)


def _accounts(email):
    return get_user_model().objects.filter(email__iexact=email)


def _sessions_of(user_ids):
    ids = {str(pk) for pk in user_ids}
    found = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") in ids:
            found.append(session)
    return found


def _axes_records(usernames):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return [
        model.objects.filter(username__in=usernames)
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    ]


def _mentions(email):
    """Resources whose stored text contains the address (a contact line, say)."""
    from resources.models import ResourcePage

    pages = ResourcePage.objects.filter(
        Q(summary__icontains=email) | Q(body__icontains=email) | Q(title__icontains=email)
    )
    mentions = [page.specific for page in pages]
    from resources.models import ExperienceSheetPage

    mentions += list(
        ExperienceSheetPage.objects.filter(contact_details__icontains=email).exclude(
            pk__in=[p.pk for p in mentions]
        )
    )
    return mentions


def _query_patterns(email):
    """What of an address a stored search query could hold: the address itself (kept
    verbatim before queries were filtered), its local part, its words."""
    local = email.split("@", 1)[0].strip().lower()
    words = " ".join(re.split(r"[^\w]+|_", local)).split()
    patterns = {email.lower(), local, " ".join(words)}
    return {p for p in patterns if len(p) >= 3}


def _stored_queries(email):
    from wagtail.contrib.search_promotions.models import Query

    from search.models import ZeroResultQuery

    patterns = _query_patterns(email)
    if not patterns:
        return Query.objects.none(), ZeroResultQuery.objects.none()
    promoted, zero = Q(), Q()
    for pattern in patterns:
        promoted |= Q(query_string__icontains=pattern)
        zero |= Q(query__icontains=pattern) | Q(query__icontains=fold(pattern))
    return Query.objects.filter(promoted), ZeroResultQuery.objects.filter(zero)


def export(email):
    """Everything held about `email`, as a JSON-ready dict."""
    from resources.models import ResourceDocument, ResourceImage

    email = email.strip()
    accounts = list(_accounts(email).prefetch_related("groups"))
    user_ids = [u.pk for u in accounts]
    usernames = [u.username for u in accounts]
    data = {
        "email": email,
        "exported_at": timezone.now().isoformat(),
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
        ],
        "accounts": [
            {
                "username": u.username,
                "first_name": u.first_name,
                "last_name": u.last_name,
                "email": u.email,
                "date_joined": u.date_joined.isoformat(),
                "last_login": u.last_login and u.last_login.isoformat(),
                "groups": [g.name for g in u.groups.all()],
                "networks": list(u.network_memberships.values_list("network__name", flat=True))
                if hasattr(u, "network_memberships")
                else [],
            }
            for u in accounts
        ],
        "revisions": [
            {"object": r.object_str, "created_at": r.created_at.isoformat()}
            for r in Revision.objects.filter(user_id__in=user_ids).order_by("created_at")
        ],
        "log_entries": (
            PageLogEntry.objects.filter(user_id__in=user_ids).count()
            + ModelLogEntry.objects.filter(user_id__in=user_ids).count()
        ),
        "comments": [c.text for c in Comment.objects.filter(user_id__in=user_ids)]
        + [r.text for r in CommentReply.objects.filter(user_id__in=user_ids)],
        "uploaded_files": [
            d.title for d in ResourceDocument.objects.filter(uploaded_by_user_id__in=user_ids)
        ]
        + [i.title for i in ResourceImage.objects.filter(uploaded_by_user_id__in=user_ids)],
        "failed_logins": [
            {"when": str(getattr(row, "attempt_time", "")), "address": row.ip_address}
            for queryset in _axes_records(usernames)
            for row in queryset
        ],
        "open_sessions": len(_sessions_of(user_ids)),
        "mentioned_in_resources": [{"title": p.title, "url": p.url} for p in _mentions(email)],
    }
    queries, zero_results = _stored_queries(email)
    data["search_queries"] = [
        {"query": q.query_string, "hits": q.hits} for q in queries.order_by("query_string")
    ] + [
        {"query": z.query, "day": z.day.isoformat(), "count": z.count}
        for z in zero_results.order_by("day", "query")
    ]
    return data


@transaction.atomic
def erase(email):
    """Erase what is held about `email`; returns what was done and what is left to a person."""
    from resources.models import ResourceDocument, ResourceImage

    email = email.strip()
    accounts = list(_accounts(email))
    user_ids = [u.pk for u in accounts]
    usernames = [u.username for u in accounts]
    report = {"proposals": _proposals(email).delete()[0]}
    # Authorship goes; the history of the content itself stays (who did it becomes nobody).
    report["revisions"] = Revision.objects.filter(user_id__in=user_ids).update(user=None)
    report["log_entries"] = PageLogEntry.objects.filter(user_id__in=user_ids).update(
        user=None
    ) + ModelLogEntry.objects.filter(user_id__in=user_ids).update(user=None)
    for model in (ResourceDocument, ResourceImage):
        model.objects.filter(uploaded_by_user_id__in=user_ids).update(uploaded_by_user=None)
    sessions = _sessions_of(user_ids)
    for session in sessions:
        session.delete()
    report["sessions"] = len(sessions)
    report["failed_logins"] = sum(queryset.delete()[0] for queryset in _axes_records(usernames))
    for account in accounts:
        profile = getattr(account, "wagtail_userprofile", None)
        if profile is not None and profile.avatar:
            profile.avatar.delete(save=False)
        account.delete()  # comments, memberships, profile go with it
    report["accounts"] = len(accounts)
    report["mentioned_in_resources"] = [p.title for p in _mentions(email)]
    queries, zero_results = _stored_queries(email)
    # A query the editors attached a promotion to is their own words: reported, not deleted.
    report["search_queries_promoted"] = list(
        queries.filter(editors_picks__isnull=False)
        .distinct()
        .values_list("query_string", flat=True)
    )
    report["search_queries"] = (
        queries.filter(editors_picks__isnull=True)
        .delete()[1]
        .get("wagtailsearchpromotions.Query", 0)
        + zero_results.delete()[0]
    )
    return report
