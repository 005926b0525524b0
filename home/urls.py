"""Machine access to the site: feeds, sitemap, robots.txt, the read-only pages API."""

from django.urls import include, path

from wagtail.api.v2.router import WagtailAPIRouter

from home import feeds, views
from home.api import CheckedPagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
# Read-only, and only what the public site shows: the pages endpoint lists live, public
# pages; images and documents endpoints are left out.
api_router.register_endpoint("pages", CheckedPagesAPIViewSet)

feed_patterns = (
    [
        path("", feeds.NewResourcesFeed(), name="resources_rss"),
        path("atom/", feeds.NewResourcesAtomFeed(), name="resources_atom"),
        path("themes/<slug:slug>/", feeds.ThemeFeed(), name="theme_rss"),
        path("themes/<slug:slug>/atom/", feeds.ThemeAtomFeed(), name="theme_atom"),
    ],
    "feeds",
)

urlpatterns = [
    path("flux/", include(feed_patterns)),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("api/v2/", api_router.urls),
]
