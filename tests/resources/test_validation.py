"""The rules of a resource's fields, declared once (resources/validation.py): the importer
says the shared message after the key, and the limits are the models' (so the admin's)."""

from django.core.files import File
from django.core.validators import MaxValueValidator, MinValueValidator

import pytest

from resources.models import Network, ResourcePage
from resources.validation import ResourceFieldsForm
from tests.conftest import resource_line
from tests.resources.test_import import database_state, media_files

pytestmark = pytest.mark.django_db


def shared_errors(**data):
    form = ResourceFieldsForm(
        dict({"kind": "guide", "title": "T", "summary": "S", "themes": ["vie-associative"]}, **data)
    )
    assert not form.is_valid()
    return form.errors


def test_limits_are_the_models():
    fields = ResourceFieldsForm.base_fields
    assert fields["title"].max_length == ResourcePage._meta.get_field("title").max_length
    assert fields["summary"].max_length == ResourcePage._meta.get_field("summary").max_length
    assert fields["url"].max_length == ResourcePage._meta.get_field("external_url").max_length
    assert fields["network"].max_length == Network._meta.get_field("name").max_length
    year = ResourcePage._meta.get_field("year").validators
    low = next(v.limit_value for v in year if isinstance(v, MinValueValidator))
    high = next(v.limit_value for v in year if isinstance(v, MaxValueValidator))
    assert (fields["year"].min_value, fields["year"].max_value) == (low, high)


SHARED = [
    ("title", "a\x00b", "Le texte contient un caractère nul, qui n'est pas permis."),
    ("themes", ["jardinage"], "Valeur(s) inconnue(s) « jardinage » : ce thème n'existe pas"),
    ("themes", ["  "], "Cochez au moins un thème."),
    ("tags", ["x" * 101], "Un mot-clé fait plus de 100 caractères."),
    ("region", "Atlantide", "Région « Atlantide » inconnue"),
    ("title", "\u200b\u202e", "Le titre ne contient aucun caractère visible."),
]


@pytest.mark.parametrize(("key", "value", "message"), SHARED, ids=[s[2][:20] for s in SHARED])
def test_importer_says_the_shared_message_after_the_key(import_file, key, value, message):
    (shared,) = shared_errors(**{key: value})[key]
    assert message in shared
    before, files_before = database_state(), media_files()
    run = import_file([resource_line(**{key: value}, network="Réseau test")])
    assert run.summary == "0 created, 0 updated, 0 unchanged, 1 rejected"
    said = shared[:1].lower() + shared[1:]
    assert f":1: « {key} » : {said}" in run.stderr, run.stderr
    assert database_state() == before
    assert media_files() == files_before


def test_bad_file_content_is_said_alike(import_file):
    html = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
    (import_file.folder / "fiche.pdf").write_bytes(html)
    run = import_file([resource_line(files=["fiche.pdf"])])
    with open(import_file.folder / "fiche.pdf", "rb") as f:
        form = ResourceFieldsForm(
            {"kind": "guide", "title": "T", "summary": "S", "themes": ["vie-associative"]},
            {"files": [File(f, name="fiche.pdf")]},
        )
        assert not form.is_valid()
    (shared,) = form.errors["files"]
    assert f"« files » : {shared}" in run.stderr


def test_imported_title_is_cleaned_like_a_proposed_one(import_file):
    run = import_file([resource_line(title="Accueillir\u202e  les\tnouveaux")])
    assert run.summary == "1 created, 0 updated, 0 unchanged, 0 rejected"
    assert ResourcePage.objects.get().title == "Accueillir les nouveaux"


ACTIVITIES = [
    ({"title": "t", "duration_minutes": 0}, "« duration_minutes » : assurez-vous"),
    ({"title": "t", "group_size": "x" * 61}, "« group_size » : assurez-vous"),
    ({"title": "t", "audiences": ["martiens"]}, "« audiences » : sélectionnez un choix valide"),
    ({"title": " "}, "« title » : champ requis"),
]


@pytest.mark.parametrize(("activity", "message"), ACTIVITIES, ids=[a[1][:16] for a in ACTIVITIES])
def test_activities_follow_the_admin_block(import_file, activity, message):
    before = database_state()
    run = import_file([resource_line(type="training_catalogue", activities=[activity])])
    assert run.summary == "0 created, 0 updated, 0 unchanged, 1 rejected"
    assert f":1: activité 1 : {message}" in run.stderr, run.stderr
    assert database_state() == before
