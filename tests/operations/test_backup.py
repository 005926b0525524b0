"""backup writes one archive; restore brings every page, revision, document and file back."""

import hashlib
import io
import json
import shutil
import tarfile
from io import StringIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from wagtail.models import Page, Revision

import pytest

from operations import backup
from resources.models import ResourceDocument, ResourcePage, Theme
from tests.conftest import minimal_pdf, resource_line, run_import

# Restores flush the database: real transactions, and the migrations' data put back after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def own_media_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


def snapshot():
    """What must come back, with the content of every file."""
    files = {
        f"{name}/{p.relative_to(root)}": hashlib.sha256(p.read_bytes()).hexdigest()
        for name, root in backup.file_roots().items()
        if root.exists()
        for p in root.rglob("*")
        if p.is_file()
    }
    return {
        "pages": sorted(Page.objects.values_list("pk", "path", "title", "live", "url_path")),
        "revisions": sorted(
            (r.pk, r.object_id, json.dumps(r.content, sort_keys=True))
            for r in Revision.objects.all()
        ),
        "documents": sorted(
            ResourceDocument.objects.values_list("pk", "title", "file", "file_hash")
        ),
        "themes": sorted(Theme.objects.values_list("slug", "name")),
        "users": sorted(get_user_model().objects.values_list("username", "password")),
        "files": files,
    }


@pytest.fixture
def library(sample_folder):
    assert run_import(sample_folder / "sample.jsonl").exit_code == 0
    # A draft with its own file: that file stays private until publication.
    (sample_folder / "brouillon.pdf").write_bytes(minimal_pdf("Brouillon en relecture"))
    line = resource_line(id="brouillon", status="draft", files=["brouillon.pdf"])
    (sample_folder / "brouillon.jsonl").write_text(json.dumps(line), encoding="utf-8")
    assert run_import(sample_folder / "brouillon.jsonl").exit_code == 0
    page = ResourcePage.objects.get(source_id="exemple-guide-accueil-nouveaux-adherents")
    page = page.specific
    page.title = "Accueillir les nouveaux adhérents (2e édition)"
    page.save_revision()  # an unpublished draft revision must survive too
    get_user_model().objects.create_superuser("camille", "c@example.org", "mot-de-passe-1")
    Theme.objects.filter(slug="gestion-de-crise").update(name="Crises et imprévus")


def test_backup_then_restore_into_an_empty_database_and_media_folder(library, tmp_path):
    before = snapshot()
    assert any(f.startswith("media/") for f in before["files"]), "published files"
    assert any(f.startswith("private-media/") for f in before["files"]), "a draft's file"
    out = StringIO()
    call_command("backup", str(tmp_path / "sauvegardes"), stdout=out)
    (archive,) = (tmp_path / "sauvegardes").glob("amapartage-sauvegarde-*.tar.gz")
    assert "Sauvegarde écrite" in out.getvalue()

    # A new machine: empty database and empty media folder.
    backup.empty_database()
    shutil.rmtree(settings.MEDIA_ROOT)
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT)
    assert not ResourcePage.objects.exists()

    out = StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "restaurée" in out.getvalue()
    assert snapshot() == before
    # The public search index is rebuilt from the restored pages.
    from search import backends

    assert len(backends.embedded_backend().indexed_versions()) == 4


def test_restore_refuses_to_overwrite_without_force(library, tmp_path):
    call_command("backup", str(tmp_path), stdout=StringIO())
    (archive,) = tmp_path.glob("*.tar.gz")
    before = snapshot()
    with pytest.raises(CommandError, match="contient déjà des ressources"):
        call_command("restore", str(archive), stdout=StringIO())
    assert snapshot() == before


def test_damaged_archive_restores_nothing(library, tmp_path):
    call_command("backup", str(tmp_path / "a.tar.gz"), stdout=StringIO())
    # Rewrite the archive with one media file altered.
    damaged = tmp_path / "abimee.tar.gz"
    with tarfile.open(tmp_path / "a.tar.gz") as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("media/"):
                data = data[:-10] + b"0123456789"
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    before = snapshot()
    with pytest.raises(CommandError, match="absent ou abîmé"):
        call_command("restore", str(damaged), "--force", stdout=StringIO())
    assert snapshot() == before


@pytest.mark.parametrize("content", [b"pas une archive", b""])
def test_not_an_archive(tmp_path, content):
    path = tmp_path / "faux.tar.gz"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="Archive illisible"):
        call_command("restore", str(path), stdout=StringIO())


def test_archive_escaping_the_media_folder_is_refused(tmp_path):
    path = tmp_path / "piege.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        manifest = {"format": 1, "database": {"sha256": ""}, "files": []}
        for name, data in (
            ("manifest.json", json.dumps(manifest).encode()),
            ("../../etc/evil", b"x"),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match="Élément refusé"):
        call_command("restore", str(path), stdout=StringIO())
    assert not (tmp_path.parent.parent / "etc" / "evil").exists()
