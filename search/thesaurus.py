"""A general French thesaurus, used only to bridge words the library does not write.

LibreOffice's French thesaurus (Debian package `mythes-fr`, read where Debian installs it)
gives everyday synonyms: « brouille » → « désaccord », « taxe » → « impôt ». Used wholesale
it brings more noise than bridges (« papier » → « article, marchandise »), so the query plan
asks it only about a word the library lacks or hardly uses, and keeps only synonyms the
library does use (`query.choose_bridges`). Without the package, nothing is bridged and search
works as before.

The file is read once per process, at the first lookup (about 5 MB).
"""

import threading
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from search import analysis

# Synonyms looked at per word, in the thesaurus's order (its first meanings first).
MAX_SYNONYMS = 40

_lock = threading.Lock()
_tables = {}


def _path():
    value = settings.SEARCH_THESAURUS
    return Path(value) if value else None


def _load(path):
    """{folded headword: [its meanings' lines]}; synonyms are analyzed at lookup."""
    table = {}
    try:
        with open(path, encoding="utf-8", errors="replace") as lines:
            next(lines, None)  # the encoding line
            entry = None
            for line in lines:
                if line.startswith("("):
                    if entry is not None:
                        entry.append(line.rstrip("\n"))
                    continue
                entry = table.setdefault(analysis.fold(line.split("|", 1)[0]), [])
    except OSError:
        return {}
    return table


def available():
    path = _path()
    return bool(path and path.is_file())


def _table():
    path = _path()
    if path is None:
        return {}
    with _lock:
        if path not in _tables:
            _tables[path] = _load(path) if path.is_file() else {}
        return _tables[path]


@lru_cache(maxsize=4096)
def _synonym_terms(word, path):
    table = _table()
    folded = analysis.fold(word)
    # Headwords are singular: « taxes » is looked up as « taxe » when it has no entry.
    lines = table.get(folded) or (table.get(folded[:-1]) if folded[-1:] in ("s", "x") else None)
    own = set(analysis.terms(word))
    result, seen = [], set(own)
    for line in lines or ():
        # Nouns only: a verb's or an adverb's synonyms follow its many senses (« arrêter »
        # → « décider », « convaincre » → « décider »), a noun's mostly its one thing.
        if "Nom" not in line.split("|", 1)[0]:
            continue
        for synonym in line.split("|")[1:]:
            synonym = synonym.split("(", 1)[0].strip()
            found = analysis.terms(synonym) if synonym and " " not in synonym else []
            if len(found) == 1 and found[0] not in seen:
                seen.add(found[0])
                result.append((found[0], synonym))
            if len(result) >= MAX_SYNONYMS:
                return tuple(result)
    return tuple(result)


def synonyms(word):
    """((term, word as written), …): one-word synonyms of `word` (a headword, or its
    singular), in the thesaurus's order, as index terms. Empty without the thesaurus."""
    if not word:
        return ()
    return _synonym_terms(word.casefold(), _path())


def forget():
    """Read the file again at the next lookup (tests switch the setting)."""
    with _lock:
        _tables.clear()
    _synonym_terms.cache_clear()
