"""From what a visitor typed to what the engines look for (the same plan for every backend).

The query is cut into units: one word, a known multi-word expression (`caisse de
solidarité`), or a "quoted phrase". Each unit carries its alternatives: the words as typed,
then their synonyms, and (added by the backend, which knows the vocabulary) close spellings
of words the library does not contain.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from search import analysis, synonyms

MAX_QUERY_CHARS = 300
MAX_UNITS = 16


@dataclass
class Unit:
    terms: tuple  # the analyzed words as typed
    words: tuple  # the same, as the visitor wrote them
    alternatives: list = field(default_factory=list)  # [(terms tuple, boost)], typed first
    quoted: bool = False
    corrected: bool = False  # the typed words are unknown: alternatives are close spellings
    # Positions of the typed words relative to the first (stopwords leave gaps), for phrases.
    offsets: tuple = ()
    # Each alternative's words as written (terms tuple → text): for engines that analyze
    # text themselves (Elasticsearch), so that their own analyzer meets their own index.
    texts: dict = field(default_factory=dict)

    @property
    def is_single(self):
        return len(self.terms) == 1


@dataclass
class QueryPlan:
    text: str
    units: list
    phrase: list  # [(offset, term)] of the whole unquoted query, for the exact-phrase bonus
    phrase_text: str = ""  # the same words as written

    @property
    def is_empty(self):
        return not self.units

    def match_terms(self):
        """Every term whose occurrences a snippet should mark."""
        found = set()
        for unit in self.units:
            for terms, _boost in unit.alternatives:
                found.update(terms)
        return found

    def corrected_text(self, corrections):
        """The query with each misspelt word replaced (a `{word: correction}` dict)."""
        text = self.text
        for word, replacement in corrections.items():
            text = re.sub(
                rf"(?<!\w){re.escape(word)}(?!\w)", replacement, text, flags=re.IGNORECASE
            )
        return text


def clean(text):
    """Control characters out, length bounded: any input becomes a harmless query."""
    text = "".join(
        " " if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co") else c
        for c in (text or "")[: MAX_QUERY_CHARS * 4]
    )
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def plan(text, table=None):
    text = clean(text)
    table = table if table is not None else synonyms.current_table()
    units, phrase, phrase_text = [], [], ""
    # Odd segments between double quotes are phrases; an unclosed quote is just text.
    segments = text.replace("«", '"').replace("»", '"').replace("“", '"').replace("”", '"')
    parts = segments.split('"')
    if len(parts) % 2 == 0:
        parts = [" ".join(parts)]
    for index, part in enumerate(parts):
        tokens = analysis.analyze(part)
        if not tokens:
            continue
        if index % 2 == 1:
            terms = tuple(t.term for t in tokens)
            units.append(
                Unit(
                    terms=terms,
                    words=tuple(t.word for t in tokens),
                    alternatives=[(terms, 1.0)],
                    quoted=True,
                    offsets=tuple(t.position - tokens[0].position for t in tokens),
                    texts={terms: part.strip()},
                )
            )
            continue
        if not phrase:  # the exact-phrase bonus looks at the first unquoted part
            phrase = [(t.position - tokens[0].position, t.term) for t in tokens]
            phrase_text = part[tokens[0].start : tokens[min(len(tokens), MAX_UNITS) - 1].end]
        units.extend(_units(tokens, table, part))
    return QueryPlan(
        text=text,
        units=units[:MAX_UNITS],
        phrase=phrase[:MAX_UNITS],
        phrase_text=phrase_text if phrase else "",
    )


def _units(tokens, table, part):
    terms = [t.term for t in tokens]
    units, i = [], 0
    while i < len(tokens):
        phrase = table.match(terms, i)
        if phrase:
            size = len(phrase)
            alternatives = [(phrase, 1.0)] + [
                (alt, synonyms.SYNONYM_BOOST) for alt in table.alternatives[phrase]
            ]
        else:
            size = 1
            alternatives = [((terms[i],), 1.0)]
        group = tokens[i : i + size]
        terms_typed = tuple(t.term for t in group)
        texts = {alt: table.texts.get(alt, " ".join(alt)) for alt, _boost in alternatives[1:]}
        texts[terms_typed] = part[group[0].start : group[-1].end]
        units.append(
            Unit(
                terms=terms_typed,
                words=tuple(t.word for t in group),
                alternatives=alternatives,
                offsets=tuple(t.position - group[0].position for t in group),
                texts=texts,
            )
        )
        i += size
    # A word repeated in the query counts once.
    unique, seen = [], set()
    for unit in units:
        if unit.terms not in seen:
            seen.add(unit.terms)
            unique.append(unit)
    return unique


def required_matches(count):
    """How many units a resource must match: all of one or two words, then all but one."""
    if count <= 2:
        return count
    return count - 1
