"""The movement's synonyms, expanded at query time.

Expanding queries rather than documents means an edit in the admin applies at once, to both
backends, without reindexing anything.
"""

import threading
from dataclasses import dataclass, field

from cachetools import TTLCache, cached

from search import analysis
from search.models import SynonymGroup

# The list shipped with the project (loaded by a data migration, then edited in the admin).
DEFAULT_GROUPS = [
    ("bande dessinée, bandes dessinées, BD, bédé", "BD est l'abréviation courante"),
    ("paysan, producteur, agriculteur, fermier, exploitant agricole", "Les métiers de la ferme"),
    ("amapien, adhérent, mangeur, consommateur, consom'acteur", "Les membres d'une AMAP"),
    (
        "cagnotte, caisse de solidarité, fonds de solidarité, fonds solidaire, caisse solidaire",
        "Les outils de solidarité financière",
    ),
    ("aléa, aléas climatiques, intempérie, calamité agricole, sinistre", "Les coups durs"),
    (
        "transmission de ferme, transmettre sa ferme, transmission agricole, cession de ferme, "
        "céder sa ferme, reprise de ferme, reprendre une ferme",
        "La transmission des fermes",
    ),
    ("cédant, repreneur", "Les deux côtés d'une transmission"),
    (
        "installation, s'installer, installation agricole, nouvel installé",
        "L'installation paysanne",
    ),
    ("porteur de projet, candidat à l'installation, futur paysan", "Avant l'installation"),
    ("RGPD, données personnelles, protection des données, vie privée", "Le règlement européen"),
    (
        "accessibilité alimentaire, précarité alimentaire, justice alimentaire, "
        "paniers solidaires, panier solidaire",
        "L'accès de tous à une alimentation choisie",
    ),
    ("prix différencié, prix solidaire, tarif solidaire, double tarif", "Les prix adaptés"),
    ("webinaire, visioconférence, web-conférence, vidéo", "Les réunions en ligne"),
    ("collectivité, commune, mairie, intercommunalité, élu", "Les pouvoirs publics locaux"),
    ("projet alimentaire territorial, PAT", "Abréviation courante"),
    ("charte, charte des AMAP", "Le texte de référence du mouvement"),
    ("distribution, livraison, permanence", "Le moment du panier"),
    ("contrat, engagement", "L'engagement réciproque"),
    ("bénévole, volontaire", "Les personnes qui donnent de leur temps"),
    ("logiciel libre, outil libre", "Le numérique choisi par le mouvement"),
    ("éducation populaire, sensibilisation", "Faire connaître les AMAP"),
    ("gouvernance, vie associative, conseil d'administration, collégiale", "Vie de l'association"),
    ("fiscalité, impôts, TVA", "Questions fiscales"),
    ("covid, confinement, crise sanitaire, pandémie", "La crise sanitaire de 2020"),
    ("FAQ, question, questions-réponses", "Les questions fréquentes"),
    # How visitors ask, bridged to how sheets are written (migration 0004, issue 13).
    ("créer, lancer, monter, démarrer, fonder", "Commencer une AMAP"),
    ("récolte, culture, production", "Ce que la ferme produit"),
    ("revenu, gagner, rémunération, salaire", "Ce que gagnent les paysan·nes"),
    (
        "nouvel adhérent, nouveaux adhérents, nouveau venu, arrivant, arriver, débutant",
        "Les personnes qui rejoignent une AMAP",
    ),
    ("papiers, documents, formulaire", "Les documents à remettre"),
    ("pauvre, précarité, précaire, modeste, faibles revenus", "Les foyers aux petits moyens"),
    # Second pass (migration 0005_everyday_synonyms, issue 13): everyday words, and the
    # words the thesaurus's bridges lead to.
    ("canicule, chaleur, fortes chaleurs, vague de chaleur", "Les épisodes de chaleur"),
    ("conflit, désaccord, différend, litige", "Les tensions dans une AMAP"),
    ("prix, tarif", "Le prix du panier"),
]

# How much a synonym weighs against the word the visitor typed.
SYNONYM_BOOST = 0.7
# Edits reach other processes within this many seconds; the saving process sees them at once.
CACHE_SECONDS = 30


@dataclass(frozen=True)
class SynonymTable:
    # First term of a phrase → the phrases (tuples of terms) starting with it, longest first.
    starts: dict
    # Phrase → every phrase of its groups (itself excluded).
    alternatives: dict
    # Phrase → its words as written in the group (engines that analyze text need them).
    texts: dict = field(default_factory=dict)

    def match(self, terms, start):
        """The longest known phrase at `terms[start:]`, or None."""
        for phrase in self.starts.get(terms[start], ()):
            if tuple(terms[start : start + len(phrase)]) == phrase:
                return phrase
        return None


def build_table(groups):
    starts, alternatives, texts = {}, {}, {}
    for group in groups:
        phrases = []
        for text in group:
            phrase = tuple(analysis.terms(text))
            if phrase and phrase not in phrases:
                phrases.append(phrase)
                texts.setdefault(phrase, text)
        for phrase in phrases:
            others = [p for p in phrases if p != phrase]
            if not others:
                continue
            alternatives.setdefault(phrase, [])
            alternatives[phrase].extend(p for p in others if p not in alternatives[phrase])
            starts.setdefault(phrase[0], set()).add(phrase)
    ordered = {k: sorted(v, key=len, reverse=True) for k, v in starts.items()}
    return SynonymTable(starts=ordered, alternatives=alternatives, texts=texts)


_cache = TTLCache(maxsize=1, ttl=CACHE_SECONDS)


@cached(_cache, lock=threading.Lock())
def current_table():
    """The table from the database, cached for a few seconds per process."""

    return build_table([g.term_list() for g in SynonymGroup.objects.filter(is_active=True)])


def invalidate(**_kwargs):
    """Forget the cached table (a synonym group was saved or deleted; tests)."""
    _cache.clear()
