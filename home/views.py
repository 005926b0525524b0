from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        # Search results are endless combinations of words and filters (search engines advise
        # keeping them out); the search page itself, without a query, may be crawled.
        "Disallow: /recherche/?",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def public_root_url(site):
    """The site's address as the public knows it: the Wagtail Site's host name and port once
    configured (Paramètres › Sites), else WAGTAILADMIN_BASE_URL (the default Site is
    « localhost », which no search engine can reach)."""
    if site is not None and site.hostname not in ("", "localhost", "127.0.0.1"):
        return site.root_url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


@require_safe
def sitemap(request):
    """Wagtail's sitemap, with every address on the site's configured host name."""
    from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
    from wagtail.models import Site

    response = wagtail_sitemap(request)
    response.render()
    site = Site.find_for_request(request)
    root = public_root_url(site)
    if site is not None and site.root_url != root:
        body = response.content.decode().replace(f"<loc>{site.root_url}/", f"<loc>{root}/")
        response.content = body.encode()
    return response
