"""Bring resources in from a JSON Lines file (../shared/import-format.md, version 1).

Two steps per line: `validate()` checks every rule and returns either a `ResourceSpec` or
the list of what is wrong, without touching the database; `Importer.apply()` writes one
valid spec in its own transaction (a new revision only when something changed).
"""

import hashlib
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import URLValidator
from django.db import transaction
from django.dispatch import Signal
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.models import Collection

from resources import extraction, filechecks, textformat
from resources.models import (
    RESOURCE_TYPES,
    Audience,
    ExperienceSheetPage,
    Licence,
    Network,
    ResourceDocument,
    ResourceDownload,
    ResourceImage,
    ResourceIndexPage,
    ResourcePage,
    Theme,
    TrainingCataloguePage,
)
from resources.models.pages import DEFAULT_LICENCE
from resources.models.snippets import unique_slug
from resources.regions import canonical_region

CREATED, UPDATED, UNCHANGED, REJECTED = "created", "updated", "unchanged", "rejected"
STATUSES = ("published", "draft", "in_moderation")
KEYS = {
    "id",
    "type",
    "title",
    "summary",
    "body",
    "themes",
    "tags",
    "network",
    "region",
    "audiences",
    "year",
    "licence",
    "files",
    "cover",
    "url",
    "status",
}
REQUIRED = ("id", "type", "title", "summary", "themes")
ACTIVITY_KEYS = {"title", "summary", "audiences", "duration_minutes", "group_size"}
ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,100}$")

# An import runs many changes in a row. Apps that follow each change (search keeps its index
# in step) may hold back until `batch_finished`; `completed` is False when the batch failed.
batch_started = Signal()
batch_finished = Signal()


@contextmanager
def batch():
    batch_started.send(sender=Importer)
    completed = False
    try:
        yield
        completed = True
    finally:
        batch_finished.send(sender=Importer, completed=completed)


class LineError(Exception):
    """A line that cannot be imported; the message is French and names what is wrong."""


@dataclass
class FileRef:
    path: Path
    relative: str
    sha1: str
    size: int


@dataclass
class ResourceSpec:
    line: int
    source_id: str
    type: str
    title: str
    summary: str
    body: str = ""
    themes: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    network: str = ""
    region: str = ""
    audiences: list = field(default_factory=list)
    year: int | None = None
    licence: str = DEFAULT_LICENCE
    files: list = field(default_factory=list)
    cover: FileRef | None = None
    url: str = ""
    status: str = "published"
    activities: list = field(default_factory=list)


@dataclass
class Vocabulary:
    themes: set
    audiences: set
    licences: set

    @classmethod
    def load(cls):
        return cls(
            themes=set(Theme.objects.values_list("slug", flat=True)),
            audiences=set(Audience.objects.values_list("slug", flat=True)),
            licences=set(Licence.objects.values_list("slug", flat=True)),
        )


def sha1_of(path):
    digest = hashlib.sha1()  # noqa: S324 - the same content hash Wagtail keeps for files
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _quoted(values):
    return ", ".join(sorted(values))


def _string(data, key, errors, *, max_length=None, min_length=0):
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.append(_("« %(key)s » doit être une chaîne de caractères") % {"key": key})
        return ""
    value = value.strip()
    if len(value) < min_length:
        errors.append(_("« %(key)s » est vide") % {"key": key})
    elif max_length and len(value) > max_length:
        errors.append(
            _("« %(key)s » fait %(n)s caractères, %(max)s au plus")
            % {"key": key, "n": len(value), "max": max_length}
        )
    if "\x00" in value:
        errors.append(_("« %(key)s » contient un caractère nul") % {"key": key})
    return value


def _string_list(data, key, errors):
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors.append(_("« %(key)s » doit être une liste de chaînes de caractères") % {"key": key})
        return []
    return list(dict.fromkeys(v.strip() for v in value if v.strip()))


def _slugs(data, key, known, errors):
    values = _string_list(data, key, errors)
    unknown = [v for v in values if v not in known]
    if unknown:
        errors.append(
            _("« %(key)s » : valeur(s) inconnue(s) %(unknown)s (valeurs permises : %(known)s)")
            % {
                "key": key,
                "unknown": ", ".join(f"« {v} »" for v in unknown),
                "known": _quoted(known),
            }
        )
    return [v for v in values if v in known]


def _integer(value, low, high):
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _file(value, key, base_dir, errors, *, image=False):
    if not isinstance(value, str) or not value.strip():
        errors.append(_("« %(key)s » : chaque chemin doit être une chaîne non vide") % {"key": key})
        return None
    relative = value.strip()
    candidate = Path(relative)
    if candidate.is_absolute():
        errors.append(
            _(
                "« %(key)s » : le chemin « %(path)s » doit être relatif au dossier du "
                "fichier d'import"
            )
            % {"key": key, "path": relative}
        )
        return None
    path = (base_dir / candidate).resolve()
    if not path.is_relative_to(base_dir.resolve()):
        errors.append(
            _("« %(key)s » : le chemin « %(path)s » sort du dossier du fichier d'import")
            % {"key": key, "path": relative}
        )
        return None
    if not path.is_file():
        errors.append(
            _("« %(key)s » : fichier introuvable « %(path)s »") % {"key": key, "path": relative}
        )
        return None
    with open(path, "rb") as f:
        if image:
            problem = filechecks.check_image(f, path.name)
        else:
            problem = filechecks.check_document(f, path.name)
        size = filechecks.file_size(f)
    if problem:
        errors.append(f"« {key} » : {problem}")
        return None
    return FileRef(path=path, relative=relative, sha1=sha1_of(path), size=size)


def _url(data, errors):
    url = _string(data, "url", errors, max_length=500)
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            errors.append(_("« url » n'est pas une adresse web valide (http:// ou https://)"))
    return url


def _region(data, errors):
    region = _string(data, "region", errors, max_length=60)
    if not region:
        return ""
    canonical = canonical_region(region)
    if canonical is None:
        errors.append(
            _(
                "région « %(region)s » inconnue : donnez une région française, "
                "par exemple « Auvergne-Rhône-Alpes »"
            )
            % {"region": region}
        )
    return canonical or ""


def _activities(data, vocabulary, errors):
    value = data.get("activities")
    if value is None:
        return []
    if not isinstance(value, list):
        errors.append(_("« activities » doit être une liste d'objets"))
        return []
    activities = []
    for number, item in enumerate(value, start=1):
        where = _("activité %(n)s") % {"n": number}
        if not isinstance(item, dict):
            errors.append(_("%(where)s : doit être un objet") % {"where": where})
            continue
        unknown = set(item) - ACTIVITY_KEYS
        if unknown:
            errors.append(
                _("%(where)s : clé(s) inconnue(s) %(keys)s (permises : %(allowed)s)")
                % {
                    "where": where,
                    "keys": _quoted(f"« {k} »" for k in unknown),
                    "allowed": _quoted(ACTIVITY_KEYS),
                }
            )
        sub_errors = []
        title = _string(item, "title", sub_errors, max_length=255, min_length=1)
        if "title" not in item:
            sub_errors.append(_("« title » manquant"))
        summary = _string(item, "summary", sub_errors)
        audiences = _slugs(item, "audiences", vocabulary.audiences, sub_errors)
        duration = item.get("duration_minutes")
        if duration is not None and not _integer(duration, 1, 60 * 24 * 10):
            sub_errors.append(
                _("« duration_minutes » doit être un nombre entier de minutes (1 à 14400)")
            )
            duration = None
        group_size = item.get("group_size")
        if group_size is not None:
            if _integer(group_size, 1, 10_000):
                group_size = str(group_size)
            elif isinstance(group_size, str) and 0 < len(group_size.strip()) <= 60:
                group_size = group_size.strip()
            else:
                sub_errors.append(
                    _(
                        "« group_size » doit être un nombre de personnes ou un texte "
                        "court (par exemple « 8 à 20 »)"
                    )
                )
                group_size = None
        errors.extend(f"{where} : {e}" for e in sub_errors)
        activities.append(
            {
                "title": title,
                "summary": summary,
                "audiences": audiences,
                "duration_minutes": duration,
                "group_size": group_size or "",
            }
        )
    return activities


def validate(raw_line, line_number, base_dir, vocabulary):
    """A `ResourceSpec` for a valid line; raises `LineError` naming every problem."""
    try:
        data = json.loads(raw_line)
    except json.JSONDecodeError as exc:
        raise LineError(
            _("JSON invalide : %(msg)s (colonne %(col)s)") % {"msg": exc.msg, "col": exc.colno}
        ) from None
    except (UnicodeDecodeError, RecursionError):
        raise LineError(_("JSON invalide")) from None
    if not isinstance(data, dict):
        raise LineError(_("chaque ligne doit être un objet JSON { … }"))

    errors = []
    resource_type = data.get("type")
    allowed = set(KEYS)
    if resource_type == "training_catalogue":
        allowed.add("activities")
    unknown = set(data) - allowed
    if "activities" in unknown:
        errors.append(_("« activities » n'est permis que pour le type « training_catalogue »"))
        unknown.discard("activities")
    if unknown:
        errors.append(
            _("clé(s) inconnue(s) : %(keys)s")
            % {"keys": ", ".join(f"« {k} »" for k in sorted(unknown))}
        )
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        errors.append(
            _("clé(s) obligatoire(s) manquante(s) : %(keys)s")
            % {"keys": ", ".join(f"« {k} »" for k in missing)}
        )

    source_id = data.get("id")
    if "id" in data and not (isinstance(source_id, str) and ID_RE.match(source_id)):
        errors.append(
            _("« id » doit faire 1 à 100 caractères parmi A-Z, a-z, 0-9, « . », « _ » et « - »")
        )
    if "type" in data and resource_type not in RESOURCE_TYPES:
        errors.append(
            _("type « %(type)s » inconnu (types permis : %(types)s)")
            % {"type": resource_type, "types": _quoted(RESOURCE_TYPES)}
        )
    title = _string(data, "title", errors, max_length=255, min_length=1 if "title" in data else 0)
    summary = _string(
        data, "summary", errors, max_length=500, min_length=1 if "summary" in data else 0
    )
    body = _string(data, "body", errors)
    themes = _slugs(data, "themes", vocabulary.themes, errors)
    if "themes" in data and isinstance(data["themes"], list) and not data["themes"]:
        errors.append(_("« themes » doit contenir au moins un thème"))
    tags = _string_list(data, "tags", errors)
    if any(len(t) > 100 for t in tags):
        errors.append(_("« tags » : un mot-clé fait plus de 100 caractères"))
    network = _string(
        data, "network", errors, max_length=200, min_length=1 if "network" in data else 0
    )
    region = _region(data, errors)
    audiences = _slugs(data, "audiences", vocabulary.audiences, errors)
    year = data.get("year")
    if year is not None and not _integer(year, 1990, 2100):
        errors.append(_("« year » doit être une année entière entre 1990 et 2100"))
        year = None
    licence = data.get("licence", DEFAULT_LICENCE)
    if licence not in vocabulary.licences:
        errors.append(
            _("licence « %(licence)s » inconnue (licences permises : %(known)s)")
            % {"licence": licence, "known": _quoted(vocabulary.licences)}
        )
    files = []
    raw_files = data.get("files")
    if raw_files is not None:
        if not isinstance(raw_files, list):
            errors.append(_("« files » doit être une liste de chemins"))
        else:
            files = [_file(v, "files", base_dir, errors) for v in raw_files]
    cover = None
    if data.get("cover") is not None:
        cover = _file(data["cover"], "cover", base_dir, errors, image=True)
    url = _url(data, errors)
    status = data.get("status", "published")
    if status not in STATUSES:
        errors.append(
            _("« status » doit valoir %(values)s")
            % {"values": ", ".join(f"« {s} »" for s in STATUSES)}
        )
    activities = _activities(data, vocabulary, errors)

    if errors:
        raise LineError(" ; ".join(errors))
    return ResourceSpec(
        line=line_number,
        source_id=source_id,
        type=resource_type,
        title=title,
        summary=summary,
        body=body,
        themes=themes,
        tags=tags,
        network=network,
        region=region,
        audiences=audiences,
        year=year,
        licence=licence,
        files=[f for f in files if f],
        cover=cover,
        url=url,
        status=status,
        activities=activities,
    )


def _humanize_filename(path):
    words = re.sub(r"[-_]+", " ", path.stem).strip()
    return (words[:1].upper() + words[1:]) or path.name


def _stream_values(stream_raw):
    return [(block["type"], block["value"]) for block in stream_raw or []]


def _activity_blocks(activities):
    return [
        {
            "type": "activity",
            "value": activity,
            "id": hashlib.sha1(  # noqa: S324 - a stable block id, not a security hash
                json.dumps([n, activity], sort_keys=True).encode()
            ).hexdigest()[:36],
        }
        for n, activity in enumerate(activities)
    ]


class Importer:
    """Writes valid specs into the library. One instance per import run."""

    def __init__(self, index_page=None, user=None):
        self.index_page = index_page or ResourceIndexPage.objects.first()
        self.user = user
        self._collection = None

    # -- what the page should hold -------------------------------------------------------
    def target_fields(self, spec):
        """Plain field values the page must have, derived from the spec alone."""
        blocks = textformat.parse(spec.body)
        fields = {
            "title": spec.title,
            "summary": spec.summary,
            "external_url": spec.url,
            "year": spec.year,
        }
        if spec.type == ExperienceSheetPage.resource_type:
            parts, blocks = textformat.split_experience_sections(blocks)
            for name in ("context", "actions", "outcomes", "watch_points"):
                fields[name] = textformat.to_richtext(parts[name])
            fields["contact_details"] = textformat.to_plain_text(parts["contact_details"])
        fields["body"] = textformat.to_stream_data(blocks)
        if spec.type == TrainingCataloguePage.resource_type:
            fields["activities"] = _activity_blocks(spec.activities)
        return fields

    def snapshot(self, page):
        """What an import compares: the page's content as a comparable structure."""
        values = {}
        for name in self.target_fields_names(page):
            value = getattr(page, name)
            if name in ("body", "activities"):
                value = _stream_values(value.raw_data)
            values[name] = value
        document_ids = [d.document_id for d in page.downloads.all()]
        hashes = dict(
            ResourceDocument.objects.filter(pk__in=document_ids).values_list("pk", "file_hash")
        )
        cover_hash = None
        if page.cover_image_id:
            cover_hash = (
                ResourceImage.objects.filter(pk=page.cover_image_id)
                .values_list("file_hash", flat=True)
                .first()
            )
        values.update(
            {
                "themes": sorted(t.slug for t in page.themes.all()),
                "audiences": sorted(a.slug for a in page.audiences.all()),
                "tags": sorted(t.name.casefold() for t in page.tags.all()),
                "network": page.network.name.casefold() if page.network_id else "",
                "licence": page.licence.slug if page.licence_id else DEFAULT_LICENCE,
                "files": [hashes.get(pk) for pk in document_ids],
                "cover": cover_hash,
            }
        )
        return values

    @staticmethod
    def target_fields_names(page):
        names = ["title", "summary", "external_url", "year", "body"]
        if isinstance(page, ExperienceSheetPage):
            names += ["context", "actions", "outcomes", "watch_points", "contact_details"]
        if isinstance(page, TrainingCataloguePage):
            names.append("activities")
        return names

    def spec_snapshot(self, spec):
        values = self.target_fields(spec)
        for name in ("body", "activities"):
            if name in values:
                values[name] = _stream_values(values[name])
        values.update(
            {
                "themes": sorted(spec.themes),
                "audiences": sorted(spec.audiences),
                "tags": sorted({t.casefold() for t in spec.tags}),
                "network": spec.network.casefold(),
                "licence": spec.licence,
                "files": [f.sha1 for f in spec.files],
                "cover": spec.cover.sha1 if spec.cover else None,
            }
        )
        return values

    def status_matches(self, page, spec):
        if spec.status == "published":
            return page.live and not page.has_unpublished_changes
        if spec.status == "in_moderation":
            return page.workflow_in_progress or not self._has_workflow(page)
        return True  # a draft asked for: the content comparison decides

    # -- writing --------------------------------------------------------------------------
    def plan(self, spec):
        """CREATED, UPDATED or UNCHANGED for a valid spec, without writing anything."""
        existing = ResourcePage.objects.filter(source_id=spec.source_id).first()
        if existing is None:
            return CREATED, None
        page = existing.specific
        if page.resource_type != spec.type:
            raise LineError(
                _(
                    "la ressource « %(id)s » existe déjà avec le type « %(old)s » : "
                    "changer de type n'est pas possible, supprimez-la d'abord ou "
                    "donnez un autre « id »"
                )
                % {"id": spec.source_id, "old": page.resource_type}
            )
        latest = page.get_latest_revision_as_object()
        if self.snapshot(latest) == self.spec_snapshot(spec) and self.status_matches(page, spec):
            return UNCHANGED, page
        return UPDATED, page

    def apply(self, spec, dry_run=False):
        if self.index_page is None:
            raise LineError(
                _(
                    "aucune page « Ressources » n'existe : lancez d'abord "
                    "« python manage.py migrate »"
                )
            )
        outcome, page = self.plan(spec)
        if dry_run or outcome == UNCHANGED:
            return outcome
        stored_files = []
        try:
            with transaction.atomic():
                self._write(spec, page, stored_files)
        except Exception:
            # The rows are rolled back; the files written for them must go too.
            for stored in stored_files:
                stored.storage.delete(stored.name)
            raise
        return outcome

    def _write(self, spec, existing, stored_files):
        page_class = RESOURCE_TYPES[spec.type]
        if existing is None:
            page = page_class(
                source_id=spec.source_id, slug=self._free_slug(spec.title), live=False
            )
        else:
            page = existing.get_latest_revision_as_object()
        for name, value in self.target_fields(spec).items():
            setattr(page, name, value)
        page.network = self._network(spec) if spec.network else None
        page.licence = Licence.objects.get(slug=spec.licence)
        page.themes = list(Theme.objects.filter(slug__in=spec.themes))
        page.audiences = list(Audience.objects.filter(slug__in=spec.audiences))
        page.tags.set(spec.tags, clear=True)
        page.downloads = [
            ResourceDownload(document=self._document(f, stored_files), sort_order=n)
            for n, f in enumerate(spec.files)
        ]
        page.cover_image = self._image(spec.cover, stored_files) if spec.cover else None

        if existing is None:
            self.index_page.add_child(instance=page)
        revision = page.save_revision(user=self.user, log_action=True)
        if spec.status == "published":
            revision.publish(user=self.user)
        elif spec.status == "in_moderation":
            self._submit(page, revision)
        return page

    def _free_slug(self, title):
        base = slug_base(title)
        taken = set(
            self.index_page.get_children()
            .filter(slug__startswith=base)
            .values_list("slug", flat=True)
        )
        return free_slug(base, taken)

    def _network(self, spec):
        network = Network.objects.filter(name__iexact=spec.network).first()
        if network is None:
            network = Network.objects.create(
                name=spec.network, region=spec.region, slug=unique_slug(Network, spec.network)
            )
        elif spec.region and not network.region:
            network.region = spec.region
            network.save(update_fields=["region"])
        return network

    def collection(self):
        if self._collection is None:
            root = Collection.get_first_root_node()
            name = _("Ressources importées")
            self._collection = root.get_children().filter(name=name).first() or root.add_child(
                name=name
            )
        return self._collection

    def _document(self, ref, stored_files):
        document = ResourceDocument.objects.filter(file_hash=ref.sha1).order_by("pk").first()
        if document is not None:
            return document
        extracted = extraction.extract(ref.path)
        document = ResourceDocument(
            title=extracted.title or _humanize_filename(ref.path),
            collection=self.collection(),
            uploaded_by_user=self.user,
            extracted_text=extracted.text,
            page_count=extracted.page_count,
            extraction_error=extracted.error[:255],
            extracted_from_hash=ref.sha1,
            file_hash=ref.sha1,
            file_size=ref.size,
        )
        with open(ref.path, "rb") as f:
            document.file.save(ref.path.name, File(f), save=False)
        stored_files.append(document.file)
        document.save()
        return document

    def _image(self, ref, stored_files):
        image = ResourceImage.objects.filter(file_hash=ref.sha1).order_by("pk").first()
        if image is not None:
            return image
        image = ResourceImage(
            title=_humanize_filename(ref.path),
            collection=self.collection(),
            uploaded_by_user=self.user,
            file_hash=ref.sha1,
            file_size=ref.size,
        )
        with open(ref.path, "rb") as f:
            image.file.save(ref.path.name, File(f), save=False)
        stored_files.append(image.file)
        image.save()
        return image

    @staticmethod
    def _has_workflow(page):
        return page.get_workflow() is not None

    def _submit(self, page, revision):
        """Send the draft into the editorial workflow, when one covers the page."""
        workflow = page.get_workflow()
        if workflow is not None and not page.workflow_in_progress:
            workflow.start(page, self.user)


def slug_base(title):
    """The slug a resource titled `title` would like: folded, at most 80 characters."""
    return slugify(textformat.fold(title))[:80].strip("-") or "ressource"


def free_slug(base, taken):
    """`base`, or `base-2`, `base-3`… whichever is not in `taken`."""
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


def read_lines(path):
    """(line number, text or None) of each line to import; None marks a line that is not
    UTF-8. Blank lines and lines starting with # are skipped."""
    with open(path, "rb") as f:
        for number, raw in enumerate(f, start=1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8").strip()
            except UnicodeDecodeError:
                yield number, None
                continue
            if line and not line.startswith("#"):
                yield number, line
