"""French text analysis, as volunteers write and type it.

One analyzer for indexing and querying, so that both sides meet on the same terms:

    text ─ tokenize (words, with character offsets and positions)
         ─ inclusive writing collapsed  (paysan·ne·s → paysans, formateur.rice → formateur)
         ─ elisions dropped             (l'AMAP → amap, d'accessibilité → accessibilité)
         ─ lower case, accents folded   (Accessibilité → accessibilite)
         ─ French stopwords dropped     (positions kept, so phrases still line up)
         ─ Snowball French stemmer, with feminine forms brought to the masculine
           (paysanne → paysan, productrice → producteur, porteuse → porteur)

Accents are folded *before* stemming: a visitor typing `accessibilite` must meet the text's
`accessibilité`, and Snowball stems the two spellings differently. Folding loses what
Snowball reads from accents (`installée`, `fermière`), so a few rewrites put that back on
the folded word first.

The Elasticsearch backend declares the same steps as an ES analyzer (documents.py); both are
tested against the same French cases.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# Word characters, plus the separators of inclusive writing when they sit inside a word.
_PLAIN_WORD_RE = re.compile(r"\w+")
_TOKEN_RE = re.compile(r"\w+(?:[·•∙⋅.\-(]\w+\)?)*", re.UNICODE)
# Inclusive writing: a base word, a separator, a feminine ending, maybe a plural mark.
INCLUSIVE_SUFFIXES = (
    "e|es|ne|nes|nne|nnes|le|les|lle|lles|te|tes|tte|ttes|se|ses|euse|euses|rice|rices|trice|"
    "trices|ice|ices|ère|ères|ere|eres|ière|ières|ve|ves|ive|ives|fe|fes|x|s"
)
_INCLUSIVE_RE = re.compile(
    rf"^(?P<base>\w+?)[·•∙⋅.\-(](?P<suffix>{INCLUSIVE_SUFFIXES})\)?(?:[·•∙⋅.\-(]?(?P<plural>s)\)?)?$",
    re.IGNORECASE,
)
ELISIONS = frozenset(
    {
        "l",
        "d",
        "j",
        "m",
        "n",
        "s",
        "t",
        "c",
        "qu",
        "jusqu",
        "lorsqu",
        "puisqu",
        "quoiqu",
        "presqu",
        "quelqu",
    }
)

# Folded. Short on purpose: words like "pas", "plus" or "sans" can carry meaning in a query.
STOPWORDS = frozenset(
    """
a au aux avec ce ces cet cette d dans de des du elle elles en et eux il ils je l la le les
leur leurs lui m ma mais me mes moi mon n ne nos notre nous on ou par pour qu que qui s sa
se ses son sur t ta te tes toi ton tu un une vos votre vous y est sont etre ete etait
""".split()  # noqa: SIM905 - a word list reads better as text
)

_STEMMER = snowballstemmer.stemmer("french")

_MAX_WORD = 40


@dataclass(frozen=True, slots=True)
class Token:
    term: str  # the analyzed form (folded, stemmed)
    position: int  # word position, stopwords counted, so that phrases line up
    start: int  # character offsets in the original text
    end: int
    word: str  # the surface word, lower case, accents kept (for suggestions)


def fold(text):
    """Lower case without accents: `Élu·es` → `elu·es`, `œuvre` → `oeuvre`."""
    text = text.casefold().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def _fold_word(word):
    # Words repeat: a library of 10k resources has a few tens of thousands of distinct ones.
    return fold(word)


def _collapse_inclusive(word):
    """`paysan·ne·s` → `paysans`; `formateur.rice` → `formateur`; other words unchanged."""
    match = _INCLUSIVE_RE.match(word)
    if not match:
        return word
    base, suffix = match.group("base"), match.group("suffix").lower()
    plural = match.group("plural") or (suffix.endswith("s") and suffix not in {"s"} and "s")
    if suffix == "s":  # `ami·s`: just a plural mark
        plural = "s"
    if len(base) < 2:
        return word
    return base + ("s" if plural else "")


# Rewrites on the folded word, before stemming, for what Snowball reads from accents.
_PRE_STEM = [
    (re.compile(r"(?<=\w{3})ee(s?)$"), r"e\1"),  # installee → installe, salariees → salaries
    (re.compile(r"(?<=\w{3})iere(s?)$"), r"ier\1"),  # premiere → premier, fermieres → fermiers
    (re.compile(r"(?<=\w{4})ere(s?)$"), r"er\1"),  # maraichere → maraicher
]
# Rewrites on the stem: feminine to masculine, and a few verb/noun families.
_POST_STEM = [
    (re.compile(r"(?<=\w{2})nn$"), "n"),  # paysann → paysan
    (re.compile(r"(?<=\w{2})tric$"), "teur"),  # productric → producteur
    (re.compile(r"(?<=\w{2})eux$"), "eur"),  # porteux (porteuse) → porteur
    (re.compile(r"(?<=\w{3})(?:mettr|mett|miss|mis)$"), "m"),  # transmettre/transmission/transmis
    (re.compile(r"(?<=\w{2})arit$"), "air"),  # solidarité → solidaire, précarité → précaire
    (re.compile(r"(?<=\w{2})([ai])bilit$"), r"\1bl"),  # accessibilité → accessible
]


@lru_cache(maxsize=200_000)
def stem(folded_word):
    """The index term of one folded word."""
    word = folded_word
    for pattern, replacement in _PRE_STEM:
        word = pattern.sub(replacement, word)
    stemmed = _STEMMER.stemWord(word)
    if stemmed == word and len(word) >= 4 and word[-1] == "s" and word[-2] != "s":
        # Snowball leaves short words whole: `elus` would not meet `elu`.
        stemmed = _STEMMER.stemWord(word[:-1])
    word = stemmed
    for pattern, replacement in _POST_STEM:
        word = pattern.sub(replacement, word)
    return word


def _words(text):
    """(surface word, start, end) for every word, inclusive-writing forms kept whole."""
    for match in _TOKEN_RE.finditer(text):
        chunk, start = match.group(), match.start()
        if chunk.isalnum():  # a plain word, by far the most common case
            yield chunk, start, match.end()
            continue
        collapsed = _collapse_inclusive(chunk)
        if collapsed is not chunk:
            yield collapsed, start, match.end()
            continue
        # Not an inclusive form: split on the separators (`Auvergne-Rhône-Alpes`, `1.5`).
        for part in _PLAIN_WORD_RE.finditer(chunk):
            yield part.group(), start + part.start(), start + part.end()


def analyze(text):
    """The tokens of `text`, in order."""
    tokens = []
    position = 0
    for word, start, end in _words(text or ""):
        folded = _fold_word(word)
        if "_" in folded:
            folded = folded.replace("_", "")
        if not folded or len(folded) > _MAX_WORD:
            position += 1
            continue
        if folded in ELISIONS and end < len(text) and text[end] in "'’ʼ":
            continue  # the article of an elision does not count as a word
        if folded in STOPWORDS or (len(folded) == 1 and not folded.isdigit()):
            position += 1
            continue
        tokens.append(Token(stem(folded), position, start, end, word.lower()))
        position += 1
    return tokens


def terms(text):
    """Only the index terms of `text`."""
    return [token.term for token in analyze(text)]


def edge_ngrams(text, low=2, high=15):
    """Prefixes of each folded word, for autocomplete as you type."""
    grams = []
    for word, _start, _end in _words(text or ""):
        folded = _fold_word(word)
        grams.extend(folded[:n] for n in range(low, min(len(folded), high) + 1))
    return grams
