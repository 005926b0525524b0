"""After `migrate`, the movement's vocabulary is there with the contract's slugs and labels."""

import json

import pytest

from resources.models import KINDS, Audience, Licence, Theme
from tests.conftest import SHARED

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def vocabulary():
    path = SHARED / "vocabulary.json"
    if not path.exists():
        pytest.skip(f"contrat absent : {path}")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("key", "model"), [("themes", Theme), ("audiences", Audience), ("licences", Licence)]
)
def test_vocabulary_exists_after_migrate(vocabulary, key, model):
    expected = [(item["slug"], item["label"]) for item in vocabulary[key]]
    assert list(model.objects.values_list("slug", "name")) == expected


def test_kinds_match_the_contract_types(vocabulary):
    expected = {item["slug"]: item["label"] for item in vocabulary["types"]}
    assert {slug: str(cls.kind_label) for slug, cls in KINDS.items()} == expected


def test_free_licences_link_to_their_text():
    for licence in Licence.objects.exclude(slug="all-rights-reserved"):
        assert licence.url.startswith("https://creativecommons.org/licenses/")
