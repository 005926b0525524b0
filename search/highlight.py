"""Snippets: the passage of a resource where the searched words are, words in <mark>.

Works on the original text with the same analyzer as the index, so `accessibilite` marks
`accessibilité` and `paysan·ne` marks `paysannes`. Everything is escaped; only <mark> is
HTML.

Snippets are made for every hit of every search, so they must be cheap: running the whole
analyzer over each body costs tens of milliseconds a page. Instead the text is folded with a
one-to-one character table (offsets are kept), a single regular expression finds the words
that start like a searched term, and only those few words are stemmed to confirm them.
"""

import re
from functools import lru_cache

from django.utils.html import escape

from search import analysis

WINDOW_CHARS = 260
CONTEXT_BEFORE = 40
PREFIX_LENGTH = 4


def _fold_table():
    """Lower case without accents, one character for one, so that offsets stay valid."""
    table = {}
    for code in range(0x41, 0x250):
        char = chr(code)
        folded = analysis.fold(char)
        if len(folded) == 1 and folded != char:
            table[code] = folded
    table[ord("œ")] = "o"
    table[ord("Œ")] = "o"
    table[ord("æ")] = "a"
    table[ord("Æ")] = "a"
    return table


FOLD_TABLE = _fold_table()
# The rest of a word as the tokenizer sees it, inclusive-writing separators included.
_WORD_REST = r"\w*(?:[·•∙⋅.\-(]\w+\)?)*"


@lru_cache(maxsize=512)
def _candidate_pattern(terms):
    """Words starting like one of the terms (stems may have been rewritten past their first
    letters: `producteur` for `productrice`, so only a prefix is required)."""
    prefixes = sorted({t[:PREFIX_LENGTH] for t in terms if t}, key=len, reverse=True)
    if not prefixes:
        return None
    alternatives = "|".join(re.escape(p) for p in prefixes)
    return re.compile(rf"(?<!\w)(?:{alternatives}){_WORD_REST}")


@lru_cache(maxsize=50_000)
def _word_terms(word):
    """The index terms of one word (usually one; none for a stopword)."""
    return frozenset(token.term for token in analysis.analyze(word))


def _matches(text, match_terms):
    """[(start, end)] of the words of `text` that the searched terms match."""
    pattern = _candidate_pattern(frozenset(match_terms))
    if pattern is None or not text:
        return []
    folded = text.translate(FOLD_TABLE)
    found = []
    for candidate in pattern.finditer(folded):
        start, end = candidate.span()
        if _word_terms(text[start:end]) & match_terms:
            found.append((start, end))
    return found


def highlight_text(text, match_terms, start=0, end=None, matches=None):
    """`text[start:end]` escaped, with the matching words wrapped in <mark>."""
    end = len(text) if end is None else end
    out, cursor = [], start
    if matches is None:
        matches = _matches(text, frozenset(match_terms))
    for word_start, word_end in matches:
        if word_start < start or word_end > end:
            continue
        out.append(escape(text[cursor:word_start]))
        out.append(f"<mark>{escape(text[word_start:word_end])}</mark>")
        cursor = word_end
    out.append(escape(text[cursor:end]))
    return "".join(out)


def _best_window(text, matches, match_terms):
    """(start, end, distinct terms) of the window with the most distinct matched terms."""
    best = None
    for index, (first_start, _first_end) in enumerate(matches):
        inside = [m for m in matches[index:] if m[1] <= first_start + WINDOW_CHARS]
        distinct = len({t for s, e in inside for t in _word_terms(text[s:e]) & match_terms})
        score = (distinct, len(inside))
        if best is None or score > best[0]:
            best = (score, first_start, inside[-1][1])
    (distinct, _count), start, end = best
    return start, end, distinct


def snippet(texts, match_terms, max_chars=WINDOW_CHARS):
    """The best passage among `texts` (in order of preference when equally good)."""
    match_terms = frozenset(match_terms)
    best = None
    for text in texts:
        matches = _matches(text, match_terms)
        if not matches:
            continue
        start, end, distinct = _best_window(text, matches, match_terms)
        if best is None or distinct > best[0]:
            best = (distinct, text, start, end, matches)
    if best is None:
        return ""
    _distinct, text, first, last, matches = best
    # Some context before the first match, cut on a space; then as much as fits.
    start = max(0, first - CONTEXT_BEFORE)
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else start
    end = min(len(text), max(last, start + max_chars))
    if end < len(text):
        space = text.rfind(" ", last, end)
        end = space if space > 0 else end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    passage = highlight_text(text, match_terms, start, end, matches)
    return f"{prefix}{' '.join(passage.split())}{suffix}"
