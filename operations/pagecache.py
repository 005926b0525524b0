"""A page cache for anonymous visitors, cleared whenever the library changes.

Cached: successful GET and HEAD answers to anonymous visitors that set no cookie and allow
caching. Never cached: the admin, previews, anything for a logged-in user, pages with a form
(they set the CSRF cookie), search results (marked no-cache), downloads (served as files),
answers that vary on a request header the key does not hold (the pages API: Vary: Accept).

Invalidation is by generation: every key carries a counter, and publishing, unpublishing,
deleting or moving a page, or changing a theme, a network or a site setting bumps it, so
every listing, theme and network page is fresh at once. With Redis (REDIS_URL) the counter
is shared by every worker; with the in-memory cache of the embedded default, other processes
see the change within PAGE_CACHE_SECONDS at most.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.cache import cc_delim_re, get_max_age

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from resources.models import Audience, Licence, Network, Theme
from resources.sorting import LISTING_SORTS

GENERATION_KEY = "pagecache:generation"
EXCLUDED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/fichiers-prives/",
    "/static/",
    "/media/",
    "/proposer/",
)
# The query parameters cached pages read, and the values worth a cached variant: listings'
# page numbers (up to 99) and sort orders. Any other parameter, value or repetition is
# answered fresh and stored nowhere, so that made-up URLs (`/?x=1`, `/?x=2`…) cannot fill
# the cache shared with the rate limits. Activity filters and search facets are computed
# live.
CACHED_QUERY_VALUES = {
    "page": re.compile(r"[1-9][0-9]?").fullmatch,
    "sort": frozenset(LISTING_SORTS).__contains__,
}
# Request headers an answer may vary on and still be cached under the URL alone: the key
# holds the host, anonymous visitors are all alike whatever their cookies, the site speaks
# one language and compression is the server's business. Anything else (the pages API varies
# on Accept: HTML for a browser, JSON for a program) would let one visitor choose what the
# others get.
HARMLESS_VARY = frozenset({"accept-encoding", "accept-language", "cookie", "host"})


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(GENERATION_KEY, value, None)
    return value


def clear(**_kwargs):
    """Every cached page is stale from now on."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet
        cache.set(GENERATION_KEY, 2, None)


def _canonical_query(request):
    """The query string as a sorted, validated tuple, or None if it makes no cached variant."""
    pairs = []
    for name, values in request.GET.lists():
        check = CACHED_QUERY_VALUES.get(name)
        if check is None or len(values) != 1 or not check(values[0]):
            return None
        pairs.append((name, values[0]))
    return tuple(sorted(pairs))


def _key(request):
    query = "&".join(f"{name}={value}" for name, value in _canonical_query(request))
    raw = f"{request.get_host()}|{request.path}?{query}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"pagecache:{generation()}:{digest}"


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not request.path_info.startswith(EXCLUDED_PREFIXES)
        and _canonical_query(request) is not None
        and settings.PAGE_CACHE_SECONDS > 0
    )


def _cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("no-cache", "no-store", "private")):
        return False
    vary = {h.strip().lower() for h in cc_delim_re.split(response.get("Vary", "")) if h.strip()}
    if not vary <= HARMLESS_VARY:
        return False
    max_age = get_max_age(response)
    return max_age is None or max_age > 0


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Cache"] = "HIT"
            return cached
        response = self.get_response(request)
        if _cacheable_response(response):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            response["X-Cache"] = "MISS"
        return response


def connect():
    page_published.connect(clear, dispatch_uid="pagecache_published")
    page_unpublished.connect(clear, dispatch_uid="pagecache_unpublished")
    post_page_move.connect(clear, dispatch_uid="pagecache_moved")
    for model in (Theme, Network, Audience, Licence):
        clear_when_changed(model)
    # Deleting a live page sends no unpublish signal: any page deleted clears the cache.
    post_delete.connect(_on_delete, dispatch_uid="pagecache_page_deleted")


def clear_when_changed(model):
    """Every cached page may show this model's rows (a menu, a label): changing one clears."""
    post_save.connect(clear, sender=model, dispatch_uid=f"pagecache_save_{model.__name__}")
    post_delete.connect(clear, sender=model, dispatch_uid=f"pagecache_del_{model.__name__}")


def clear_when_settings_saved(model):
    """The same for a site setting, registered by the app that defines it (home)."""
    post_save.connect(
        _on_settings_saved, sender=model, dispatch_uid=f"pagecache_settings_{model.__name__}"
    )


def _on_settings_saved(sender, instance, created=False, **kwargs):
    # Wagtail creates a site's settings, empty, the first time a page asks for them.
    if not created:
        clear()


def _on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        clear()
