"""A French spelling dictionary, to tell a real word from a misspelling.

A word the library does not contain is either a typo (« cagnote », « transmetre ») or a real
French word the library happens not to use (« argent », « brouille »). Corrected as a typo, a
real word becomes another word (« l'argent » → « l'agents »), which tells a volunteer who
typed correctly to type something else. The query plan (`QueryPlan.with_bridges`) asks this
module which it is.

The dictionary is Hunspell's French one (Debian package `hunspell-fr`, read where Debian
installs it): a list of stems with flags (`chèque/S.()`) and the affix rules those flags name
(`S.`: add « s » for the plural). Only what a lookup needs is read: suffix rules (inflections:
plurals, feminines, conjugations); prefixes are elisions (« l' », « qu' »), which the analyzer
drops anyway. Everything is compared folded (lower case, no accents): volunteers type
« grele », « cheques ». Proper nouns (capitalized stems: « Agen », « Léa ») are left out: a typo
lands on a short name more often than a visitor asks for a name the library lacks.

Without the package, every word counts as unknown and search works as before. The files are
read once per process, at the first lookup (2.8 MB of files, about 10 MB in memory, 0.2 s);
a lookup is a few dictionary probes per ending of the word (microseconds).
"""

import re
import threading
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from search import analysis

_lock = threading.Lock()
_dictionaries = {}


class Dictionary:
    def __init__(self, stems, suffixes, need_affix, forbidden):
        self.stems = stems  # {folded stem: (flags of each entry, …)}
        self.suffixes = suffixes  # {folded ending added: [(flag, folded strip, condition)]}
        self.need_affix = need_affix
        self.forbidden = forbidden

    def _has(self, stem, flag=None):
        for flags in self.stems.get(stem, ()):
            if self.forbidden and self.forbidden in _pairs(flags):
                continue
            if flag is None:
                if not (self.need_affix and self.need_affix in _pairs(flags)):
                    return True
            elif flag in _pairs(flags):
                return True
        return False

    def knows(self, folded):
        if self._has(folded):
            return True
        for cut in range(len(folded) + 1):
            for flag, strip, condition in self.suffixes.get(folded[cut:], ()):
                stem = folded[:cut] + strip
                if stem and condition.search(stem) and self._has(stem, flag):
                    return True
        return False


@lru_cache(maxsize=512)
def _pairs(flags):
    """Long flags (`FLAG long`): two characters each."""
    return frozenset(flags[i : i + 2] for i in range(0, len(flags), 2))


@lru_cache(maxsize=4096)
def _condition(text):
    """A Hunspell condition (a regular expression's subset) on the end of the stem."""
    return re.compile("(?:" + (analysis.fold(text) if text != "." else ".") + ")$")


def _load(dic_path):
    aff_path = dic_path.with_suffix(".aff")
    suffixes, need_affix, forbidden = defaultdict(list), "", ""
    try:
        with open(aff_path, encoding="utf-8", errors="replace") as lines:
            for line in lines:
                parts = line.split()
                if not parts:
                    continue
                if parts[0] == "FLAG" and parts[1:2] != ["long"]:
                    return None  # another flag format than the French dictionary's
                if parts[0] == "NEEDAFFIX" and len(parts) > 1:
                    need_affix = parts[1]
                elif parts[0] == "FORBIDDENWORD" and len(parts) > 1:
                    forbidden = parts[1]
                elif parts[0] == "SFX" and len(parts) >= 5:
                    flag, strip, add, condition = parts[1], parts[2], parts[3], parts[4]
                    add = add.split("/", 1)[0]
                    suffixes[analysis.fold("" if add == "0" else add)].append(
                        (flag, analysis.fold("" if strip == "0" else strip), _condition(condition))
                    )
        stems, shared = {}, {}
        with open(dic_path, encoding="utf-8", errors="replace") as lines:
            next(lines, None)  # the number of entries
            for line in lines:
                entry = line.split(maxsplit=1)
                word, _slash, flags = entry[0].partition("/") if entry else ("", "", "")
                if not word or not word[0].islower():
                    continue
                # Most stems share a few sets of flags: each set is kept once (memory).
                key = analysis.fold(word)
                flags = (*stems.get(key, ()), flags)
                stems[key] = shared.setdefault(flags, flags)
    except OSError:
        return None
    return Dictionary(stems, dict(suffixes), need_affix, forbidden)


def _path():
    value = settings.SEARCH_DICTIONARY
    return Path(value) if value else None


def available():
    path = _path()
    return bool(path and path.is_file() and path.with_suffix(".aff").is_file())


def _dictionary():
    path = _path()
    if path is None:
        return None
    with _lock:
        if path not in _dictionaries:
            _dictionaries[path] = _load(path) if available() else None
        return _dictionaries[path]


@lru_cache(maxsize=8192)
def _knows(folded, path):
    dictionary = _dictionary()
    return dictionary is not None and dictionary.knows(folded)


def is_word(word):
    """True when `word` (as typed, accents or not) is a French word of the dictionary, in
    any of its inflections. False for a misspelling, and for every word without the
    dictionary."""
    folded = analysis.fold(word or "")
    if not folded.isalpha():
        return False
    return _knows(folded, _path())


def forget():
    """Read the files again at the next lookup (tests switch the setting)."""
    with _lock:
        _dictionaries.clear()
    _knows.cache_clear()
