"""The search document as Elasticsearch indexes it: an `elasticsearch.dsl` Document built from
the neutral `ResourceIndexDocument` (search/documents.py), with analyzers that reproduce
search/analysis.py step by step as far as Elasticsearch allows (README, « Elasticsearch »):

  char filters   elisions dropped (`l'`, `d'`, `qu'`…), inclusive writing collapsed (two
                 pattern_replace: plural, singular), then the separators analysis.py
                 splits on and the standard tokenizer would keep (`1.5`, `www.amap.fr`)
                 turned into spaces
  tokenizer      standard (UAX#29)
  filters        lowercase → asciifolding → `_` removed → length 1..40 → our stopwords →
                 single letters → pre-stem rewrites → a final `s` after a vowel removed
                 (what analysis.stem retries) → Snowball French → post-stem rewrites

Elisions are a char filter rather than the `elision` token filter: the token filter keeps
the token's offsets, so a snippet would mark `L'accessibilité` whole; a char filter's
offsets are corrected, and the mark starts after the apostrophe, as in analysis.py.

Accents are folded before stemming, as in analysis.py. `stemmer` with language `french`
is Lucene's *light* French stemmer: the Snowball one is `snowball`, language `French`.
"""

from datetime import UTC, datetime, timedelta

from elasticsearch.dsl import (
    DateNanos,
    Document,
    Keyword,
    Long,
    MetaField,
    Text,
    analyzer,
    char_filter,
    token_filter,
)

from search import analysis as _analysis

ES_SCHEMA_VERSION = 1
ES_DEFAULT_INDEX = "amapartage-resources"
# Deep pages: the service answers up to MAX_OFFSET + MAX_PAGE_SIZE (service.py).
ES_MAX_RESULT_WINDOW = 10_100
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

_SEPARATORS = "[·•∙⋅.\\-(]"  # analysis._INCLUSIVE_RE's separators, as a Java/Python class
_SUFFIXES = _analysis.INCLUSIVE_SUFFIXES.split("|")
_PLURAL_SUFFIXES = "|".join(s for s in _SUFFIXES if s.endswith("s"))
_SINGULAR_SUFFIXES = "|".join(s for s in _SUFFIXES if not s.endswith("s"))
# A whole analysis.py chunk: not inside a run of words joined by separators on either side.
_CHUNK_START = f"(?<!\\w)(?<!\\w{_SEPARATORS})"
_CHUNK_END = f"(?!\\w)(?!{_SEPARATORS}\\w)"


def java_regex(pattern, flags=""):
    """A pattern for Elasticsearch (java.util.regex): Unicode classes as in Python."""
    return f"(?{flags}U){pattern}"


# `l'AMAP`, `d’accessibilité`, `qu'elle` → the article and its apostrophe go.
ELISION = {
    "pattern": java_regex(f"(?<!\\w)(?:{'|'.join(sorted(_analysis.ELISIONS))})['’ʼ]", "i"),
    "replacement": "",
}
# `paysan·ne·s`, `ami·e·s`, `agriculteur.rice.s` → base + s (the ending says plural).
INCLUSIVE_PLURAL = {
    "pattern": java_regex(
        f"{_CHUNK_START}(\\w{{2,}}){_SEPARATORS}"
        f"(?:(?:{_analysis.INCLUSIVE_SUFFIXES})\\)?{_SEPARATORS}?s|(?:{_PLURAL_SUFFIXES}))\\)?"
        f"{_CHUNK_END}",
        "i",
    ),
    "replacement": "$1s",
}
# `paysan·ne`, `formateur.rice`, `élu(e)` → base.
INCLUSIVE_SINGULAR = {
    "pattern": java_regex(
        f"{_CHUNK_START}(\\w{{2,}}){_SEPARATORS}(?:{_SINGULAR_SUFFIXES})\\)?{_CHUNK_END}", "i"
    ),
    "replacement": "$1",
}
# What analysis.py splits words on and UAX#29 joins them by (`1.5`, `a·b`, `x:y`, `2,5`).
WORD_SEPARATORS = {"pattern": java_regex("(?<=\\w)[.·:,](?=\\w)"), "replacement": " "}


def _java_rules(rules):
    """analysis.py's (compiled pattern, `\\1` replacement) rules as pattern_replace settings."""
    return [
        {"pattern": pattern.pattern, "replacement": replacement.replace("\\1", "$1")}
        for pattern, replacement in rules
    ]


PRE_STEM_RULES = _java_rules(_analysis._PRE_STEM)
POST_STEM_RULES = _java_rules(_analysis._POST_STEM)
# analysis.stem: when Snowball leaves a word ending in a single `s` whole (`elus`, `amis`),
# it stems it again without the `s`. A token filter cannot compare a token with what it
# was, so the `s` goes *before* Snowball, after the vowels where Snowball never removes it
# itself; not after `ai` (`finissais`: Snowball knows its verb endings). Measured on
# Debian's French word list (346,205 forms), the chain then gives analysis.py's terms for
# 99.94 % of them; the rest are `-ais` words Snowball leaves whole (`anglais`), which still
# meet their other forms in Elasticsearch.
PLURAL_S = {"pattern": "^(?!.*ais$)(.{2,}[aiou])s$", "replacement": "$1"}


def _pattern_filter(name, rule):
    return token_filter(name, "pattern_replace", **rule)


_elision = char_filter("amap_elision", "pattern_replace", **ELISION)
_inclusive_plural = char_filter("amap_inclusive_plural", "pattern_replace", **INCLUSIVE_PLURAL)
_inclusive_singular = char_filter(
    "amap_inclusive_singular", "pattern_replace", **INCLUSIVE_SINGULAR
)
_word_separators = char_filter("amap_word_separators", "pattern_replace", **WORD_SEPARATORS)
CHAR_FILTERS = [_elision, _inclusive_plural, _inclusive_singular, _word_separators]

_underscore = token_filter("amap_underscore", "pattern_replace", pattern="_", replacement="")
_length = token_filter("amap_length", "length", min=1, max=_analysis._MAX_WORD)
_stopwords = token_filter("amap_stop", "stop", stopwords=sorted(_analysis.STOPWORDS))
_single_letters = token_filter(
    "amap_single_letters", "stop", stopwords=list("abcdefghijklmnopqrstuvwxyz")
)
_snowball = token_filter("amap_snowball", "snowball", language="French")
_plural_s = _pattern_filter("amap_plural_s", PLURAL_S)
_pre_stem = [_pattern_filter(f"amap_pre_stem_{n}", r) for n, r in enumerate(PRE_STEM_RULES)]
_post_stem = [_pattern_filter(f"amap_post_stem_{n}", r) for n, r in enumerate(POST_STEM_RULES)]

# Index and query side of every text field: analysis.analyze().
french = analyzer(
    "amap_french",
    tokenizer="standard",
    char_filter=CHAR_FILTERS,
    filter=[
        "lowercase",
        "asciifolding",
        _underscore,
        _length,
        _stopwords,
        _single_letters,
        *_pre_stem,
        _plural_s,
        _snowball,
        *_post_stem,
    ],
)
# Words as written, lower case, accents kept: what « Vouliez-vous dire … ? » shows.
surface_analyzer = analyzer(
    "amap_surface",
    tokenizer="standard",
    char_filter=CHAR_FILTERS,
    filter=["lowercase"],
)
# The text fields feed two vocabularies: stems (is a word known? close stems for typos)
# and surface words (the correction shown). Attachments stay out, as in the embedded index.
_VOCABULARY = ["lexicon", "surface"]


class ResourceESDocument(Document):
    """A public resource as Elasticsearch indexes it (built from a ResourceIndexDocument)."""

    id = Long()
    title = Text(analyzer=french, copy_to=_VOCABULARY)
    keywords = Text(analyzer=french, copy_to=_VOCABULARY)
    summary = Text(analyzer=french, copy_to=_VOCABULARY, index_options="offsets")
    body = Text(analyzer=french, copy_to=_VOCABULARY, index_options="offsets")
    attachments = Text(analyzer=french, index_options="offsets")
    lexicon = Text(analyzer=french, index_options="docs")
    surface = Text(analyzer=surface_analyzer, index_options="docs")
    theme = Keyword(multi=True)
    type = Keyword()
    audience = Keyword(multi=True)
    network = Keyword()
    year = Keyword()
    licence = Keyword()
    published = DateNanos()  # microseconds kept: the order of two close publications
    title_sort = Keyword()
    downloads = Long()
    version = Long()

    class Meta:
        dynamic = MetaField("strict")
        meta = MetaField({"schema": ES_SCHEMA_VERSION})

    class Index:
        name = ES_DEFAULT_INDEX
        settings = {
            # One shard: a library of a few ten thousand resources fits easily, scores and
            # the spelling suggester's « missing » test see the whole vocabulary at once.
            "number_of_shards": 1,
            "auto_expand_replicas": "0-1",
            "max_result_window": ES_MAX_RESULT_WINDOW,
        }

    @classmethod
    def from_index_document(cls, document):
        published = None
        if document.published:
            published = EPOCH + timedelta(microseconds=document.published)  # exact
        return cls(
            meta={"id": str(document.id)},
            id=document.id,
            title=document.title,
            keywords=document.keywords,
            summary=document.summary,
            body=document.body,
            attachments=document.attachments,
            theme=list(document.theme),
            type=document.type or None,
            audience=list(document.audience),
            network=document.network or None,
            year=document.year or None,
            licence=document.licence or None,
            published=published,
            title_sort=document.title_sort,
            downloads=document.downloads,
            version=document.version,
        )


def es_index(name):
    """The index definition (settings, analysis, mappings) under a concrete name."""
    return ResourceESDocument._index.clone(name=name)
