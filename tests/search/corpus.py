"""A small French library built to exercise every search behaviour, through the real import."""

import datetime
import json

from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from downloads.models import DownloadDay
from resources import importing
from resources.models import ResourceDocument, ResourceDownload, ResourcePage
from tests.conftest import minimal_pdf

RESOURCES = [
    {
        "id": "paniers",
        "type": "experience_sheet",
        "title": "Paniers solidaires et accessibilité alimentaire",
        "summary": "Une AMAP ouvre ses paniers aux familles modestes avec des prix différenciés.",
        "body": "L'accessibilité des paniers passe par un partenariat avec le CCAS.",
        "themes": ["accessibilite-alimentaire"],
        "audiences": ["amapiens"],
        "network": "Réseau Alpha",
        "region": "Bretagne",
        "year": 2021,
    },
    {
        "id": "installation",
        "type": "guide",
        "title": "Réussir son installation en maraîchage",
        "summary": "Les étapes d'une installation agricole accompagnée par le réseau.",
        "body": "Avant de s'installer, un stage chez un paysan en AMAP aide beaucoup.",
        "themes": ["installation-transmission"],
        "audiences": ["porteurs-de-projet"],
        "year": 2019,
        "licence": "CC-BY-4.0",
    },
    {
        "id": "transmission",
        "type": "report",
        "title": "Transmettre sa ferme à un collectif",
        "summary": "Enquête auprès de cédants et de repreneurs.",
        "body": "La transmission se prépare dix ans à l'avance.",
        "themes": ["installation-transmission"],
        "network": "Réseau Beta",
        "region": "Occitanie",
        "year": 2023,
    },
    {
        "id": "paysanne",
        "type": "experience_sheet",
        "title": "Accueillir une paysanne en AMAP",
        "summary": "Une productrice de fromages rejoint le groupe.",
        "body": "Elle livre chaque jeudi.",
        "themes": ["accompagnement-paysans"],
        "year": 2020,
    },
    {
        "id": "verger",
        "type": "guide",
        "title": "Le paysan et son verger",
        "summary": "Tailler les arbres fruitiers au fil des saisons.",
        "body": "Des pommes et des poires.",
        "themes": ["accompagnement-paysans"],
        "year": 2018,
    },
    {
        "id": "bd",
        "type": "comic",
        "title": "La charte racontée en bande dessinée",
        "summary": "Huit planches pour découvrir les principes du mouvement.",
        "body": "Une lecture pour tous.",
        "themes": ["charte-ethique"],
        "audiences": ["grand-public"],
        "year": 2022,
    },
    {
        "id": "caisse",
        "type": "experience_sheet",
        "title": "Une caisse de solidarité après la grêle",
        "summary": "Les adhérents ont soutenu l'arboriculteur sinistré.",
        "body": "La grêle de juin a détruit la récolte de cerises.",
        "themes": ["cagnottes-solidaires", "aleas-de-production"],
        "network": "Réseau Alpha",
        "year": 2024,
    },
    {
        "id": "cagnotte",
        "type": "faq",
        "title": "Comment organiser une cagnotte ?",
        "summary": "Les règles simples d'une collecte entre adhérents.",
        "body": "Une cagnotte se décide en assemblée générale.",
        "themes": ["cagnottes-solidaires"],
        "year": 2022,
    },
    {
        "id": "compost-titre",
        "type": "guide",
        "title": "Composter à la distribution",
        "summary": "Un bac partagé pour les épluchures.",
        "body": "Le bac est vidé chaque mois.",
        "themes": ["territoires"],
        "year": 2017,
    },
    {
        "id": "compost-corps",
        "type": "guide",
        "title": "Animer une permanence",
        "summary": "Accueillir les adhérents au moment du panier.",
        "body": "On peut aussi proposer un compost collectif et parler des saisons.",
        "themes": ["vie-associative"],
        "year": 2016,
    },
    {
        "id": "prix-phrase",
        "type": "faq",
        "title": "Qu'est-ce que le prix juste ?",
        "summary": "Le prix juste rémunère le travail paysan.",
        "body": "Il se discute chaque année avec le producteur.",
        "themes": ["economie-fiscalite"],
        "year": 2015,
    },
    {
        "id": "prix-epars",
        "type": "guide",
        "title": "Budget de l'association",
        "summary": "Un juste équilibre entre cotisation et dépenses.",
        "body": "Le prix de la salle est la principale dépense.",
        "themes": ["economie-fiscalite"],
        "year": 2014,
    },
    {
        "id": "kit-corps",
        "type": "guide",
        "title": "Outils numériques libres",
        "summary": "Choisir des logiciels pour l'association.",
        "body": "Tenir le registre des traitements est une obligation.",
        "themes": ["numerique-rgpd"],
        "year": 2025,
    },
    {
        "id": "kit-piece",
        "type": "guide",
        "title": "Kit données",
        "summary": "Des modèles à télécharger.",
        "body": "Voir les documents joints.",
        "themes": ["numerique-rgpd"],
        "files": ["registre.pdf"],
        "year": 2025,
    },
    {
        "id": "brouillon",
        "type": "guide",
        "title": "Le zorglub en brouillon",
        "summary": "zorglub",
        "themes": ["numerique-rgpd"],
        "status": "draft",
    },
    {
        "id": "en-relecture",
        "type": "guide",
        "title": "Le zorglub en relecture",
        "summary": "zorglub",
        "themes": ["numerique-rgpd"],
        "status": "in_moderation",
    },
    {
        "id": "depubliee",
        "type": "guide",
        "title": "Le zorglub dépublié",
        "summary": "zorglub",
        "themes": ["numerique-rgpd"],
    },
    {
        "id": "privee",
        "type": "guide",
        "title": "Le zorglub privé",
        "summary": "zorglub",
        "themes": ["numerique-rgpd"],
    },
    {
        "id": "piece-privee",
        "type": "guide",
        "title": "Ressource publique avec pièce privée",
        "summary": "Une pièce jointe dans une collection privée.",
        "themes": ["vie-associative"],
        "files": ["secret.pdf"],
    },
]


def build(folder):
    """Import the corpus, then make some resources private or unpublished."""
    (folder / "registre.pdf").write_bytes(
        minimal_pdf("Modele de registre des traitements pour les AMAP")
    )
    (folder / "secret.pdf").write_bytes(minimal_pdf("zorglub confidentiel"))
    importer = importing.Importer()
    for number, data in enumerate(RESOURCES, start=1):
        spec = importing.validate(json.dumps(data), number, folder)
        importer.apply(spec)

    ResourcePage.objects.get(source_id="depubliee").unpublish()
    private = ResourcePage.objects.get(source_id="privee")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    root = Collection.get_first_root_node()
    hidden = root.add_child(name="Collection privée")
    CollectionViewRestriction.objects.create(collection=hidden, restriction_type="login")
    secret = ResourceDocument.objects.get(
        pk=ResourceDownload.objects.get(page__source_id="piece-privee").document_id
    )
    secret.collection = hidden
    secret.save()

    # Download counts for the "most downloaded" sort.
    for source_id, count in (("bd", 50), ("cagnotte", 30), ("verger", 10)):
        DownloadDay.objects.create(
            resource=ResourcePage.objects.get(source_id=source_id),
            day=datetime.date(2026, 11, 1),
            count=count,
        )


def ids(*source_ids):
    return {ResourcePage.objects.get(source_id=s).pk for s in source_ids}
