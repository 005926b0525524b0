"""One-file backups of the whole library, and their restoration.

An archive (`.tar.gz`) holds:
- `database.json`: every row, as Django fixtures with natural keys (`dumpdata`), so that it
  restores on SQLite or PostgreSQL alike, whatever the primary keys of content types;
- `media/…` and `private-media/…`: every uploaded file (documents, images, renditions),
  public, or private while its resource is not published;
- `manifest.json`: when, from what, how many rows per model, and the SHA-256 of the database
  dump and of every file, checked before anything is restored.

What can be rebuilt is left out: sessions, Wagtail's admin search index, the reference index,
the public search index and its queue (`search_rebuild` runs after a restore).
"""

import hashlib
import io
import json
import os
import tarfile
import tempfile
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT_VERSION = 1
EXCLUDED_MODELS = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "wagtailsearch",  # the admin search index (and its SQLite FTS table): rebuilt
    "wagtailcore.referenceindex",
    "search.indexqueue",
]

# Sent once a restore has put the database and the files back.
restored = Signal()


class BackupError(Exception):
    """Something prevents a backup or a restore; the message says what, in French."""


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root):
    root = Path(root)
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def file_roots():
    """{name in the archive: folder} of every place uploaded files live: the public media,
    and the private side where files of unpublished resources wait."""
    roots = {"media": Path(settings.MEDIA_ROOT)}
    if settings.PRIVATE_MEDIA_ROOT:
        roots["private-media"] = Path(settings.PRIVATE_MEDIA_ROOT)
    return roots


def dump_database(out):
    """Write every row to `out` (a text file) from one consistent snapshot."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=False,
            exclude=EXCLUDED_MODELS,
            stdout=out,
            verbosity=0,
        )


def create(destination):
    """Write a backup archive; returns its path. `destination` is a folder or a file name."""
    destination = Path(destination)
    if destination.is_dir() or not destination.suffix:
        destination.mkdir(parents=True, exist_ok=True)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        destination = destination / f"amapartage-sauvegarde-{stamp}.tar.gz"
    roots = file_roots()

    with tempfile.TemporaryDirectory() as tmp:
        dump_path = Path(tmp) / "database.json"
        with open(dump_path, "w", encoding="utf-8") as out:
            dump_database(out)
        rows = json.loads(dump_path.read_text(encoding="utf-8"))
        counts = {}
        for row in rows:
            counts[row["model"]] = counts.get(row["model"], 0) + 1
        files = [
            {
                "root": name,
                "path": str(p.relative_to(root)),
                "size": p.stat().st_size,
                "sha256": sha256_file(p),
            }
            for name, root in roots.items()
            for p in media_files(root)
        ]
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connection.vendor,
            "database": {"path": "database.json", "sha256": sha256_file(dump_path)},
            "models": counts,
            "files": files,
        }
        partial = destination.with_suffix(destination.suffix + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(data), int(time.time())
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump_path, arcname="database.json")
            for entry in files:
                archive.add(
                    roots[entry["root"]] / entry["path"],
                    arcname=f"{entry['root']}/{entry['path']}",
                )
        os.replace(partial, destination)  # never a half-written archive under the real name
    return destination, manifest


def read_manifest(archive):
    try:
        member = archive.getmember("manifest.json")
    except KeyError:
        raise BackupError(
            _("L'archive n'a pas de manifest.json : ce n'est pas une sauvegarde d'AMAP'artage.")
        ) from None
    manifest = json.load(archive.extractfile(member))
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(
            _("Format de sauvegarde %(found)s non pris en charge (attendu : %(expected)s).")
            % {"found": manifest.get("format"), "expected": FORMAT_VERSION}
        )
    return manifest


def _safe_member(name):
    """Refuse absolute paths and `..` in an archive (a crafted archive must not write
    outside the media folder)."""
    path = Path(name)
    return not path.is_absolute() and ".." not in path.parts


def database_has_content():
    Page = apps.get_model("wagtailcore", "Page")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    ResourcePage = apps.get_model("resources", "ResourcePage")
    return ResourcePage.objects.exists() or User.objects.exists() or Page.objects.count() > 3


def restore(path, force=False):
    """Bring an archive back: check everything first, then replace the database and media."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("Archive introuvable : %(path)s") % {"path": path})
    roots = file_roots()
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 - closed by the with below
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(_("Archive illisible : %(error)s") % {"error": exc}) from exc
    with archive, tempfile.TemporaryDirectory() as tmp:
        manifest = read_manifest(archive)
        if not force:
            if database_has_content():
                raise BackupError(
                    _(
                        "La base de données contient déjà des ressources ou des "
                        "comptes : restaurer les remplacerait. Ajoutez --force si "
                        "c'est voulu."
                    )
                )
            for root in roots.values():
                if media_files(root):
                    raise BackupError(
                        _(
                            "Le dossier des médias (%(path)s) n'est pas vide. Ajoutez "
                            "--force si c'est voulu."
                        )
                        % {"path": root}
                    )
        for member in archive.getmembers():
            if not _safe_member(member.name) or not (member.isfile() or member.isdir()):
                raise BackupError(
                    _("Élément refusé dans l'archive : %(name)s") % {"name": member.name}
                )
        archive.extractall(tmp, filter="data")
        staging = Path(tmp)
        dump = staging / "database.json"
        if sha256_file(dump) != manifest["database"]["sha256"]:
            raise BackupError(
                _(
                    "La copie de la base de données est abîmée (empreinte "
                    "différente) : rien n'a été restauré."
                )
            )
        for entry in manifest["files"]:
            if entry["root"] not in roots:
                raise BackupError(
                    _("Dossier de fichiers inconnu dans l'archive : %(name)s")
                    % {"name": entry["root"]}
                )
            file_path = staging / entry["root"] / entry["path"]
            if not file_path.is_file() or sha256_file(file_path) != entry["sha256"]:
                raise BackupError(
                    _(
                        "Le fichier %(path)s est absent ou abîmé dans l'archive : "
                        "rien n'a été restauré."
                    )
                    % {"path": entry["path"]}
                )

        # Everything checked: replace the database content in one transaction.
        with transaction.atomic():
            empty_database()
            call_command("loaddata", str(dump), verbosity=0)
        for entry in manifest["files"]:
            target = roots[entry["root"]] / entry["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / entry["root"] / entry["path"], target)
    _after_restore()
    return manifest


def empty_database():
    """Delete every row but content types and permissions (which the dump refers to by
    natural key, and which migrations keep in step with the code)."""
    kept = {ContentType._meta.db_table, "auth_permission", "django_migrations"}
    tables = [
        t for t in connection.introspection.django_table_names(only_existing=True) if t not in kept
    ]
    statements = connection.ops.sql_flush(
        no_style(), tables, reset_sequences=True, allow_cascade=True
    )
    connection.ops.execute_sql_flush(statements)
    _clear_sqlite_fulltext_tables()


def _clear_sqlite_fulltext_tables():
    """`flush` leaves SQLite's FTS5 tables (Wagtail's admin search index) full: Django does
    not list virtual tables. Their row ids would collide with the rebuilt index."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE "
            "'CREATE VIRTUAL TABLE%USING fts5%'"
        )
        for (table,) in cursor.fetchall():
            cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608 - a name from the schema


def _after_restore():
    """Rebuild what backups leave out; the apps that keep more (search's index) rebuild it on
    `restored`."""
    call_command("update_index", verbosity=0)
    call_command("rebuild_references_index", verbosity=0)
    restored.send(sender=_after_restore)
