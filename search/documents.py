"""The search document of a resource: what the index knows about it.

Built only from live, public pages (`public_resources`), so that a draft, a page in
moderation, an unpublished or private page never reaches any index; attachments in a
private collection are left out of the text.

`ResourceIndexDocument` is backend-neutral: the embedded backend turns it into a tantivy
document, the Elasticsearch backend into an `elasticsearch.dsl` document (`ResourceESDocument`,
below).
"""

import hashlib
import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db.models import prefetch_related_objects
from django.utils.html import strip_tags

from wagtail.models import Collection, CollectionViewRestriction

from resources.models import ResourcePage

FACETS = ("theme", "type", "audience", "network", "year", "licence")
# How many characters of each attachment's text are indexed: enough for any real document,
# bounded so that one huge file cannot swell the index.
MAX_ATTACHMENT_CHARS = 200_000

_BLANKS = re.compile(r"\s+")


def plain_text(value):
    """Rich text or HTML to plain text, with blocks kept apart."""
    if not value:
        return ""
    text = re.sub(r"</(p|h\d|li|blockquote|div)>|<br\s*/?>", "\n", str(value))
    return html.unescape(strip_tags(text)).strip()


def stream_text(stream):
    """The readable text of a StreamField, block by block."""
    parts = []
    for block in stream or []:
        value = block.value
        if block.block_type in ("paragraph",):
            parts.append(plain_text(value.source if hasattr(value, "source") else value))
        elif block.block_type == "heading":
            parts.append(value.get("text", ""))
        elif block.block_type == "list":
            parts.extend(str(item) for item in value)
        elif block.block_type == "quote":
            parts.append(f"{value.get('text', '')} {value.get('attribution', '')}")
        elif block.block_type == "image":
            parts.append(value.get("caption", ""))
        elif block.block_type == "activity":
            parts.append(f"{value.get('title', '')}. {value.get('summary', '')}")
    return "\n".join(p for p in parts if p)


@dataclass
class ResourceIndexDocument:
    id: int
    title: str
    summary: str
    body: str
    keywords: str
    attachments: str
    theme: list = field(default_factory=list)
    type: str = ""
    audience: list = field(default_factory=list)
    network: str = ""
    year: str = ""
    licence: str = ""
    published: int = 0  # microseconds since the epoch, first publication
    title_sort: str = ""
    downloads: int = 0
    version: int = 0  # changes whenever anything indexed changes: how reconcile spots staleness

    def facet_values(self, name):
        value = getattr(self, name)
        if isinstance(value, list):
            return value
        return [value] if value else []

    @classmethod
    def prepare(cls, page, private_collections=frozenset()):
        """The document of one specific ResourcePage (not checked for being live here)."""
        from search.analysis import fold

        downloads = sorted(
            (d for d in page.downloads.all() if d.document_id),
            key=lambda d: (d.sort_order or 0, d.pk),
        )
        documents = [
            d.document for d in downloads if d.document.collection_id not in private_collections
        ]
        document = cls(
            id=page.pk,
            title=page.title,
            summary=page.summary or "",
            body=cls.prepare_body(page),
            keywords=cls.prepare_keywords(page),
            attachments="\n".join(
                f"{doc.title}\n{(doc.extracted_text or '')[:MAX_ATTACHMENT_CHARS]}"
                for doc in documents
            ),
            theme=sorted(t.slug for t in page.themes.all()),
            type=page.kind,
            audience=sorted(a.slug for a in page.audiences.all()),
            network=page.network.slug if page.network_id else "",
            year=str(page.year) if page.year else "",
            licence=page.licence.slug if page.licence_id else "",
            published=(
                int(page.first_published_at.timestamp() * 1_000_000)
                if page.first_published_at
                else 0
            ),
            title_sort=fold(page.title).strip()[:200],
            downloads=page.download_count,
        )
        document.version = cls.prepare_version(page, document, documents)
        return document

    @staticmethod
    def prepare_body(page):
        parts = [stream_text(page.body)]
        for name in (
            "context",
            "actions",
            "outcomes",
            "watch_points",
            "key_findings",
            "transcript",
            "booking_info",
            "print_order_info",
        ):
            if hasattr(page, name):
                parts.append(plain_text(getattr(page, name)))
        for name in ("contact_details", "authors", "illustrator", "speakers"):
            if getattr(page, name, ""):
                parts.append(getattr(page, name))
        if hasattr(page, "activities"):
            # The raw block data: turning it into values would validate each activity's
            # audiences against the database, one query per choice, for text not indexed.
            parts.extend(
                f"{block['value'].get('title') or ''}. {block['value'].get('summary') or ''}"
                for block in page.activities.raw_data
                if block.get("type") == "activity" and isinstance(block.get("value"), dict)
            )
        return "\n".join(p for p in parts if p)

    @staticmethod
    def prepare_keywords(page):
        # Through `tagged_items`, which build_documents prefetches (`tags.all()` would not
        # use a prefetch, and cost one query per page).
        words = [item.tag.name for item in page.tagged_items.all()]
        words += [t.name for t in page.themes.all()]
        words += [a.name for a in page.audiences.all()]
        if page.network_id:
            words.append(page.network.name)
        words.append(str(page.resource_type_label))
        if hasattr(page, "get_guide_format_display"):
            words.append(page.get_guide_format_display())
        return "\n".join(words)

    @staticmethod
    def prepare_version(page, document, documents):
        return version_of(
            page.live_revision_id,
            page.last_published_at,
            page.download_count,
            [(d.pk, d.file_hash, d.title) for d in documents],
        )


def version_of(live_revision_id, last_published_at, downloads, documents):
    """A number that changes whenever what the index holds for a page changes.

    Built from what a publication, a download count or an attachment changes; vocabulary
    renames and privacy changes re-enqueue their pages through signals instead.
    """
    digest = hashlib.blake2b(digest_size=8)
    digest.update(
        repr(
            (
                live_revision_id,
                last_published_at and last_published_at.timestamp(),
                downloads,
                documents,
            )
        ).encode()
    )
    # A signed 63-bit integer, what both backends store natively.
    return int.from_bytes(digest.digest(), "big") >> 1


def private_collection_ids():
    """Collections (and their descendants) that only some users may see."""
    restricted = Collection.objects.filter(
        pk__in=CollectionViewRestriction.objects.values("collection_id")
    )
    ids = set()
    for collection in restricted:
        ids.update(collection.get_descendants(inclusive=True).values_list("pk", flat=True))
    return frozenset(ids)


def public_resources():
    """Every resource the public may see: live, and under no view restriction."""
    return ResourcePage.objects.live().public()


def build_documents(page_ids=None, batch_size=500):
    """Yield the documents of the indexable pages (all, or those of `page_ids`).

    A fixed number of queries per batch: `.specific()` fetches each kind's own table, and
    drops the base queryset's select_related, so relations are attached here.
    """
    from resources.models import Licence, Network

    private = private_collection_ids()
    queryset = public_resources()
    if page_ids is not None:
        queryset = queryset.filter(pk__in=list(page_ids))
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    networks = Network.objects.in_bulk()
    licences = Licence.objects.in_bulk()
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        pages = list(queryset.filter(pk__in=batch).order_by("pk").specific())
        prefetch_related_objects(
            pages, "themes", "audiences", "tagged_items__tag", "downloads__document"
        )
        for page in pages:
            page.network = networks.get(page.network_id)
            page.licence = licences.get(page.licence_id)
            yield ResourceIndexDocument.prepare(page, private)


def expected_versions():
    """{page id: version} of everything that should be in an index (two queries)."""
    from resources.models import ResourceDownload

    private = private_collection_ids()
    pages = {
        pk: rest
        for pk, *rest in public_resources().values_list(
            "pk", "live_revision_id", "last_published_at", "download_count"
        )
    }
    documents = {}
    links = (
        ResourceDownload.objects.filter(page_id__in=pages.keys())
        .exclude(document__collection_id__in=private)
        .order_by("page_id", "sort_order", "pk")
        .values_list("page_id", "document_id", "document__file_hash", "document__title")
    )
    for page_id, *document in links:
        documents.setdefault(page_id, []).append(tuple(document))
    return {
        pk: version_of(revision, published, downloads, documents.get(pk, []))
        for pk, (revision, published, downloads) in pages.items()
    }


def collapse_blanks(text):
    return _BLANKS.sub(" ", text).strip()


# -- Elasticsearch -------------------------------------------------------------------------
#
# The same document as an `elasticsearch.dsl` Document, with analyzers that reproduce
# search/analysis.py step by step as far as Elasticsearch allows (README, « Elasticsearch »):
#
#   char filters   elisions dropped (`l'`, `d'`, `qu'`…), inclusive writing collapsed (two
#                  pattern_replace: plural, singular), then the separators analysis.py
#                  splits on and the standard tokenizer would keep (`1.5`, `www.amap.fr`)
#                  turned into spaces
#   tokenizer      standard (UAX#29)
#   filters        lowercase → asciifolding → `_` removed → length 1..40 → our stopwords →
#                  single letters → pre-stem rewrites → a final `s` after a vowel removed
#                  (what analysis.stem retries) → Snowball French → post-stem rewrites
#
# Elisions are a char filter rather than the `elision` token filter: the token filter keeps
# the token's offsets, so a snippet would mark `L'accessibilité` whole; a char filter's
# offsets are corrected, and the mark starts after the apostrophe, as in analysis.py.
#
# Accents are folded before stemming, as in analysis.py. `stemmer` with language `french`
# is Lucene's *light* French stemmer: the Snowball one is `snowball`, language `French`.

from elasticsearch.dsl import (  # noqa: E402 - the Elasticsearch part of this module
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

from search import analysis as _analysis  # noqa: E402

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
# Autocomplete: prefixes of 2 to 15 letters of each title word (analysis.edge_ngrams)…
_edge_ngrams = token_filter("amap_edge_ngrams", "edge_ngram", min_gram=2, max_gram=15)
autocomplete = analyzer(
    "amap_autocomplete",
    tokenizer="standard",
    char_filter=CHAR_FILTERS,
    filter=["lowercase", "asciifolding", _edge_ngrams],
)
# …met by the typed words folded (nothing dropped), cut to the longest prefix indexed.
_truncate = token_filter("amap_truncate", "truncate", length=15)
autocomplete_search = analyzer(
    "amap_autocomplete_search",
    tokenizer="standard",
    char_filter=CHAR_FILTERS,
    filter=["lowercase", "asciifolding", _truncate],
)

# The text fields feed two vocabularies: stems (is a word known? close stems for typos)
# and surface words (the correction shown). Attachments stay out, as in the embedded index.
_VOCABULARY = ["lexicon", "surface"]


class ResourceESDocument(Document):
    """A public resource as Elasticsearch indexes it (built from a ResourceIndexDocument)."""

    id = Long()
    title = Text(
        analyzer=french,
        copy_to=_VOCABULARY,
        fields={"autocomplete": Text(analyzer=autocomplete, search_analyzer=autocomplete_search)},
    )
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
