"""French regions, as networks name them (the import format's `region`)."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

REGIONS = [
    ("Auvergne-Rhône-Alpes", _("Auvergne-Rhône-Alpes")),
    ("Bourgogne-Franche-Comté", _("Bourgogne-Franche-Comté")),
    ("Bretagne", _("Bretagne")),
    ("Centre-Val de Loire", _("Centre-Val de Loire")),
    ("Corse", _("Corse")),
    ("Grand Est", _("Grand Est")),
    ("Hauts-de-France", _("Hauts-de-France")),
    ("Île-de-France", _("Île-de-France")),
    ("Normandie", _("Normandie")),
    ("Nouvelle-Aquitaine", _("Nouvelle-Aquitaine")),
    ("Occitanie", _("Occitanie")),
    ("Pays de la Loire", _("Pays de la Loire")),
    ("Provence-Alpes-Côte d'Azur", _("Provence-Alpes-Côte d'Azur")),
    ("Guadeloupe", _("Guadeloupe")),
    ("Martinique", _("Martinique")),
    ("Guyane", _("Guyane")),
    ("La Réunion", _("La Réunion")),
    ("Mayotte", _("Mayotte")),
]

# Regions as they were named before 2016, as the old AMAP'artage still has them.
OLD_REGIONS = {
    "alsace": "Grand Est",
    "champagne-ardenne": "Grand Est",
    "lorraine": "Grand Est",
    "aquitaine": "Nouvelle-Aquitaine",
    "limousin": "Nouvelle-Aquitaine",
    "poitou-charentes": "Nouvelle-Aquitaine",
    "auvergne": "Auvergne-Rhône-Alpes",
    "rhone-alpes": "Auvergne-Rhône-Alpes",
    "bourgogne": "Bourgogne-Franche-Comté",
    "franche-comte": "Bourgogne-Franche-Comté",
    "languedoc-roussillon": "Occitanie",
    "midi-pyrenees": "Occitanie",
    "nord-pas-de-calais": "Hauts-de-France",
    "picardie": "Hauts-de-France",
    "basse-normandie": "Normandie",
    "haute-normandie": "Normandie",
    "centre": "Centre-Val de Loire",
    "paca": "Provence-Alpes-Côte d'Azur",
    "reunion": "La Réunion",
}


def _key(value):
    # slugify folds accents, case, spaces and apostrophes alike.
    return slugify(value.replace("'", " ").replace("’", " "))


_CANONICAL = {_key(name): name for name, _label in REGIONS} | OLD_REGIONS


def canonical_region(value):
    """The region's current canonical name (accents, case and old names forgiven), or None."""
    return _CANONICAL.get(_key(value))
