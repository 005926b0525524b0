"""Snippets: the passage of a resource where the searched words are, words in <mark>.

Works on the original text with the same analyzer as the index, so `accessibilite` marks
`accessibilité` and `paysan·ne` marks `paysannes`. Everything is escaped; only <mark> is
HTML.
"""

from django.utils.html import escape

from search import analysis

WINDOW_WORDS = 32


def _best_window(tokens, match_terms):
    """(start index, end index) of the window of tokens with the most distinct matches."""
    matches = [i for i, t in enumerate(tokens) if t.term in match_terms]
    if not matches:
        return None, 0
    best, best_score = (matches[0], matches[0]), (0, 0)
    for first in matches:
        inside = [i for i in matches if first <= i < first + WINDOW_WORDS]
        score = (len({tokens[i].term for i in inside}), len(inside))
        if score > best_score:
            best, best_score = (first, inside[-1]), score
    return best, best_score[0]


def highlight_text(text, match_terms, start=0, end=None):
    """`text[start:end]` escaped, with the matching words wrapped in <mark>."""
    end = len(text) if end is None else end
    out, cursor = [], start
    for token in analysis.analyze(text[start:end]):
        if token.term in match_terms:
            out.append(escape(text[cursor : start + token.start]))
            out.append(f"<mark>{escape(text[start + token.start : start + token.end])}</mark>")
            cursor = start + token.end
    out.append(escape(text[cursor:end]))
    return "".join(out)


def snippet(texts, match_terms, max_chars=260):
    """The best passage among `texts` (in order of preference when equally good)."""
    best = None
    for text in texts:
        if not text:
            continue
        tokens = analysis.analyze(text)
        window, distinct = _best_window(tokens, match_terms)
        if window is None:
            continue
        if best is None or distinct > best[0]:
            best = (distinct, text, tokens, window)
    if best is None:
        return ""
    _distinct, text, tokens, (first, last) = best
    # Some context before the first match, then as much as fits.
    start_token = max(0, first - 6)
    start = tokens[start_token].start if start_token else 0
    end = min(len(text), max(tokens[last].end, start + max_chars))
    # Cut on a word boundary.
    if end < len(text):
        space = text.rfind(" ", tokens[last].end, end)
        end = space if space > 0 else end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    passage = highlight_text(text, match_terms, start, end)
    return f"{prefix}{' '.join(passage.split())}{suffix}"
