"""What the library holds about one e-mail address: exported on request, erased on request.

Where personal data can be, and what each command does with it:

| where | export | erase |
| --- | --- | --- |
| proposals (`moderation.Proposal`): name, address, consent (*) | listed | deleted |
| accounts with that address: names, groups, networks, logins | listed | deleted |
| their revisions, log entries, workflow steps | listed, counted | author set to nobody |
| their comments and replies in the editor | listed | deleted (with the account) |
| files they uploaded | listed by title | uploader set to nobody |
| failed login records (django-axes) for that account | listed | deleted |
| their open sessions | counted | deleted |
| resources whose text mentions the address | listed | reported, to be edited by hand |
| search queries kept (promotion hits, zero results), parts (*) (**) | listed | deleted (***) |

(*) Held by an app built on this one, which says so through the `register_personal_data` hook
(`PersonalData`): the proposals (moderation), the stored queries (search).
(**) the address, its local part (`jean.dupont`) or its words (`jean dupont`), in Wagtail's
search promotions (`Query` and its daily hits) and the zero-result report. (***) a query the
editors attached a promotion to is their own words: reported, not deleted.

Never held, so never exported nor erased: addresses of visitors (download counts keep a
daily keyed hash only), search queries tied to a person (only words are kept, never a query
that looks like it holds an e-mail or a phone number, never a token with digits:
`search.service.words_to_keep`; a name typed in the box may still be kept, hence the row
above), e-mails waiting in a queue (the embedded default sends at once). The public search
index holds only what published resources show.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wagtail import hooks
from wagtail.models import Comment, CommentReply, ModelLogEntry, PageLogEntry, Revision

from resources.models import ExperienceSheetPage, ResourceDocument, ResourceImage, ResourcePage


@dataclass(frozen=True)
class PersonalData:
    """What one app holds about an address. `export(email)` returns a dict merged into the
    export; `erase(email)` erases it and returns a dict merged into the report. Apps register
    one with the `register_personal_data` hook (a function returning a PersonalData)."""

    export: Callable[[str], dict]
    erase: Callable[[str], dict]


def registered():
    return [fn() for fn in hooks.get_hooks("register_personal_data")]


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
    pages = ResourcePage.objects.filter(
        Q(summary__icontains=email) | Q(body__icontains=email) | Q(title__icontains=email)
    )
    mentions = [page.specific for page in pages]
    mentions += list(
        ExperienceSheetPage.objects.filter(contact_details__icontains=email).exclude(
            pk__in=[p.pk for p in mentions]
        )
    )
    return mentions


def export(email):
    """Everything held about `email`, as a JSON-ready dict."""
    email = email.strip()
    accounts = list(_accounts(email).prefetch_related("groups"))
    user_ids = [u.pk for u in accounts]
    usernames = [u.username for u in accounts]
    data = {
        "email": email,
        "exported_at": timezone.now().isoformat(),
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
    for part in registered():
        data.update(part.export(email))
    return data


@transaction.atomic
def erase(email):
    """Erase what is held about `email`; returns what was done and what is left to a person."""
    email = email.strip()
    accounts = list(_accounts(email))
    user_ids = [u.pk for u in accounts]
    usernames = [u.username for u in accounts]
    report = {}
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
    for part in registered():
        report.update(part.erase(email))
    return report
