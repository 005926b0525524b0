"""File sizes as French readers write them, in decimal units: « 850 octets », « 39,7 Ko »,
« 1,2 Mo ». One writing for the site's pages, the upload limits and the refusals (Django's
`filesizeformat` says « Mio », beside « Mo » on the pages)."""

from django.utils.translation import gettext as _


def french_size(value):
    try:
        size = int(value)
    except (TypeError, ValueError):
        return ""
    if size < 1000:
        return _("%(n)s octets") % {"n": size}
    # French units, not translated (gettext would turn « Go » into « Envoyer »).
    for unit, scale in (("Ko", 1000), ("Mo", 1000**2), ("Go", 1000**3)):
        if size < scale * 1000 or unit == "Go":
            number = f"{size / scale:.1f}".rstrip("0").rstrip(".").replace(".", ",")
            return f"{number}\u00a0{unit}"
    return ""
