"""The orders a visitor can choose, under one name everywhere: `?sort=` on the listings and
in search, with the values of the public search API (../shared/search-api.md)."""

from django.utils.translation import gettext_lazy as _

SORTS = {
    "relevance": _("Pertinence"),
    "date": _("Les plus récentes"),
    "title": _("Titre (A → Z)"),
    "downloads": _("Les plus téléchargées"),
}
# Listings have no words to be relevant to; they offer these, the first by default.
LISTING_SORTS = ("date", "downloads")
# Listings used to say `?tri=recent` or `?tri=telechargements`: shared links keep working.
OLD_PARAMETER = "tri"
OLD_NAMES = {"recent": "date", "telechargements": "downloads"}


def listing_sort(query):
    """The listing order a query string asks for (`sort`, else the old `tri`); anything
    unknown gets the default order rather than an error: a listing has no error to show."""
    value = query.get("sort", "")
    if not value:
        old = query.get(OLD_PARAMETER, "")
        value = OLD_NAMES.get(old, old)
    return value if value in LISTING_SORTS else LISTING_SORTS[0]
