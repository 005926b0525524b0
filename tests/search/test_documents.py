"""The public index document derives from the models' Wagtail `search_fields`."""

from django.db.models import prefetch_related_objects

from wagtail.search import index

import pytest

from resources.models import ComicPage, ReportPage, ResourceIndexPage, Theme, TrainingCataloguePage
from search.documents import ResourceIndexDocument, body_fields

pytestmark = pytest.mark.django_db


def document_of(page):
    page = type(page).objects.get(pk=page.pk)
    prefetch_related_objects([page], "themes", "audiences", "tags", "downloads")
    return ResourceIndexDocument.prepare(page)


@pytest.fixture
def comic():
    page = ComicPage(
        title="Les aventures de la caisse",
        slug="bd-caisse",
        summary="Une bande dessinée.",
        authors="Camille Scénariste",
        print_order_url="https://exemple.org/commander-zorglubette",
    )
    ResourceIndexPage.objects.get().add_child(instance=page)
    page.themes = [Theme.objects.get(slug="territoires")]
    page.save_revision().publish()
    return page


def test_a_field_added_to_search_fields_reaches_the_public_document(comic, monkeypatch):
    assert "zorglubette" not in document_of(comic).body
    # What a developer does the Wagtail way, and nothing in search/.
    monkeypatch.setattr(
        ComicPage,
        "search_fields",
        [*ComicPage.search_fields, index.SearchField("print_order_url")],
    )
    assert "https://exemple.org/commander-zorglubette" in document_of(comic).body
    assert "Camille Scénariste" in document_of(comic).body


def test_body_follows_the_declaration_order_and_skips_own_fields():
    assert [name for name, _f in body_fields(ReportPage)] == ["body", "key_findings", "authors"]
    assert [name for name, _f in body_fields(TrainingCataloguePage)] == [
        "body",
        "booking_info",
        "activities",
    ]
    # Filters, related fields and the title/summary (own document fields) are not body.
    assert "title" not in dict(body_fields(ComicPage))
    assert "summary" not in dict(body_fields(ComicPage))


def test_keywords_come_from_related_fields_and_labels(comic, monkeypatch):
    comic.tags.add("fanzine")
    comic.save_revision().publish()
    keywords = document_of(comic).keywords.split("\n")
    theme = Theme.objects.get(slug="territoires").name
    # Declaration order: tags, themes, audiences, network, then the type label.
    assert keywords == ["fanzine", theme, "Bande dessinée"]
    monkeypatch.setattr(
        ComicPage,
        "search_fields",
        [*ComicPage.search_fields, index.SearchField("get_absolute_kind")],
    )
    monkeypatch.setattr(ComicPage, "get_absolute_kind", lambda self: "Neuvième art", raising=False)
    assert "Neuvième art" in document_of(comic).keywords.split("\n")


def test_each_block_says_what_of_it_is_searched():
    """The body's blocks are read through Wagtail's `get_searchable_content`: every text a
    block holds is searched, and what a block marks `search_index=False` is not."""
    page = TrainingCataloguePage(
        title="Catalogue des ateliers",
        slug="catalogue-ateliers",
        summary="Des ateliers.",
        body=[
            ("heading", {"text": "Pourquoi ces ateliers", "level": "h2"}),
            ("quote", {"text": "Manger est un acte politique", "attribution": "Dominique"}),
            ("list", ["Préparer la salle", "Accueillir le groupe"]),
            ("image", {"image": None, "caption": "Atelier au marché"}),
        ],
        activities=[
            (
                "activity",
                {
                    "title": "Jeu de la ficelle",
                    "summary": "Relier les acteurs du système alimentaire.",
                    "audiences": [],
                    "duration_minutes": 90,
                    "group_size": "8 à 20 personnes",
                },
            )
        ],
    )
    ResourceIndexPage.objects.get().add_child(instance=page)
    page.themes = [Theme.objects.get(slug="territoires")]
    page.save_revision().publish()
    body = document_of(page).body
    for text in (
        "Pourquoi ces ateliers",
        "Manger est un acte politique",
        "Dominique",
        "Accueillir le groupe",
        "Atelier au marché",
        "Jeu de la ficelle",
        "Relier les acteurs",
    ):
        assert text in body
    # Layout choices and practical details are not words of the resource.
    assert "Titre de section" not in body
    assert "8 à 20 personnes" not in body
