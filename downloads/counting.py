"""One count per visitor, per resource, per day, with no personal data kept.

A visitor is recognised only within a day, by an HMAC of (address, browser, resource, day)
under a random key drawn for that day. The address is never stored; the key is deleted the
next day with the day's marks, after which nobody (us included) can tell whose download a
mark was. No cookie is set. What stays is a per-resource, per-day count.
"""

import hashlib
import hmac
import re
import secrets

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from downloads.models import DailyKey, DownloadDay, DownloadMark
from operations.client_ip import client_ip
from operations.params import optional_id
from resources.models import ResourcePage

# Crawlers, link checkers and preview fetchers are not readers.
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|preview|monitor|checker|"
    r"curl|wget|python-requests|httpx|go-http-client",
    re.IGNORECASE,
)


def is_bot(user_agent):
    return not user_agent or bool(BOT_PATTERN.search(user_agent))


def todays_key(today):
    key = DailyKey.objects.filter(day=today).values_list("key", flat=True).first()
    if key:
        return key
    try:
        with transaction.atomic():
            key = DailyKey.objects.create(day=today, key=secrets.token_hex(32)).key
    except IntegrityError:  # another request drew today's key first
        return DailyKey.objects.get(day=today).key
    # A new day: forget yesterday's key and marks for good.
    DailyKey.objects.filter(day__lt=today).delete()
    DownloadMark.objects.filter(day__lt=today).delete()
    return key


def visitor_digest(key, request, resource_id, today):
    message = "\n".join(
        [
            client_ip(request),
            request.META.get("HTTP_USER_AGENT", ""),
            str(resource_id),
            today.isoformat(),
        ]
    )
    return hmac.new(key.encode(), message.encode(), hashlib.sha256).hexdigest()


def resource_for(document, request):
    """The published resource a download belongs to: the one named in the link (?ressource=)
    if it really offers this document, else the oldest one that does."""
    candidates = ResourcePage.objects.live().public().filter(downloads__document=document)
    hint = optional_id(request.GET.get("ressource", ""))
    if hint is not None:
        chosen = candidates.filter(pk=hint).first()
        if chosen is not None:
            return chosen
    return candidates.order_by("pk").first()


def record_download(request, document):
    """Count a download that is being served. Returns True if it was counted."""
    if request.method != "GET" or is_bot(request.META.get("HTTP_USER_AGENT", "")):
        return False
    if request.headers.get("Sec-Purpose", "").startswith("prefetch"):
        return False
    resource = resource_for(document, request)
    if resource is None:
        return False
    today = timezone.localdate()
    digest = visitor_digest(todays_key(today), request, resource.pk, today)
    with transaction.atomic():
        try:
            with transaction.atomic():
                DownloadMark.objects.create(day=today, digest=digest)
        except IntegrityError:
            return False  # already counted today for this visitor
        updated = DownloadDay.objects.filter(resource=resource, day=today).update(
            count=models.F("count") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    DownloadDay.objects.create(resource=resource, day=today, count=1)
            except IntegrityError:  # created meanwhile by a concurrent download
                DownloadDay.objects.filter(resource=resource, day=today).update(
                    count=models.F("count") + 1
                )
    return True
