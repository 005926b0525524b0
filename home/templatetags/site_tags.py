"""Template helpers of the public site: French typography, players loaded on demand,
citations and structured data."""

import json
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

from django import template
from django.http import QueryDict
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext as _

from home import typography
from resources.sizes import french_size

register = template.Library()


@register.filter(is_safe=True)
def typo(value):
    """French non-breaking spaces before : ; ! ? and inside « »."""
    return typography.typographie(value)


_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_PEERTUBE_WATCH = re.compile(r"^/(?:videos/watch|w)/([A-Za-z0-9-]{6,40})/?$")


@register.filter
def file_size(value):
    """A file size in French decimal units (resources.sizes)."""
    return french_size(value)


@register.filter
def player_url(url):
    """The embeddable player of a video address, for the known hosts; "" otherwise.
    Only used once the visitor asks for the player: nothing loads from the host before."""
    try:
        parts = urlsplit(url or "")
    except ValueError:
        return ""
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    if parts.scheme != "https":
        return ""
    video_id = ""
    if host == "youtube.com" and parts.path == "/watch":
        video_id = (parse_qs(parts.query).get("v") or [""])[0]
    elif host == "youtu.be":
        video_id = parts.path.strip("/")
    if video_id:
        return (
            f"https://www.youtube-nocookie.com/embed/{video_id}"
            if _YOUTUBE_ID.match(video_id)
            else ""
        )
    if host == "vimeo.com" and parts.path.strip("/").isdigit():
        return f"https://player.vimeo.com/video/{parts.path.strip('/')}"
    match = _PEERTUBE_WATCH.match(parts.path)
    if match:  # PeerTube instances, the movement's favourite hosts
        return f"https://{parts.hostname}/videos/embed/{match.group(1)}"
    return ""


def _full_url(page, request):
    # The address the visitor used (the Site record may still say "localhost").
    if request is not None:
        return request.build_absolute_uri(page.get_url(request))
    return page.get_full_url() or ""


@register.simple_tag(takes_context=True)
def citation(context, page):
    """« Pour citer » line: who, what, when, where, under which licence."""
    request = context.get("request")
    parts = []
    if page.network_id:
        parts.append(page.network.name)
    parts.append(f"« {page.title} »")
    parts.append(str(page.kind_label).lower())
    if page.year:
        parts.append(str(page.year))
    parts.append("AMAP'artage")
    parts.append(_full_url(page, request))
    line = ", ".join(parts)
    if page.licence_id:
        line += " " + _("(licence %(licence)s)") % {"licence": page.licence.name}
    return typography.typographie(line + ".")


def _json_script(data):
    # json.dumps escapes nothing HTML cares about: keep "</script>" and friends inert.
    text = json.dumps(data, ensure_ascii=False, indent=None)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


@register.simple_tag(takes_context=True)
def resource_json_ld(context, page, image_url=""):
    """schema.org data for search engines and other libraries: a CreativeWork with its licence,
    a VideoObject for a video, a FAQPage for a question-answer. The work's year is when it was
    made (dateCreated); the page's first publication here is datePublished."""
    request = context.get("request")
    page = page.specific
    kind = getattr(page, "KIND", "")
    data = {
        "@context": "https://schema.org",
        "@type": {"video": "VideoObject", "faq": "FAQPage"}.get(kind, "CreativeWork"),
        "name": page.title,
        "description": page.summary,
        "url": _full_url(page, request),
        "inLanguage": "fr",
        "genre": str(page.kind_label),
        "keywords": ", ".join(t.name for t in page.themes.all()),
    }
    if page.year:
        data["dateCreated"] = str(page.year)
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.date().isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.date().isoformat()
    if page.network_id:
        data["author"] = {"@type": "Organization", "name": page.network.name}
        if page.network.website:
            data["author"]["url"] = page.network.website
    if page.licence_id:
        data["license"] = page.licence.url or page.licence.name
    audiences = [a.name for a in page.audiences.all()]
    if audiences:
        data["audience"] = [{"@type": "Audience", "audienceType": a} for a in audiences]
    if image_url:
        data["image"] = image_url
    if kind == "video":
        # Google asks a VideoObject for a thumbnail and an upload date.
        if image_url:
            data["thumbnailUrl"] = image_url
        recorded = getattr(page, "recorded_on", None)
        uploaded = recorded or (page.first_published_at and page.first_published_at.date())
        if uploaded:
            data["uploadDate"] = uploaded.isoformat()
        if getattr(page, "duration_minutes", None):
            data["duration"] = f"PT{page.duration_minutes}M"
        if page.external_url:
            data["embedUrl"] = page.external_url
    elif kind == "faq":
        answer = strip_tags(str(page.body.render_as_block())).strip() or page.summary
        data["mainEntity"] = [
            {
                "@type": "Question",
                "name": page.title,
                "acceptedAnswer": {"@type": "Answer", "text": " ".join(answer.split())},
            }
        ]
    return _json_script(data)


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    if not url or url.startswith(("http://", "https://")) or request is None:
        return url or ""
    return request.build_absolute_uri(url)


def _print_address(href, request):
    """The full address a link prints as, or "" for in-page, mail and phone links."""
    try:
        parts = urlsplit(href)
    except ValueError:
        return ""
    if parts.scheme in ("http", "https"):
        return href
    if parts.scheme or parts.netloc or not parts.path or not request:
        return ""
    return request.build_absolute_uri(href)


_LINK_HREF = re.compile(r'<a\b[^>]*?\shref="([^"]*)"', re.IGNORECASE)


def print_urls(html, request):
    """Links of body text carry their full address in `data-print-url`, which the print
    stylesheet writes after them: a page link's own href would print as « /ressources/… »."""

    def add(match):
        if "data-print-url" in match.group(0):
            return match.group(0)
        address = _print_address(unescape(match.group(1)), request)
        return f'{match.group(0)} data-print-url="{escape(address)}"' if address else match.group(0)

    marked = _LINK_HREF.sub(add, str(html))
    return mark_safe(marked) if isinstance(html, SafeData) else marked  # noqa: S308 (was safe)


@register.simple_tag(takes_context=True)
def with_print_urls(context, html):
    """Rich text with print addresses (print_urls); a block rendered without a request (for
    structured data or the index) gets outside links' only."""
    return print_urls(html, context.get("request"))


@register.simple_tag(takes_context=True)
def print_url(context, href):
    """The `data-print-url` attribute of one link written in a template (see print_urls)."""
    address = _print_address(href or "", context.get("request"))
    return format_html(' data-print-url="{}"', address) if address else ""


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None or "" removes one)."""
    request = context.get("request")
    query = QueryDict(mutable=True) if request is None else request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return format_html("?{}", encoded) if encoded else "?"
