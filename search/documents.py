"""The search document of a resource: what the index knows about it.

Built only from live, public pages (`public_resources`), so that a draft, a page in
moderation, an unpublished or private page never reaches any index; attachments in a
private collection are left out of the text.

`ResourceIndexDocument` is backend-neutral: the embedded backend turns it into a tantivy
document, the Elasticsearch backend into an `elasticsearch.dsl` document
(search/backends/elasticsearch/mapping.py).
"""

import hashlib
import html
import re
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db.models import prefetch_related_objects
from django.utils.html import strip_tags

from wagtail.fields import RichTextField, StreamField
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.search import index

from resources.models import Licence, Network, ResourceDownload, ResourcePage
from resources.models.pages import DOWNLOAD_TOTAL
from search.analysis import fold

# Named as the public search API names them (../shared/search-api.md): "type" is the
# resource's kind (`ResourcePage.kind`), under the contract's name.
FACETS = ("theme", "type", "audience", "network", "year", "licence")
# How many characters of each attachment's text are indexed: enough for any real document,
# bounded so that one huge file cannot swell the index.
MAX_ATTACHMENT_CHARS = 200_000


def plain_text(value):
    """Rich text or HTML to plain text, with blocks kept apart."""
    if not value:
        return ""
    text = re.sub(r"</(p|h\d|li|blockquote|div)>|<br\s*/?>", "\n", str(value))
    return html.unescape(strip_tags(text)).strip()


# Searchable fields with a document field of their own.
OWN_FIELDS = ("title", "summary")


def is_model_field(model, name):
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def body_fields(model):
    """[(name, model field)] of the model's `search_fields` that are its own text fields
    (not title or summary), in declaration order."""
    found = []
    for search_field in model.get_search_fields():
        if not isinstance(search_field, index.SearchField):
            continue
        name = search_field.field_name
        if name in OWN_FIELDS or name in (n for n, _f in found):
            continue
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        found.append((name, model_field))
    return found


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
            downloads=page.download_total,
        )
        document.version = cls.prepare_version(page, document, documents)
        return document

    @staticmethod
    def prepare_body(page):
        """The text of every searchable field of the page's model (its Wagtail
        `search_fields`, the list the admin's search uses too) but the title and summary,
        which have their own fields: a field added there reaches public search."""
        parts = []
        for name, model_field in body_fields(type(page)):
            value = getattr(page, name, None)
            if isinstance(model_field, StreamField):
                # Each block says what of it is searchable (Wagtail's `get_searchable_content`,
                # `search_index=False` on a block leaves it out): a block added the Wagtail
                # way reaches public search with no change here.
                parts.extend(model_field.get_searchable_content(value or []))
            elif isinstance(model_field, RichTextField):
                parts.append(plain_text(value))
            elif value:
                parts.append(str(value))
        return "\n".join(p for p in parts if p)

    @staticmethod
    def prepare_keywords(page):
        """The names of related objects (`index.RelatedFields`: tags, themes, network…) and
        computed labels (an `index.SearchField` that is not a model field) of the page's
        model `search_fields`, in declaration order."""
        words = []
        for search_field in type(page).get_search_fields():
            if isinstance(search_field, index.RelatedFields):
                related = getattr(page, search_field.field_name, None)
                if related is None:
                    continue
                objects = related.all() if hasattr(related, "all") else [related]
                names = [
                    f.field_name for f in search_field.fields if isinstance(f, index.SearchField)
                ]
                words += [str(getattr(obj, name)) for obj in objects for name in names]
            elif isinstance(search_field, index.SearchField) and not is_model_field(
                type(page), search_field.field_name
            ):
                value = search_field.get_value(page)
                if value:
                    words.append(str(value))
        return "\n".join(words)

    @staticmethod
    def prepare_version(page, document, documents):
        return version_of(
            page.live_revision_id,
            page.last_published_at,
            document.downloads,
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
        prefetch_related_objects(pages, "themes", "audiences", "tags", "downloads__document")
        # `.specific()` drops annotations: the download totals of the batch in one query.
        totals = dict(
            ResourcePage.objects.filter(pk__in=batch)
            .values_list("pk")
            .annotate(n=DOWNLOAD_TOTAL)
            .order_by()
        )
        for page in pages:
            page.network = networks.get(page.network_id)
            page.licence = licences.get(page.licence_id)
            page.download_total = totals.get(page.pk, 0)
            yield ResourceIndexDocument.prepare(page, private)


def expected_versions():
    """{page id: version} of everything that should be in an index (two queries)."""

    private = private_collection_ids()
    pages = {
        pk: rest
        for pk, *rest in public_resources()
        .annotate(download_total=DOWNLOAD_TOTAL)
        .values_list("pk", "live_revision_id", "last_published_at", "download_total")
        .order_by()
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
