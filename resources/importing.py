"""Bring resources in from a JSON Lines file (../shared/import-format.md, version 1).

Two steps per line: `validate()` checks every rule and returns either a `ResourceSpec` or
the list of what is wrong, without touching the database; `Importer.apply()` writes one
valid spec in its own transaction (a new revision only when something changed). The rules on
the resource's fields are the shared ones (`resources.validation`, as on the proposal form);
this module checks what belongs to the file (JSON, keys and their types, id, status, paths);
activities go through the admin's `ActivityBlock`.
"""

import hashlib
import json
import re
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.dispatch import Signal
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Collection

from resources import extraction, textformat
from resources.blocks import ActivityBlock
from resources.models import (
    KINDS,
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
from resources.models.pages import DEFAULT_LICENCE, FIRST_YEAR, LAST_YEAR
from resources.models.snippets import unique_slug
from resources.validation import ResourceFieldsForm, quoted

CREATED, UPDATED, UNCHANGED, REJECTED = "created", "updated", "unchanged", "rejected"
STATUSES = ("published", "draft", "in_moderation")
REQUIRED = ("id", "type", "title", "summary", "themes")
# The file's keys and the JSON type each must have; the rules on their values are the
# shared ones (resources/validation.py), except those about the file itself (id, status).
STRING_KEYS = ("type", "title", "summary", "body", "network", "region", "licence", "url")
LIST_KEYS = ("themes", "tags", "audiences", "files")
KEYS = {"id", "year", "cover", "status", *STRING_KEYS, *LIST_KEYS}
ACTIVITY_KEYS = {"title", "summary", "audiences", "duration_minutes", "group_size"}
ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,100}$")

# The import file names keys and slugs: where the shared message speaks to someone filling
# in a form, the line says which key is wrong and what it may hold. Other errors are the
# shared message after the key.
IMPORT_MESSAGES = {
    **{(key, "required"): gettext_lazy("« %(key)s » est vide") for key in STRING_KEYS},
    "max_length": gettext_lazy(
        "« %(key)s » fait %(show_value)s caractères, %(limit_value)s au plus"
    ),
    ("type", "invalid_choice"): gettext_lazy(
        "type « %(value)s » inconnu (types permis : %(known)s)"
    ),
    ("licence", "invalid_choice"): gettext_lazy(
        "licence « %(value)s » inconnue (licences permises : %(known)s)"
    ),
    ("year", None): gettext_lazy(
        "« year » doit être une année entière entre %(first)s et %(last)s"
    ),
    ("url", "invalid"): gettext_lazy(
        "« url » n'est pas une adresse web valide (http:// ou https://)"
    ),
}
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
    kind: str  # "type" in the import format
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


def sha1_of(path):
    digest = hashlib.sha1()  # noqa: S324 - the same content hash Wagtail keeps for files
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _is_integer(value, low, high):
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _is_string_list(value):
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _parse(raw_line):
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
    return data


def _shape_errors(data):
    """What is wrong with the line as a file's record, and the keys too wrong to go further."""
    errors, wrong = [], set()
    allowed = KEYS | ({"activities"} if data.get("type") == "training_catalogue" else set())
    unknown = set(data) - allowed
    if "activities" in unknown:
        errors.append(_("« activities » n'est permis que pour le type « training_catalogue »"))
        unknown.discard("activities")
    if unknown:
        errors.append(_("clé(s) inconnue(s) : %(keys)s") % {"keys": quoted(sorted(unknown))})
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        errors.append(
            _("clé(s) obligatoire(s) manquante(s) : %(keys)s") % {"keys": quoted(missing)}
        )
    if "id" in data and not (isinstance(data["id"], str) and ID_RE.match(data["id"])):
        errors.append(
            _("« id » doit faire 1 à 100 caractères parmi A-Z, a-z, 0-9, « . », « _ » et « - »")
        )
    for key in STRING_KEYS:
        if data.get(key) is not None and not isinstance(data[key], str):
            wrong.add(key)
            errors.append(_("« %(key)s » doit être une chaîne de caractères") % {"key": key})
    for key in LIST_KEYS:
        if data.get(key) is not None and not _is_string_list(data[key]):
            wrong.add(key)
            errors.append(
                _("« %(key)s » doit être une liste de chaînes de caractères") % {"key": key}
            )
    year = data.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        wrong.add("year")
        errors.append(IMPORT_MESSAGES["year", None] % {"first": FIRST_YEAR, "last": LAST_YEAR})
    if data.get("status", "published") not in STATUSES:
        errors.append(_("« status » doit valoir %(values)s") % {"values": quoted(STATUSES)})
    return errors, wrong


def _open(relative, key, base_dir, stack, errors):
    """The file at `relative` under the import folder, opened for the shared checks."""
    if not isinstance(relative, str) or not relative.strip():
        errors.append(_("« %(key)s » : chaque chemin doit être une chaîne non vide") % {"key": key})
        return None
    relative = relative.strip()
    path = (base_dir / relative).resolve()
    if Path(relative).is_absolute():
        problem = _("le chemin « %(path)s » doit être relatif au dossier du fichier d'import")
    elif not path.is_relative_to(base_dir.resolve()):
        problem = _("le chemin « %(path)s » sort du dossier du fichier d'import")
    elif not path.is_file():
        problem = _("fichier introuvable « %(path)s »")
    else:
        upload = File(stack.enter_context(path.open("rb")), name=path.name)
        upload.ref = (path, relative)
        return upload
    errors.append(f"« {key} » : " + problem % {"path": relative})
    return None


def _file_ref(upload):
    path, relative = upload.ref
    return FileRef(path=path, relative=relative, sha1=sha1_of(path), size=upload.size)


def _render(key, error):
    """One shared-form error, as the import line says it."""
    template = (
        IMPORT_MESSAGES.get((key, error.code))
        or IMPORT_MESSAGES.get((key, None))
        or IMPORT_MESSAGES.get(error.code)
    )
    params = {"key": key, "first": FIRST_YEAR, "last": LAST_YEAR, **(error.params or {})}
    if template:
        return template % params
    return _after_key(key, error.message % error.params if error.params else error.message)


def _after_key(key, message):
    if message[1:2].islower():  # after the key, the sentence goes on in lower case
        message = message[:1].lower() + message[1:]
    return f"« {key} » : {message}"


def _activities(data, errors):
    """The catalogue's activities, checked by the admin's own block (`ActivityBlock`)."""
    value = data.get("activities")
    if value is None:
        return []
    if not isinstance(value, list):
        errors.append(_("« activities » doit être une liste d'objets"))
        return []
    block, activities = ActivityBlock(), []
    for number, item in enumerate(value, start=1):
        where = _("activité %(n)s") % {"n": number}
        if not isinstance(item, dict):
            errors.append(_("%(where)s : doit être un objet") % {"where": where})
            continue
        problems = []
        if set(item) - ACTIVITY_KEYS:
            problems.append(
                _("clé(s) inconnue(s) %(keys)s (permises : %(allowed)s)")
                % {
                    "keys": quoted(sorted(set(item) - ACTIVITY_KEYS)),
                    "allowed": ", ".join(sorted(ACTIVITY_KEYS)),
                }
            )
        if "title" not in item:
            problems.append(_("« title » manquant"))
        item = {k: v for k, v in item.items() if k in ACTIVITY_KEYS}
        # The file may give a number of people where the block keeps a short text.
        if _is_integer(item.get("group_size"), 1, 10_000):
            item["group_size"] = str(item["group_size"])
        for key in ("title", "summary", "group_size"):
            if item.get(key) is not None and not isinstance(item[key], str):
                item.pop(key)
                problems.append(
                    _("« %(key)s » doit être une chaîne de caractères") % {"key": key}
                    if key != "group_size"
                    else _(
                        "« group_size » doit être un nombre de personnes ou un texte court "
                        "(par exemple « 8 à 20 »)"
                    )
                )
        try:
            activities.append(block.get_prep_value(block.clean(block.to_python(item))))
        except StructBlockValidationError as exc:
            problems.extend(
                _after_key(key, " ".join(error.messages))
                for key, error in exc.block_errors.items()
                if key in item
            )
        errors.extend(f"{where} : {p}" for p in problems)
    return activities


def validate(raw_line, line_number, base_dir):
    """A `ResourceSpec` for a valid line; raises `LineError` naming every problem."""
    data = _parse(raw_line)
    errors, wrong = _shape_errors(data)
    given = {k: v for k, v in data.items() if k not in wrong and v is not None}
    given.setdefault("licence", DEFAULT_LICENCE)
    if "type" in given:  # the import format's name for the resource's kind
        given["kind"] = given.pop("type")
    with ExitStack() as stack:
        cover = given.pop("cover", None)
        files = [_open(v, "files", base_dir, stack, errors) for v in given.pop("files", [])]
        uploads = {
            "files": [f for f in files if f],
            "cover": cover and _open(cover, "cover", base_dir, stack, errors),
        }
        form = ResourceFieldsForm(given, uploads)
        # A network given must be named: leaving the key out is how to say « none ».
        form.fields["network"].required = "network" in data
        form.is_valid()
        for field_name, key_errors in form.errors.as_data().items():
            key = "type" if field_name == "kind" else field_name
            if key in data and key not in wrong:  # else already said missing or wrong
                errors.extend(_render(key, e) for e in key_errors)
        activities = _activities(data, errors)
        if errors:
            raise LineError(" ; ".join(errors))
        cleaned = form.cleaned_data
        return ResourceSpec(
            **dict(
                cleaned,
                themes=[t.slug for t in cleaned["themes"]],
                audiences=[a.slug for a in cleaned["audiences"]],
                licence=cleaned["licence"].slug,
                files=[_file_ref(u) for u in cleaned["files"]],
                cover=cleaned["cover"] and _file_ref(cleaned["cover"]),
            ),
            line=line_number,
            source_id=data["id"],
            status=data.get("status", "published"),
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
        if spec.kind == ExperienceSheetPage.KIND:
            parts, blocks = textformat.split_experience_sections(blocks)
            for name in ("context", "actions", "outcomes", "watch_points"):
                fields[name] = textformat.to_richtext(parts[name])
            fields["contact_details"] = textformat.to_plain_text(parts["contact_details"])
        fields["body"] = textformat.to_stream_data(blocks)
        if spec.kind == TrainingCataloguePage.KIND:
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
        if spec.kind != page.KIND:
            raise LineError(
                _(
                    "la ressource « %(id)s » existe déjà avec le type « %(old)s » : "
                    "changer de type n'est pas possible, supprimez-la d'abord ou "
                    "donnez un autre « id »"
                )
                % {"id": spec.source_id, "old": page.KIND}
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
        page_class = KINDS[spec.kind]
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
