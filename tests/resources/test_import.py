"""The import command, rule by rule (../shared/import-format.md)."""

import json
import os

from django.conf import settings

from wagtail.models import Revision

import pytest

from resources.models import (
    ExperienceSheetPage,
    GuidePage,
    Network,
    ResourceDocument,
    ResourceImage,
    ResourcePage,
    TrainingCataloguePage,
)
from tests.conftest import minimal_pdf, png_bytes, resource_line, run_import

pytestmark = pytest.mark.django_db


def media_files():
    root = settings.MEDIA_ROOT
    if not os.path.exists(root):
        return set()
    return {os.path.join(d, f) for d, _dirs, files in os.walk(root) for f in files}


def database_state():
    return (
        ResourcePage.objects.count(),
        Revision.objects.count(),
        Network.objects.count(),
        ResourceDocument.objects.count(),
        ResourceImage.objects.count(),
    )


# -- the contract's sample ----------------------------------------------------------------


def test_shared_sample_imports_cleanly_then_is_unchanged(sample_folder):
    first = run_import(sample_folder / "sample.jsonl")
    assert first.exit_code == 0, first.stderr
    assert first.summary == "4 created, 0 updated, 0 unchanged, 0 rejected"
    assert first.stderr == ""
    revisions = Revision.objects.count()

    second = run_import(sample_folder / "sample.jsonl")
    assert second.exit_code == 0
    assert second.summary == "0 created, 0 updated, 4 unchanged, 0 rejected"
    assert Revision.objects.count() == revisions, "an unchanged line must not add a revision"

    guide = GuidePage.objects.get(source_id="exemple-guide-accueil-nouveaux-adherents")
    assert guide.live
    assert guide.network.name == "Réseau AMAP Île-de-France"
    assert guide.network.region == "Île-de-France"
    assert guide.licence.slug == "CC-BY-SA-4.0"
    assert sorted(guide.tags.names()) == ["accueil", "nouveaux membres", "parrainage"]
    (download,) = guide.get_downloads()
    assert download.document.title == "Livret d'accueil des nouveaux adhérents"
    assert "Bienvenue dans votre AMAP" in download.document.extracted_text
    assert download.document.page_count == 1


def test_changed_line_updates_with_a_new_revision(import_file):
    assert import_file([resource_line()]).exit_code == 0
    page = GuidePage.objects.get(source_id="test-ressource")
    revisions = page.revisions.count()

    run = import_file([resource_line(title="Un nouveau titre", year=2024)])
    assert run.summary == "0 created, 1 updated, 0 unchanged, 0 rejected"
    page.refresh_from_db()
    assert page.title == "Un nouveau titre"
    assert page.year == 2024
    assert page.revisions.count() == revisions + 1
    assert ResourcePage.objects.count() == 1, "same id: never a duplicate"


def test_body_format_becomes_blocks(import_file):
    import_file(
        [
            resource_line(
                body="Intro <b>pas du HTML</b>.\n\n## Étapes\n\n- un\n- deux\nSuite du texte."
            )
        ]
    )
    page = GuidePage.objects.get()
    kinds = [(b.block_type, b.value) for b in page.body]
    assert kinds[0][0] == "paragraph"
    assert "&lt;b&gt;pas du HTML&lt;/b&gt;" in kinds[0][1].source
    assert kinds[1] == ("heading", kinds[1][1]) and kinds[1][1]["text"] == "Étapes"
    assert kinds[2][0] == "list" and list(kinds[2][1]) == ["un", "deux"]
    assert kinds[3][0] == "paragraph"


def test_experience_sheet_body_is_split_into_its_parts(import_file):
    body = (
        "Une AMAP de quartier voulait ouvrir ses paniers à tous.\n\n"
        "## Ce qui a été fait\n\nUne grille de prix selon les revenus.\n\n"
        "## Résultats\n\n- 12 familles de plus\n\n"
        "## Points de vigilance\n\nGarder l'anonymat.\n\n"
        "## Et ensuite\n\nUn autre paragraphe.\n\n"
        "## Contact\n\ncontact@reseau.example.org"
    )
    import_file([resource_line(type="experience_sheet", body=body)])
    page = ExperienceSheetPage.objects.get()
    assert "ouvrir ses paniers" in page.context
    assert "grille de prix" in page.actions
    assert "<li>12 familles de plus</li>" in page.outcomes
    assert "anonymat" in page.watch_points
    assert page.contact_details == "contact@reseau.example.org"
    assert [b.block_type for b in page.body] == ["heading", "paragraph"]


def test_training_catalogue_activities(import_file):
    activities = [
        {
            "title": "Jeu de la ficelle",
            "summary": "Relier les acteurs de l'alimentation.",
            "audiences": ["scolaires", "grand-public"],
            "duration_minutes": 90,
            "group_size": 20,
        },
        {"title": "Atelier prix juste", "group_size": "8 à 15"},
    ]
    run = import_file([resource_line(type="training_catalogue", activities=activities)])
    assert run.exit_code == 0, run.stderr
    page = TrainingCataloguePage.objects.get()
    listed = page.activity_list()
    assert [a["title"] for a in listed] == ["Jeu de la ficelle", "Atelier prix juste"]
    assert listed[0]["duration_minutes"] == 90
    assert listed[0]["group_size"] == "20"
    assert listed[0]["audience_names"] == ["Scolaires et étudiant·es", "Grand public"]
    assert import_file(
        [resource_line(type="training_catalogue", activities=activities)]
    ).summary.endswith("1 unchanged, 0 rejected")


def test_statuses(import_file):
    run = import_file(
        [
            resource_line(id="brouillon", status="draft"),
            resource_line(id="en-relecture", status="in_moderation"),
            resource_line(id="publiee"),
        ]
    )
    assert run.exit_code == 0, run.stderr
    assert not ResourcePage.objects.get(source_id="brouillon").live
    pending = ResourcePage.objects.get(source_id="en-relecture")
    assert not pending.live
    assert pending.workflow_in_progress, "in_moderation waits in the editorial workflow"
    assert ResourcePage.objects.get(source_id="publiee").live


def test_network_created_once_and_old_region_names_understood(import_file):
    import_file(
        [
            resource_line(id="a", network="Réseau Test", region="Rhône-Alpes"),
            resource_line(id="b", network="réseau test"),
        ]
    )
    network = Network.objects.get()
    assert network.region == "Auvergne-Rhône-Alpes"
    assert network.slug == "reseau-test"


def test_attachment_text_of_pdf_odt_and_docx_is_extracted(import_file):
    import docx
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    folder = import_file.folder
    (folder / "fiche.pdf").write_bytes(minimal_pdf("Cagnotte solidaire apres la grele"))
    word = docx.Document()
    word.add_paragraph("Transmettre sa ferme à un collectif")
    word.save(folder / "guide.docx")
    odt = OpenDocumentText()
    odt.text.addElement(P(text="Registre des traitements RGPD"))
    odt.save(str(folder / "kit.odt"))

    run = import_file([resource_line(files=["fiche.pdf", "guide.docx", "kit.odt"])])
    assert run.exit_code == 0, run.stderr
    texts = {d.file_extension: d.extracted_text for d in ResourceDocument.objects.all()}
    assert "Cagnotte solidaire apres la grele" in texts["pdf"]
    assert "Transmettre sa ferme à un collectif" in texts["docx"]
    assert "Registre des traitements RGPD" in texts["odt"]
    page = GuidePage.objects.get()
    assert [d.document.file_extension for d in page.get_downloads()] == ["pdf", "docx", "odt"]


def test_cover_image(import_file):
    (import_file.folder / "couverture.png").write_bytes(png_bytes())
    run = import_file([resource_line(cover="couverture.png")])
    assert run.exit_code == 0, run.stderr
    page = GuidePage.objects.get()
    assert (page.cover_image.width, page.cover_image.height) == (40, 30)


def test_dry_run_checks_everything_and_writes_nothing(import_file):
    (import_file.folder / "fiche.pdf").write_bytes(minimal_pdf())
    before, files_before = database_state(), media_files()
    run = import_file(
        [resource_line(files=["fiche.pdf"]), resource_line(id="x", year=1800)], dry_run=True
    )
    assert run.exit_code == 1
    assert run.summary == "1 created, 0 updated, 0 unchanged, 1 rejected"
    assert ":2: « year »" in run.stderr
    assert database_state() == before
    assert media_files() == files_before


def test_good_lines_are_imported_beside_bad_ones(import_file):
    run = import_file(
        [
            "# un commentaire",
            "",
            resource_line(id="bonne"),
            resource_line(id="mauvaise", type="affiche"),
            resource_line(id="autre"),
        ]
    )
    assert run.exit_code == 1
    assert run.summary == "2 created, 0 updated, 0 unchanged, 1 rejected"
    assert set(ResourcePage.objects.values_list("source_id", flat=True)) == {"bonne", "autre"}
    (error,) = run.stderr.strip().splitlines()
    assert error.startswith(f"{import_file.folder / 'import.jsonl'}:4: ")


# -- every rule, with a bad line: a French message naming the problem, nothing written -------

LONG = "x" * 600

BAD_LINES = [
    ("json", '{"id": "x", "type": ', "JSON invalide"),
    ("not-object", "[1, 2, 3]", "objet JSON"),
    ("unknown-key", resource_line(couleur="rouge"), "clé(s) inconnue(s) : « couleur »"),
    ("missing-id", resource_line(id=None), "manquante(s) : « id »"),
    ("missing-type", resource_line(type=None), "manquante(s) : « type »"),
    ("missing-title", resource_line(title=None), "manquante(s) : « title »"),
    ("missing-summary", resource_line(summary=None), "manquante(s) : « summary »"),
    ("missing-themes", resource_line(themes=None), "manquante(s) : « themes »"),
    ("id-spaces", resource_line(id="avec des espaces"), "« id » doit faire 1 à 100 caractères"),
    ("id-long", resource_line(id="a" * 101), "« id » doit faire 1 à 100 caractères"),
    ("id-number", resource_line(id=42), "« id » doit faire 1 à 100 caractères"),
    ("id-empty", resource_line(id=""), "« id » doit faire 1 à 100 caractères"),
    ("type", resource_line(type="affiche"), "type « affiche » inconnu"),
    ("title-empty", resource_line(title="  "), "« title » est vide"),
    ("title-long", resource_line(title="t" * 256), "« title » fait 256 caractères, 255 au plus"),
    ("title-type", resource_line(title=["a"]), "« title » doit être une chaîne"),
    ("title-nul", resource_line(title="a\x00b"), "caractère nul"),
    ("summary-long", resource_line(summary="s" * 501), "« summary » fait 501 caractères"),
    ("body-type", resource_line(body=12), "« body » doit être une chaîne"),
    ("themes-empty", resource_line(themes=[]), "au moins un thème"),
    ("themes-unknown", resource_line(themes=["jardinage"]), "« themes » : valeur(s) inconnue(s)"),
    ("themes-string", resource_line(themes="vie-associative"), "« themes » doit être une liste"),
    ("tags-type", resource_line(tags="a, b"), "« tags » doit être une liste"),
    ("tags-long", resource_line(tags=[LONG]), "plus de 100 caractères"),
    ("network-empty", resource_line(network=""), "« network » est vide"),
    ("network-long", resource_line(network=LONG), "« network » fait 600 caractères"),
    ("region", resource_line(network="R", region="Atlantide"), "région « Atlantide » inconnue"),
    ("audiences", resource_line(audiences=["martiens"]), "« audiences » : valeur(s) inconnue(s)"),
    ("year-low", resource_line(year=1989), "« year » doit être une année entière"),
    ("year-high", resource_line(year=2101), "« year » doit être une année entière"),
    ("year-string", resource_line(year="2020"), "« year » doit être une année entière"),
    ("year-float", resource_line(year=2020.5), "« year » doit être une année entière"),
    ("year-bool", resource_line(year=True), "« year » doit être une année entière"),
    ("licence", resource_line(licence="WTFPL"), "licence « WTFPL » inconnue"),
    ("files-type", resource_line(files="fiche.pdf"), "« files » doit être une liste"),
    ("files-missing", resource_line(files=["absent.pdf"]), "fichier introuvable « absent.pdf »"),
    ("files-absolute", resource_line(files=["/etc/passwd"]), "doit être relatif"),
    ("files-escape", resource_line(files=["../dehors.pdf"]), "sort du dossier"),
    ("url", resource_line(url="javascript:alert(1)"), "« url » n'est pas une adresse web"),
    ("url-text", resource_line(url="pas une adresse"), "« url » n'est pas une adresse web"),
    ("status", resource_line(status="archived"), "« status » doit valoir"),
    ("activities-wrong-type", resource_line(activities=[]), "n'est permis que pour le type"),
    (
        "activities-shape",
        resource_line(type="training_catalogue", activities={"a": 1}),
        "« activities » doit être une liste",
    ),
    (
        "activity-title",
        resource_line(type="training_catalogue", activities=[{"summary": "s"}]),
        "activité 1 : « title » manquant",
    ),
    (
        "activity-duration",
        resource_line(
            type="training_catalogue", activities=[{"title": "t", "duration_minutes": "1h"}]
        ),
        "« duration_minutes »",
    ),
    (
        "activity-key",
        resource_line(type="training_catalogue", activities=[{"title": "t", "lieu": "x"}]),
        "« lieu »",
    ),
]


@pytest.mark.parametrize(
    ("line", "message"),
    [(line, message) for _n, line, message in BAD_LINES],
    ids=[name for name, _l, _m in BAD_LINES],
)
def test_bad_line_is_rejected_with_its_reason_and_changes_nothing(import_file, line, message):
    (import_file.folder.parent / "dehors.pdf").write_bytes(minimal_pdf())
    before, files_before = database_state(), media_files()
    run = import_file([line])
    assert run.exit_code == 1
    assert run.summary == "0 created, 0 updated, 0 unchanged, 1 rejected"
    assert message in run.stderr, run.stderr
    assert run.stderr.startswith(f"{import_file.folder / 'import.jsonl'}:1: ")
    assert database_state() == before
    assert media_files() == files_before


BAD_FILES = [
    (
        "html-as-pdf",
        "fiche.pdf",
        b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        "ne contient pas un fichier PDF (contenu reconnu : HTML)",
    ),
    ("exe", "outil.exe", b"MZ\x90\x00", "extension « exe » non acceptée"),
    ("empty", "vide.pdf", b"", "est vide"),
    ("zip-as-docx", "guide.docx", b"PK\x03\x04" + b"\x00" * 100, "ne contient pas un fichier Word"),
    (
        "png-as-jpg",
        "photo.jpg",
        png_bytes(),
        "ne contient pas un fichier JPEG (contenu reconnu : PNG)",
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [(n, c, m) for _i, n, c, m in BAD_FILES],
    ids=[i for i, *_r in BAD_FILES],
)
def test_bad_attachment_is_refused_by_content(import_file, name, content, message):
    (import_file.folder / name).write_bytes(content)
    before = database_state()
    run = import_file([resource_line(files=[name])])
    assert run.exit_code == 1
    assert message in run.stderr, run.stderr
    assert database_state() == before


def test_bad_cover_is_refused(import_file):
    from PIL import Image

    (import_file.folder / "affiche.gif").write_bytes(b"GIF89a")
    (import_file.folder / "faux.png").write_bytes(minimal_pdf())
    # 400 million pixels in a few kilobytes: refused from the header, never decoded.
    Image.new("1", (20000, 20000)).save(import_file.folder / "geante.png")
    Image.new("1", (8000, 8000)).save(import_file.folder / "grande.png")
    run = import_file(
        [
            resource_line(id="a", cover="affiche.gif"),
            resource_line(id="b", cover="faux.png"),
            resource_line(id="c", cover="geante.png"),
            resource_line(id="d", cover="grande.png"),
        ]
    )
    assert run.summary == "0 created, 0 updated, 0 unchanged, 4 rejected"
    lines = run.stderr.strip().splitlines()
    assert "seules les images PNG, JPG, JPEG sont acceptées" in lines[0]
    assert "n'est pas une image lisible" in lines[1]
    assert "image trop grande (40 millions de pixels au plus)" in lines[2]
    assert "mesure 8000 × 8000 pixels : c'est trop grand" in lines[3]
    assert ResourceImage.objects.count() == 0


def test_line_not_in_utf8_is_rejected(tmp_path):
    path = tmp_path / "latin1.jsonl"
    good = json.dumps(resource_line(id="ok"), ensure_ascii=False).encode()
    bad = json.dumps(resource_line(id="latin"), ensure_ascii=False).encode("latin-1")
    path.write_bytes(good + b"\n" + bad + b"\n")
    run = run_import(path)
    assert run.summary == "1 created, 0 updated, 0 unchanged, 1 rejected"
    assert ":2: la ligne n'est pas encodée en UTF-8" in run.stderr


def test_duplicate_id_in_one_file_is_rejected(import_file):
    run = import_file([resource_line(), resource_line(title="Autre")])
    assert run.summary == "1 created, 0 updated, 0 unchanged, 1 rejected"
    assert ":2: l'id « test-ressource » figure déjà ligne 1" in run.stderr
    assert GuidePage.objects.get().title == "Accueillir les nouveaux adhérents"


def test_changing_the_type_of_an_existing_id_is_refused(import_file):
    import_file([resource_line()])
    revisions = Revision.objects.count()
    run = import_file([resource_line(type="report")])
    assert run.exit_code == 1
    assert "existe déjà avec le type « guide »" in run.stderr
    assert Revision.objects.count() == revisions
    assert GuidePage.objects.count() == 1


def test_missing_file_argument_is_a_clear_error(tmp_path):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="Fichier introuvable"):
        call_command("import_resources", str(tmp_path / "absent.jsonl"))
