"""Every kind of resource page, the index, theme and network pages render, in French."""

import datetime

import pytest

from resources.models import (
    ComicPage,
    ExperienceSheetPage,
    FaqPage,
    FaqRelatedLink,
    GuidePage,
    Licence,
    Network,
    ReportPage,
    ResourceIndexPage,
    Theme,
    TrainingCataloguePage,
    VideoPage,
)

pytestmark = pytest.mark.django_db


def body(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def publish(page, parent=None):
    parent = parent or ResourceIndexPage.objects.get()
    page.summary = page.summary or "Un résumé."
    parent.add_child(instance=page)
    page.themes = [Theme.objects.get(slug="creation-amap")]
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def network():
    return Network.objects.create(
        name="Réseau AMAP Île-de-France", slug="reseau-idf", region="Île-de-France"
    )


def test_experience_sheet(client, network):
    page = publish(
        ExperienceSheetPage(
            title="Paniers solidaires à Montreuil",
            slug="paniers",
            network=network,
            year=2021,
            context="<p>Un quartier populaire.</p>",
            actions="<p>Des prix différenciés.</p>",
            outcomes="<p>Douze familles.</p>",
            watch_points="<p>La discrétion.</p>",
            contact_details="contact@reseau.example.org",
        )
    )
    html = client.get(page.url).content.decode()
    for text in (
        "Fiche expérience",
        "Paniers solidaires à Montreuil",
        "Contexte",
        "Un quartier populaire.",
        "Ce qui a été fait",
        "Résultats",
        "Douze familles.",
        "Points de vigilance",
        "contact@reseau.example.org",
        "Réseau AMAP Île-de-France",
        "Île-de-France",
        "2021",
        "Créer une AMAP",
        "Creative Commons Attribution - Partage dans les mêmes conditions 4.0",
    ):
        assert text in html, text
    assert '<html lang="fr">' in html


def test_guide(client):
    page = publish(
        GuidePage(
            title="Kit RGPD pour les AMAP",
            slug="kit-rgpd",
            guide_format=GuidePage.KIT,
            body=body("Le registre."),
        )
    )
    html = client.get(page.url).content.decode()
    assert "Guide, kit ou fiche méthode" in html
    assert "Kit" in html and "Le registre." in html


def test_training_catalogue(client):
    activities = [
        (
            "activity",
            {
                "title": "Jeu de la ficelle",
                "summary": "Relier.",
                "audiences": ["scolaires"],
                "duration_minutes": 90,
                "group_size": "8 à 20",
            },
        )
    ]
    page = publish(
        TrainingCataloguePage(
            title="Catalogue 2025",
            slug="catalogue",
            activities=activities,
            booking_info="<p>Écrire au réseau.</p>",
        )
    )
    html = client.get(page.url).content.decode()
    for text in (
        "1 activité",
        "Jeu de la ficelle",
        "1\u00a0h\u00a030",
        "8 à 20",
        "Scolaires et étudiant·es",
        "Organiser une session",
        "Écrire au réseau.",
    ):
        assert text in html, text


def test_comic(client):
    page = publish(
        ComicPage(
            title="Paysan·ne en AMAP, pourquoi pas moi ?",
            slug="bd",
            authors="Léa Martin",
            illustrator="Sam Durand",
            page_count=24,
            print_order_info="<p>5 € l'exemplaire.</p>",
            print_order_url="https://commande.example.org/bd",
        )
    )
    html = client.get(page.url).content.decode()
    for text in (
        "Bande dessinée",
        "Scénario",
        "Léa Martin",
        "Dessin",
        "Sam Durand",
        "24",
        "Commander des exemplaires imprimés",
        "5 € l'exemplaire.",
        "https://commande.example.org/bd",
    ):
        assert text in html, text


def test_report(client):
    page = publish(
        ReportPage(
            title="État des lieux 2020",
            slug="rapport",
            authors="MIRAMAP",
            key_findings="<ul><li>2000 AMAP</li></ul>",
        )
    )
    html = client.get(page.url).content.decode()
    assert "Rapport ou étude" in html and "Principaux enseignements" in html
    assert "2000 AMAP" in html


def test_video_links_out_and_loads_no_player(client):
    page = publish(
        VideoPage(
            title="Webinaire transmission",
            slug="webinaire",
            external_url="https://video.example.org/w/123",
            duration_minutes=75,
            recorded_on=datetime.date(2024, 3, 12),
            speakers="Réseau AMAP",
            transcript="<p>Bonjour à toutes.</p>",
        )
    )
    html = client.get(page.url).content.decode()
    assert "Vidéo ou webinaire" in html and "1\u00a0h\u00a015" in html
    assert "12 mars 2024" in html
    assert 'href="https://video.example.org/w/123"' in html
    assert "<iframe" not in html
    assert "Bonjour à toutes." in html


def test_faq_with_related_sheets(client):
    sheet = publish(ExperienceSheetPage(title="Une fiche liée", slug="fiche-liee"))
    faq = FaqPage(
        title="Que faire de son panier en vacances ?",
        slug="vacances",
        body=body("Le confier à un voisin."),
    )
    faq.related_links = [FaqRelatedLink(resource=sheet)]
    faq = publish(faq)
    html = client.get(faq.url).content.decode()
    assert "Question-réponse" in html and "Réponse" in html
    assert "Le confier à un voisin." in html
    assert "À lire aussi" in html and sheet.url in html


def test_draft_is_not_public(client):
    index = ResourceIndexPage.objects.get()
    draft = GuidePage(title="Brouillon", slug="brouillon", summary="s", live=False)
    index.add_child(instance=draft)
    assert client.get("/ressources/brouillon/").status_code == 404


def test_index_theme_and_network_pages(client, network):
    page = publish(GuidePage(title="Guide du réseau", slug="guide", network=network))
    other = publish(GuidePage(title="Guide sans réseau", slug="guide-2"))
    index = ResourceIndexPage.objects.get()

    html = client.get(index.url).content.decode()
    assert html.index("Guide sans réseau") < html.index("Guide du réseau"), "newest first"

    html = client.get(index.url + "themes/").content.decode()
    assert "Tous les thèmes" in html and "Gestion de crise" in html
    assert "2 ressources" in html and "0 ressource" in html

    html = client.get(index.url + "themes/creation-amap/").content.decode()
    assert page.title in html and other.title in html

    html = client.get(index.url + "reseaux/").content.decode()
    assert "Réseau AMAP Île-de-France" in html and "1 ressource" in html
    html = client.get(index.url + "reseaux/reseau-idf/").content.decode()
    assert page.title in html and other.title not in html


def test_unknown_theme_or_network_is_404(client):
    index = ResourceIndexPage.objects.get()
    assert client.get(index.url + "themes/inconnu/").status_code == 404
    assert client.get(index.url + "reseaux/inconnu/").status_code == 404


@pytest.mark.parametrize("page_param", ["abc", "-1", "99999", "1.5", "%00"])
def test_bad_page_number_does_not_fail(client, page_param):
    publish(GuidePage(title="Un guide", slug="un-guide"))
    index = ResourceIndexPage.objects.get()
    response = client.get(index.url, {"page": page_param})
    assert response.status_code == 200
    assert "Un guide" in response.content.decode()


def test_default_licence_is_cc_by_sa():
    page = publish(GuidePage(title="Sans licence", slug="sans-licence"))
    assert page.licence == Licence.objects.get(slug="CC-BY-SA-4.0")


def test_review_date_set_on_first_publication():
    page = publish(GuidePage(title="À relire", slug="a-relire"))
    assert page.review_date is not None
    assert page.review_date > datetime.date.today()


def test_home_page_lists_themes_and_latest(client):
    publish(GuidePage(title="Le dernier guide", slug="dernier"))
    html = client.get("/").content.decode()
    assert "Parcourir par thème" in html and "Le dernier guide" in html
    assert "Créer une AMAP" in html
