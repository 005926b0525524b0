"""Load a generated corpus into the database fast, for the search benchmark only.

`import_resources` writes each resource the way an editor's publication does (a revision, a
log entry, the workflow, one page at a time): right for real imports, about 0.1 s a
resource, so 10k resources would take a quarter of an hour and 100k most of a day. The
benchmark measures search, not imports, so this loader checks every line with the importer's
own `validate` and builds the fields with the importer's own `target_fields`, then writes
pages in bulk: tree paths computed here, one INSERT per table per batch, no revisions.

What it leaves out, and why that does not matter for search: revisions and log entries
(search reads live pages), covers, the reference index and Wagtail's own admin search index
(the stock backend's indexing is timed separately by the benchmark, with `update_index`).
"""

import datetime
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from taggit.models import Tag
from wagtail.models import Page

from resources import privacy
from resources.importing import (
    Importer,
    LineError,
    free_slug,
    read_lines,
    slug_base,
    validate,
)
from resources.models import (
    KINDS,
    Audience,
    Licence,
    ResourceDocument,
    ResourceDownload,
    ResourceIndexPage,
    ResourcePage,
    Theme,
)
from resources.models.tags import ResourcePageTag

BATCH = 250


def _specs(path):
    base_dir = Path(path).resolve().parent
    for number, line in read_lines(path):
        if line is None:
            raise SystemExit(f"{path}:{number}: ligne qui n'est pas en UTF-8")
        try:
            yield validate(line, number, base_dir)
        except LineError as exc:
            raise SystemExit(f"{path}:{number}: {exc}") from None


def _published_at(spec, number):
    """A first publication inside the resource's year, spread so date sorting has work."""
    year = spec.year or 2020
    start = datetime.datetime(year, 1, 1, 9, tzinfo=datetime.UTC)
    return start + datetime.timedelta(minutes=(number * 7919) % (360 * 24 * 60))


class BulkLoader:
    def __init__(self):
        self.index_page = ResourceIndexPage.objects.first()
        self.importer = Importer(self.index_page)
        self.content_types = {
            kind: ContentType.objects.get_for_model(model) for kind, model in KINDS.items()
        }
        self.themes = dict(Theme.objects.values_list("slug", "pk"))
        self.audiences = dict(Audience.objects.values_list("slug", "pk"))
        self.licences = dict(Licence.objects.values_list("slug", "pk"))
        self.networks = {}
        self.documents = {}
        self.tags = {}
        self.slugs = set(self.index_page.get_children().values_list("slug", flat=True))
        self.next_step = self.index_page.numchild + 1
        self.review_date = timezone.localdate() + datetime.timedelta(days=730)

    def _slug(self, title):
        slug = free_slug(slug_base(title), self.slugs)
        self.slugs.add(slug)
        return slug

    def _network_id(self, spec):
        if not spec.network:
            return None
        key = spec.network.lower()
        if key not in self.networks:
            self.networks[key] = self.importer._network(spec).pk
        return self.networks[key]

    def _document_id(self, ref):
        if ref.sha1 not in self.documents:
            self.documents[ref.sha1] = self.importer._document(ref, []).pk
        return self.documents[ref.sha1]

    def _tag_id(self, name):
        if name not in self.tags:
            # taggit gives a new tag its unique slug, as when the importer sets tags.
            self.tags[name] = Tag.objects.get_or_create(name=name)[0].pk
        return self.tags[name]

    def _page(self, spec, number):
        parent = self.index_page
        page_class = KINDS[spec.kind]
        slug = self._slug(spec.title)
        published = _published_at(spec, number)
        page = page_class(
            draft_title=spec.title,
            slug=slug,
            content_type=self.content_types[spec.kind],
            path=Page._get_path(parent.path, parent.depth + 1, self.next_step),
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}{slug}/",
            locale_id=parent.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            source_id=spec.source_id,
            kind=spec.kind,
            network_id=self._network_id(spec),
            licence_id=self.licences[spec.licence],
            review_date=self.review_date,
            **self.importer.target_fields(spec),
        )
        self.next_step += 1
        return page

    def _insert(self, pages, specs):
        Page.objects.bulk_create(pages)
        for page in pages:
            page.page_ptr_id = page.resourcepage_ptr_id = page.id
        ResourcePage.objects._insert(pages, fields=ResourcePage._meta.local_concrete_fields)
        for page_class in KINDS.values():
            own = [p for p in pages if type(p) is page_class]
            if own:
                page_class.objects._insert(own, fields=page_class._meta.local_concrete_fields)

        themes, audiences, tags, downloads = [], [], [], []
        for page, spec in zip(pages, specs, strict=True):
            themes += [
                ResourcePage.themes.through(resourcepage_id=page.id, theme_id=self.themes[slug])
                for slug in spec.themes
            ]
            audiences += [
                ResourcePage.audiences.through(
                    resourcepage_id=page.id, audience_id=self.audiences[slug]
                )
                for slug in spec.audiences
            ]
            tags += [
                ResourcePageTag(content_object_id=page.id, tag_id=self._tag_id(name))
                for name in dict.fromkeys(spec.tags)
            ]
            downloads += [
                ResourceDownload(page_id=page.id, document_id=self._document_id(ref), sort_order=n)
                for n, ref in enumerate(spec.files)
            ]
        ResourcePage.themes.through.objects.bulk_create(themes, batch_size=BATCH)
        ResourcePage.audiences.through.objects.bulk_create(audiences, batch_size=BATCH)
        ResourcePageTag.objects.bulk_create(tags, batch_size=BATCH)
        ResourceDownload.objects.bulk_create(downloads, batch_size=BATCH)

    def load(self, path):
        count = 0
        batch_pages, batch_specs = [], []
        with transaction.atomic():
            for spec in _specs(path):
                count += 1
                batch_pages.append(self._page(spec, count))
                batch_specs.append(spec)
                if len(batch_pages) == BATCH:
                    self._insert(batch_pages, batch_specs)
                    batch_pages, batch_specs = [], []
            if batch_pages:
                self._insert(batch_pages, batch_specs)
            parent = self.index_page
            Page.objects.filter(pk=parent.pk).update(numchild=self.next_step - 1)
            # New files start private (resources.privacy); publishing a page makes its files
            # public, and every page loaded here is published.
            privacy.set_privacy(
                ResourceDocument.objects.filter(pk__in=self.documents.values()), private=False
            )
        return count


def load(path):
    """Load the corpus at `path` into the library's « Ressources » page; return the count."""
    return BulkLoader().load(path)
