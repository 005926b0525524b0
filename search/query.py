"""From what a visitor typed to what the engines look for: ONE plan for every backend.

The search service builds the plan once per query (`SearchQuery.plan`); each backend only
translates it for its engine. The query is cut into units: one word, a known multi-word
expression (`caisse de solidarité`), or a "quoted phrase". Each unit carries its
alternatives: the words as typed, then their synonyms. Close spellings of words the library
does not contain depend on the engine's vocabulary: a backend finds the candidates, the rules
here choose and weigh them (`close_spellings`, `QueryPlan.with_typos`), and the result is a
new plan (plans are immutable).

The ranking rules and their weights below are the same for every backend.
"""

import itertools
import re
import unicodedata
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from rapidfuzz.distance import OSA

from search import analysis, dictionary, synonyms, thesaurus

MAX_QUERY_CHARS = 300
MAX_UNITS = 16

# -- ranking rules, shared by every backend -----------------------------------------------
# Field weights: title first, then keywords (tags, themes), summary, body, attachments.
TEXT_FIELDS = {"title": 5.0, "keywords": 3.0, "summary": 2.5, "body": 1.0, "attachments": 0.4}
# A unit's score is its best field's, plus this share of the others' (dis_max tie breaker).
FIELD_TIE_BREAKER = 0.2
PHRASE_FIELDS = ("title", "summary", "body")
# Score bonuses that put every resource matching all the words above those matching some,
# and the exact phrase above scattered words (BM25 scores stay far below these).
ALL_WORDS_BONUS = 1000.0
PHRASE_BONUS = 500.0
# The exact phrase in the title puts a resource above those with it only in their text.
TITLE_PHRASE_BONUS = 300.0
# Each unit a resource matches adds this much: among resources matching some of the words of
# a long question, those covering more of it come first.
COVERAGE_BONUS = 100.0
# Words of a question found close together (a few positions apart, in any order) in one
# field add this much for each pair of neighbouring words of the question: among resources
# covering as much of it, those where its words stand together come first.
PROXIMITY_BONUS = 40.0
PROXIMITY_SLOP = 4
PROXIMITY_FIELDS = ("title", "summary", "body")
# The same neighbours within a title (at most TITLE_PAIR_SLOP words apart, either order) add
# more than one more word of the question found anywhere: a title is what a sheet is about
# (« modèle de contrat », « prix du panier »), where a question's filler verb (« trouver »,
# « faire ») may sit in any long text.
TITLE_PAIR_BONUS = 150.0
TITLE_PAIR_SLOP = 2
# A question (question words left out, or a question mark) with this many units or more needs
# only about half of them in a resource: its wording rarely matches a sheet's, so coverage
# and proximity rank, and strictness would leave out the sheet that answers it.
QUESTION_MIN_UNITS = 4
# How many values of each facet are counted.
FACET_SIZES = {
    "theme": 200,
    "type": 50,
    "audience": 100,
    "network": 1000,
    "year": 200,
    "licence": 50,
}
# The general thesaurus (search/thesaurus.py) bridges a word only where it cannot hurt: the
# word is in at most RARE_DOCS resources (0: absent; 1 was measured worse, a word in one
# resource drawing noise), is no typo, and only to at most MAX_BRIDGES of its synonyms that
# the library contains, weighing less than the movement's list.
THESAURUS_BOOST = 0.4
MAX_BRIDGES = 3
RARE_DOCS = 0
# Typos: at most this many close spellings per word, each weighing less the farther it is.
MAX_TYPO_CANDIDATES = 3
# A real French word the library lacks (search/dictionary.py) is no typo: its close spellings
# are searched only when the thesaurus has no bridge for it, weighing this share of a typo's
# (below the thesaurus's bridges), and never shown as a correction.
REAL_WORD_TYPO_SHARE = 0.5


def typo_distance_limit(term):
    """How many edits a close spelling of `term` may be: 1 for short words, else 2."""
    return 1 if len(term) <= 4 else 2


def present_required(count):
    """How many of the query's units the library must contain (as typed, through a synonym
    or a close spelling) for anything to be shown: more than half. Otherwise the answer is
    empty, with help, rather than noise around the one common word it has."""
    return count // 2 + 1


def partial_required(count):
    """A partial answer (no resource has the required words) shows resources matching at
    least half of the units, those covering more of the query first."""
    return max(1, (count + 1) // 2)


# Words that say how a visitor asks, not what about (« comment », « que faire si »): left out
# of a query that has other words, so they never decide what matches. Folded.
QUESTION_WORDS = frozenset(
    """
comment quel quels quelle quelles pourquoi combien quand ou quoi lequel laquelle lesquels
faire fait faut peut peux peuvent puis dois doit doivent veux voudrais aimerais pas
est-ce estce ce c ca cela ceci il t si quelqu quelqu un chose choses notre nos mon mes ma
avoir a ai as ont besoin svp merci aide aider idee idees conseil conseils exemple
""".split()  # noqa: SIM905 - a word list reads better as text
)


def _drop_question_words(tokens):
    kept = [t for t in tokens if analysis.fold(t.word) not in QUESTION_WORDS]
    # A query made only of such words (« comment faire ») is searched as typed.
    return kept if kept else tokens


def _is_question(text, tokens):
    """Asked as a question: a question word among the words, or a question mark."""
    return text.rstrip().endswith("?") or any(
        analysis.fold(t.word) in QUESTION_WORDS for t in tokens
    )


def respelling(typed, written, is_word):
    """Whether a suggestion that corrects another word of the query should also show `typed`
    as the library writes it (`written`, same index term): its accents given back (« grele »
    → « grêle »), or a misspelling the stemmer forgave (« grelle » → « grêle »: the search
    found the word, the suggestion should not repeat the typo). A real word (`is_word`) is
    left as typed, and so is anything farther than a typo."""
    typed_folded, written_folded = analysis.fold(typed), analysis.fold(written)
    if typed_folded == written_folded:
        return written != typed
    if is_word(typed):
        return False
    limit = typo_distance_limit(typed_folded)
    return OSA.distance(typed_folded, written_folded, score_cutoff=limit) <= limit


def typo_boost(distance):
    return 0.9 - 0.15 * distance


def close_spellings(term, candidates, limit=None):
    """[(candidate, distance, count)] of the (word, count) pairs within reach of `term`:
    closest first, then the most frequent, at most MAX_TYPO_CANDIDATES."""
    limit = min(typo_distance_limit(term), limit if limit is not None else 2)
    found = []
    for candidate, count in candidates:
        distance = OSA.distance(term, candidate, score_cutoff=limit)
        if distance <= limit:
            found.append((candidate, distance, count))
    found.sort(key=lambda c: (c[1], -c[2], c[0]))
    return found[:MAX_TYPO_CANDIDATES]


@dataclass(frozen=True)
class Unit:
    terms: tuple  # the analyzed words as typed
    words: tuple  # the same, as the visitor wrote them
    alternatives: tuple = ()  # ((terms tuple, boost), …), typed first, then synonyms
    quoted: bool = False
    # Close spellings of an unknown word: ((index term,), boost), added by `with_typos`.
    typos: tuple = ()
    # Positions of the typed words relative to the first (stopwords leave gaps), for phrases.
    offsets: tuple = ()
    # Each alternative's words as written (terms tuple → text): for engines that analyze
    # text themselves (Elasticsearch), so that their own analyzer meets their own index.
    texts: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    # The general thesaurus's synonyms of a typed word, ((term, written), …): candidates
    # only, until `QueryPlan.with_bridges` keeps those the library contains.
    thesaurus: tuple = ()
    # Thesaurus term → the movement's synonyms of that word ((terms, written), …): a bridge
    # to a word of the movement's list brings its group along (« brouille » → « désaccord »
    # → « conflit »).
    thesaurus_groups: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    bridged: bool = False  # thesaurus synonyms were added to the alternatives
    # The typed word is a French word of the spelling dictionary (search/dictionary.py):
    # when the library lacks it, it is not a typo (see `QueryPlan.with_typos`).
    real_word: bool = False

    @property
    def is_single(self):
        return len(self.terms) == 1

    @property
    def corrected(self):
        """The typed word is unknown: close spellings were added."""
        return bool(self.typos)

    @property
    def correction_shown(self):
        """Its close spellings are a correction to show (« Vouliez-vous dire… »): the word
        is a misspelling, not a real word the library lacks, nor bridged to synonyms."""
        return self.corrected and not self.real_word and not self.bridged

    @property
    def may_be_misspelt(self):
        """One typed word, long enough, not a number, not quoted: typos are looked for."""
        term = self.terms[0]
        return not self.quoted and self.is_single and len(term) >= 3 and not term.isdigit()


@dataclass(frozen=True)
class QueryPlan:
    text: str
    units: tuple
    phrase: tuple  # ((offset, term), …) of the whole unquoted query, for the phrase bonus
    phrase_text: str = ""  # the same words as written
    question: bool = False  # asked as a question (see `_is_question`)

    @property
    def is_empty(self):
        return not self.units

    @property
    def required(self):
        """How many units a resource must match (before relaxing to any one of them)."""
        return required_matches(len(self.units), self.question)

    @property
    def rewards_all_words(self):
        """Resources matching every unit get ALL_WORDS_BONUS, except for a long question
        (QUESTION_MIN_UNITS units or more): there, matching every unit mostly means matching
        its filler verbs too (« où trouver un modèle de contrat »), so coverage, proximity and
        titles rank."""
        if len(self.units) < 2:
            return False
        return not (self.question and len(self.units) >= QUESTION_MIN_UNITS)

    def proximity_pairs(self):
        """[(terms, texts)] of neighbouring single-word units of a question, for the proximity
        bonus: their typed terms (embedded) and words as written (Elasticsearch)."""
        if not self.question or len(self.units) < QUESTION_MIN_UNITS:
            return []
        words = [u for u in self.units if u.is_single and not u.quoted]
        return [
            (
                (a.terms[0], b.terms[0]),
                f"{a.texts.get(a.terms, a.words[0])} {b.texts.get(b.terms, b.words[0])}",
            )
            for a, b in itertools.pairwise(words)
        ]

    def thesaurus_terms(self):
        """Every term whose library frequency `with_bridges` needs: the thesaurus candidates
        and the typed words (with their movement synonyms) of the units that have some."""
        found = set()
        for unit in self.units:
            if unit.thesaurus:
                found.update(t for terms, _b in unit.alternatives for t in terms)
                found.update(term for term, _written in unit.thesaurus)
        return found

    def with_bridges(self, doc_freq):
        """A new plan where a word the library lacks or hardly uses (in at most RARE_DOCS
        resources, through itself or the movement's synonyms) also looks for its thesaurus
        synonyms that the library contains. `doc_freq(term)`: in how many resources.

        Typos are looked for first (`with_typos`). A real word of the spelling dictionary
        (`Unit.real_word`, « argent ») is bridged whatever its close spellings (« agents »):
        its bridges replace them. Otherwise (a misspelling, or no dictionary installed), a word
        one edit from a word of the library is a typo, not bridged; a word of the thesaurus
        whose close spellings are all two edits away is a real word the library lacks
        (« taxes » is not « tables »): its bridges replace those spellings."""
        units = list(self.units)
        for index, unit in enumerate(units):
            if not unit.thesaurus:
                continue
            if not unit.real_word and any(b >= typo_boost(1) for _t, b in unit.typos):
                continue
            known = max(min(doc_freq(t) for t in terms) for terms, _boost in unit.alternatives)
            if known > RARE_DOCS:
                continue
            bridges = [(term, written) for term, written in unit.thesaurus if doc_freq(term) > 0][
                :MAX_BRIDGES
            ]
            if not bridges:
                continue
            texts, added = dict(unit.texts), []
            for term, written in bridges:
                for terms, text in (((term,), written), *unit.thesaurus_groups.get(term, ())):
                    if terms not in texts:
                        texts[terms] = text
                        added.append((terms, THESAURUS_BOOST))
            units[index] = replace(
                unit,
                alternatives=unit.alternatives + tuple(added),
                texts=MappingProxyType(texts),
                typos=(),
                bridged=True,
            )
        return replace(self, units=tuple(units))

    def with_typos(self, typos):
        """A new plan where unit `i` also looks for the close spellings `typos[i]`
        ([(candidate, distance, count)], from `close_spellings`).

        A real French word the library lacks (« argent ») is not a typo of a word it has
        (« agents »): its close spellings weigh less (REAL_WORD_TYPO_SHARE), are never shown
        as a correction (`Unit.correction_shown`), and give way to the thesaurus's bridges
        when it has some (`with_bridges`). They are kept otherwise for real-word typos: a
        visitor who meant the library's « adhérent » and typed « adhérant » (a real word,
        the participle) still finds it, lower, without being told to type another word. We
        cannot tell from one word which was meant, and a wrong correction of a correct word
        costs more than a missed one: the results still show the library's word.

        A real word that the library's closest word starts with (« pop » for « populaire »,
        « educ pop ») is a word cut short, not another word: completed, as before."""
        units = list(self.units)
        for index, candidates in typos.items():
            if candidates:
                unit = units[index]
                typed, closest = analysis.fold(unit.words[0]), candidates[0][0]
                real = unit.real_word and not (
                    len(closest) > len(typed) and closest.startswith(typed)
                )
                share = REAL_WORD_TYPO_SHARE if real else 1.0
                units[index] = replace(
                    unit,
                    real_word=real,
                    typos=tuple(
                        ((c,), typo_boost(distance) * share) for c, distance, _n in candidates
                    ),
                )
        return replace(self, units=tuple(units))

    def match_terms(self):
        """Every term whose occurrences a snippet should mark."""
        found = set()
        for unit in self.units:
            for terms, _boost in unit.alternatives + unit.typos:
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
    units, phrase, phrase_text, question = [], [], "", text.rstrip().endswith("?")
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
                    alternatives=((terms, 1.0),),
                    quoted=True,
                    offsets=tuple(t.position - tokens[0].position for t in tokens),
                    texts=MappingProxyType({terms: part.strip()}),
                )
            )
            continue
        question = question or _is_question(part, tokens)
        tokens = _drop_question_words(tokens)
        if not phrase:  # the exact-phrase bonus looks at the first unquoted part
            phrase = [(t.position - tokens[0].position, t.term) for t in tokens]
            phrase_text = part[tokens[0].start : tokens[min(len(tokens), MAX_UNITS) - 1].end]
        units.extend(_units(tokens, table, part))
    return QueryPlan(
        text=text,
        units=tuple(units[:MAX_UNITS]),
        phrase=tuple(phrase[:MAX_UNITS]),
        phrase_text=phrase_text if phrase else "",
        question=question,
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
        single = size == 1 and len(terms_typed[0]) >= 3 and not terms_typed[0].isdigit()
        bridges = thesaurus.synonyms(group[0].word) if single else ()
        units.append(
            Unit(
                terms=terms_typed,
                words=tuple(t.word for t in group),
                alternatives=tuple(alternatives),
                offsets=tuple(t.position - group[0].position for t in group),
                texts=MappingProxyType(texts),
                thesaurus=bridges,
                real_word=dictionary.is_word(group[0].word) if single else False,
                thesaurus_groups=MappingProxyType(
                    {
                        term: tuple(
                            (alt, table.texts.get(alt, " ".join(alt)))
                            for alt in table.alternatives[(term,)]
                        )
                        for term, _written in bridges
                        if (term,) in table.alternatives
                    }
                ),
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


def required_matches(count, question=False):
    """How many units a resource must match: all of one or two words, then all but one; a
    question of QUESTION_MIN_UNITS units or more, half of them (ranking does the rest)."""
    if count <= 2:
        return count
    if question and count >= QUESTION_MIN_UNITS:
        return partial_required(count)
    return count - 1
