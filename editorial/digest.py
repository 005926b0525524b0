"""The monthly digest to each network's contributors: what of theirs was published and
downloaded last month, what awaits them, and the themes the committee asks for."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Page, WorkflowState

from downloads.models import DownloadDay
from moderation import notifications
from moderation import status as review_status
from resources.models import ResourcePage

from .models import DigestPreference, DigestSent, WantedTheme
from .report import bounds

TOP_DOWNLOADS = 5


def previous_month(today=None):
    today = today or timezone.localdate()
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def recipients():
    """Active accounts linked to a network, with an address, who did not turn the digest off."""
    opted_out = DigestPreference.objects.filter(monthly_digest=False).values("user")
    return (
        get_user_model()
        .objects.filter(is_active=True, network_memberships__isnull=False)
        .exclude(email="")
        .exclude(pk__in=opted_out)
        .distinct()
        .order_by("pk")
    )


def network_news(network, month):
    start, after = bounds(month, month)
    resources = ResourcePage.objects.filter(network=network)
    published = list(
        resources.live()
        .filter(first_published_at__gte=start, first_published_at__lt=after)
        .order_by("first_published_at", "pk")
    )
    downloads = DownloadDay.objects.filter(
        resource__network=network, day__gte=start.date(), day__lt=after.date()
    )
    top = list(
        downloads.values("resource__title")
        .annotate(n=Sum("count"))
        .order_by("-n", "resource__title")[:TOP_DOWNLOADS]
    )
    # Sent back by the committee after a review date, and not confirmed nor republished since.
    sent_back = review_status.open_update_requests(resources.live().values_list("pk", flat=True))
    sent_back_pages = [
        (page, sent_back[page.pk]) for page in resources.filter(pk__in=sent_back).order_by("title")
    ]
    needs_changes = _needs_changes(resources)
    review_due = list(
        resources.live()
        .filter(review_date__lte=timezone.localdate())
        .exclude(pk__in=sent_back)
        .order_by("review_date", "pk")
    )
    return {
        "network": network,
        "published": [(page, notifications.absolute(page.get_url())) for page in published],
        "downloads_total": downloads.aggregate(n=Sum("count"))["n"] or 0,
        "top_downloads": [(row["resource__title"], row["n"]) for row in top],
        "sent_back": [(page, entry, _edit_url(page)) for page, entry in sent_back_pages],
        "needs_changes": [(page, _edit_url(page)) for page in needs_changes],
        "review_due": [(page, _edit_url(page)) for page in review_due],
    }


def _edit_url(page):
    return notifications.absolute(reverse("wagtailadmin_pages:edit", args=[page.pk]))


def _needs_changes(resources):
    """Resources whose latest review asked for changes, not submitted again since."""
    ids = {str(pk): pk for pk in resources.values_list("pk", flat=True)}
    latest = {}
    states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page), object_id__in=list(ids)
    ).order_by("created_at", "pk")
    for object_id, status in states.values_list("object_id", "status"):
        latest[object_id] = status
    pks = [ids[o] for o, status in latest.items() if status == WorkflowState.STATUS_NEEDS_CHANGES]
    return list(resources.filter(pk__in=pks).order_by("title"))


def has_news(news):
    return any(
        news[key]
        for key in ("published", "downloads_total", "sent_back", "needs_changes", "review_due")
    )


def render(user, month):
    """(subject, text, html) of this user's digest, or None when there is nothing to say."""
    networks = [m.network for m in user.network_memberships.select_related("network")]
    sections = [news for news in (network_news(n, month) for n in networks) if has_news(news)]
    wanted = list(WantedTheme.objects.select_related("theme"))
    if not sections and not wanted:
        return None
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "user": user,
        "month": month,
        "sections": sections,
        "wanted": wanted,
        "settings_url": notifications.absolute(reverse("wagtailadmin_account")),
        "propose_url": notifications.absolute(reverse("moderation:propose")),
    }
    with translation.override("fr"):
        subject = " ".join(render_to_string("editorial/emails/digest_subject.txt", context).split())
        text = render_to_string("editorial/emails/digest.txt", context).strip() + "\n"
        html = render_to_string("editorial/emails/digest.html", context)
    return subject, text, html


def send_digests(month, dry_run=False, log=print):
    """Sends this month's digest to whoever has not had it; returns how many were sent."""
    sent = 0
    already = set(DigestSent.objects.filter(month=month).values_list("user_id", flat=True))
    for user in recipients():
        if user.pk in already:
            continue
        message = render(user, month)
        if message is None:
            continue
        subject, text, html = message
        if dry_run:
            log(f"{user.email} : {subject}")
            sent += 1
            continue
        try:
            # Recorded first: a second run, even a concurrent one, never sends it twice.
            with transaction.atomic():
                DigestSent.objects.create(user=user, month=month)
        except IntegrityError:
            continue
        notifications.send_email_task.enqueue(subject, text, html, [user.email])
        log(f"{user.email} : {subject}")
        sent += 1
    return sent
