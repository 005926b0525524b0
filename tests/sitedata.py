"""A small library with one published resource of each kind, real PDF and image files:
what the site tests (and the browser tests) look at."""

import contextlib
import datetime

from django.core.files.base import ContentFile
from django.db import transaction

from wagtail.models import Collection

from resources.models import (
    Audience,
    ComicPage,
    ExperienceSheetPage,
    FaqPage,
    GuidePage,
    Network,
    ReportPage,
    ResourceDocument,
    ResourceDownload,
    ResourceImage,
    ResourceIndexPage,
    Theme,
    TrainingCataloguePage,
    VideoPage,
)
from tests.conftest import minimal_pdf, png_bytes


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def make_document(title, text="Bonjour", name="document.pdf"):
    document = ResourceDocument(title=title, collection=Collection.get_first_root_node())
    document.file.save(name, ContentFile(minimal_pdf(text)), save=False)
    document.save()
    return document


def make_image(title, description, color=(40, 120, 60), size=(800, 500)):
    image = ResourceImage(title=title, description=description)
    image.file.save(
        f"{title.lower().replace(' ', '-')}.png", ContentFile(png_bytes(*size, color)), save=False
    )
    ResourceImage._meta.get_field("file").update_dimension_fields(image, force=True)
    image._set_image_file_metadata()
    image.save()
    return image


def publish(page, themes, documents=(), audiences=()):
    index = ResourceIndexPage.objects.get()
    index.add_child(instance=page)
    page.themes = list(themes)
    page.audiences = list(audiences)
    for position, document in enumerate(documents):
        page.downloads.add(ResourceDownload(document=document, sort_order=position))
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_site():
    """Returns {kind: page} plus the network and themes; documents are real PDFs."""
    network = Network.objects.create(
        name="Réseau AMAP Île-de-France", slug="reseau-idf", region="Île-de-France"
    )
    creation = Theme.objects.get(slug="creation-amap")
    vie = Theme.objects.get(slug="vie-associative")
    amapiens = Audience.objects.get(slug="amapiens")
    paysans = Audience.objects.get(slug="paysans")
    pages = {}
    pages["experience_sheet"] = publish(
        ExperienceSheetPage(
            title="Paniers solidaires à Montreuil",
            slug="paniers-solidaires",
            summary="Comment une AMAP a ouvert ses paniers aux familles modestes : prix "
            "différenciés et caisse commune.",
            network=network,
            year=2021,
            context="<p>Un quartier populaire, une AMAP de quarante familles.</p>",
            actions="<p>Des prix différenciés selon les revenus !</p>",
            outcomes="<p>Douze familles ont rejoint l'AMAP.</p>",
            watch_points="<p>La discrétion : personne ne sait qui paie quoi.</p>",
            contact_details="contact@reseau.example.org",
        ),
        [creation, vie],
        [make_document("Fiche paniers solidaires", "Paniers solidaires", "paniers.pdf")],
        [amapiens],
    )
    pages["guide"] = publish(
        GuidePage(
            title="Kit RGPD pour les AMAP",
            slug="kit-rgpd",
            summary="Tenir le fichier des adhérents dans les règles : modèles et conseils.",
            network=network,
            year=2023,
            body=paragraph("Ce que dit la loi, et ce qu'elle ne dit pas."),
        ),
        [vie],
        [make_document("Kit RGPD", "Kit RGPD", "kit-rgpd.pdf")],
    )
    pages["training_catalogue"] = publish(
        TrainingCataloguePage(
            title="Catalogue des formations 2025",
            slug="catalogue-formations",
            summary="Les formations et animations proposées par le réseau aux AMAP.",
            network=network,
            year=2025,
            activities=[
                {
                    "type": "activity",
                    "value": {
                        "title": "Accueillir les nouveaux adhérents",
                        "summary": "Un atelier pour les bénévoles.",
                        "audiences": ["amapiens"],
                        "duration_minutes": 90,
                        "group_size": "8 à 20 personnes",
                    },
                },
                {
                    "type": "activity",
                    "value": {
                        "title": "S'installer en maraîchage",
                        "summary": "Une journée de formation.",
                        "audiences": ["paysans"],
                        "duration_minutes": 420,
                        "group_size": "",
                    },
                },
                {
                    "type": "activity",
                    "value": {
                        "title": "Le contrat AMAP en une heure",
                        "summary": "Pour tout le monde.",
                        "audiences": ["amapiens", "paysans"],
                        "duration_minutes": 60,
                        "group_size": "",
                    },
                },
            ],
        ),
        [creation],
        audiences=[amapiens, paysans],
    )
    comic = ComicPage(
        title="Paysan·ne en AMAP, pourquoi pas moi ?",
        slug="bd-paysan",
        summary="Une bande dessinée sur l'installation en AMAP.",
        network=network,
        year=2019,
        authors="Camille Martin",
        illustrator="Lou Bernard",
        page_count=24,
        cover_image=make_image("Couverture BD", "Couverture : une paysanne devant sa serre"),
        print_order_info="<p>5 € l'exemplaire, port compris.</p>",
        print_order_url="https://boutique.example.org/bd",
    )
    comic.preview_pages = [
        {"type": "page", "value": make_image("Planche 1", "Planche 1 : le marché", (90, 60, 40)).pk}
    ]
    pages["comic"] = publish(comic, [creation], [make_document("La BD", "BD", "bd.pdf")])
    pages["report"] = publish(
        ReportPage(
            title="Enquête nationale sur les AMAP",
            slug="enquete",
            summary="Ce que disent deux mille AMAP de leur fonctionnement.",
            year=2022,
            authors="MIRAMAP",
            key_findings="<p>Les AMAP durent : dix ans en moyenne.</p>",
        ),
        [vie],
    )
    pages["video"] = publish(
        VideoPage(
            title="Webinaire : le contrat AMAP",
            slug="webinaire-contrat",
            summary="Une heure pour comprendre le contrat.",
            external_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            duration_minutes=62,
            recorded_on=datetime.date(2024, 3, 12),
            speakers="Alex Durand",
            transcript="<p>Bonjour à toutes et à tous.</p>",
        ),
        [creation],
    )
    pages["faq"] = publish(
        FaqPage(
            title="Peut-on changer de paysan en cours de saison ?",
            slug="changer-de-paysan",
            summary="En principe non : le contrat engage pour la saison.",
            body=paragraph("Le contrat engage les deux parties jusqu'à son terme."),
        ),
        [creation, vie],
    )
    return {"network": network, "themes": [creation, vie], **pages}


@contextlib.contextmanager
def site_for_module(django_db_blocker):
    """Build the library once for a test module; each test runs in a savepoint inside this
    transaction, and everything is rolled back at the end of the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_site()
        transaction.set_rollback(True)
