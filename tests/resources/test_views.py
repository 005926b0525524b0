"""The private side of media storage is served by Django to editors only
(resources.views.private_file): anything but a regular file under its root is a 404."""

from pathlib import Path

from django.core.files.storage import default_storage

from tests.conftest import minimal_pdf
from tests.sitedata import make_document


def test_private_file_view_refuses_paths_outside_its_folder(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/fichiers-prives/../db.sqlite3").status_code == 404
    assert client.get("/fichiers-prives/%2e%2e/%2e%2e/etc/passwd").status_code == 404


def test_private_file_view_serves_only_regular_files_under_its_root(client, admin_user, tmp_path):
    """Folders, empty names, `..` and symlinks leading out are a 404, never a 500; a regular
    file is served. The files and folders looked at are left as they were."""
    root = Path(default_storage.private.location)
    folder = root / f"documents/{tmp_path.name}"
    folder.mkdir(parents=True)
    (folder / "fiche.pdf").write_bytes(minimal_pdf("Cagnotte"))
    secret = tmp_path / "secret.txt"
    secret.write_text("hors du dossier privé")
    (folder / "lien.txt").symlink_to(secret)
    (folder / "lien-dossier").symlink_to(tmp_path, target_is_directory=True)
    (folder / "boucle").symlink_to(folder / "boucle")
    before = sorted(p.name for p in folder.iterdir())
    client.force_login(admin_user)

    base = f"/fichiers-prives/documents/{tmp_path.name}"
    response = client.get(f"{base}/fiche.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"
    client.logout()
    assert client.get(f"{base}/fiche.pdf").status_code == 404  # visitors never see it
    client.force_login(admin_user)
    for url in (
        "/fichiers-prives/documents/",
        "/fichiers-prives/documents",
        f"{base}/",
        "/fichiers-prives/",
        "/fichiers-prives/private/",
        f"{base}/lien.txt",
        f"{base}/lien-dossier/secret.txt",
        f"{base}/boucle",
        f"{base}/absent.pdf",
        f"{base}/../{tmp_path.name}/fiche.pdf",
        f"/fichiers-prives/{secret}",
        "/fichiers-prives/%00",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"hors du dossier" not in response.content
    assert sorted(p.name for p in folder.iterdir()) == before
    assert secret.read_text() == "hors du dossier privé"


def test_a_served_document_names_no_encoding_it_does_not_have(client, admin_user):
    """Wagtail's document view wrote `Content-Encoding: None` on every PDF."""
    document = make_document("Fiche", "Paniers solidaires")
    client.force_login(admin_user)  # a file no published page uses is for editors only
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Content-Encoding" not in response
    assert b"".join(response.streaming_content).startswith(b"%PDF")
