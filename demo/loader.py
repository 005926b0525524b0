"""Demo content: the French resources in demo/data/, plus what the import format does
not carry (comic credits, report findings, FAQ links...), and demo accounts."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files import File
from django.db import transaction

from wagtail.models import Page, Site

from home.models import HomePage, StandardPage
from resources import importing
from resources.models import (
    ComicPage,
    FaqPage,
    FaqRelatedLink,
    Network,
    NetworkMembership,
    ResourceImage,
    ResourceIndexPage,
    ResourcePage,
)

DEMO_DIR = Path(__file__).resolve().parent / "data"
DEMO_PASSWORD = "amapartage-demo"  # noqa: S105 - printed on purpose: demo accounts only
DEMO_ACCOUNTS = [
    # (username, first name, last name, is superuser)
    ("admin", "Camille", "Administratrice", True),
    ("moderatrice", "Dominique", "Modératrice", False),
    ("contributeur", "Sacha", "Contributeur", False),
]
# Role of each non-administrator demo account: its group, and for a contributor the network
# it writes for (this one if it exists, else the first network).
DEMO_ROLES = {
    "moderatrice": ("Modérateur·rices", None),
    "contributeur": ("Contributeur·rices", "Réseau AMAP Île-de-France"),
}

LEGAL_PAGES = {
    "mentions-legales": (
        "Mentions légales",
        [
            "AMAP'artage est publié par le MIRAMAP, Mouvement interrégional des AMAP.",
            "Les ressources sont publiées sous la licence indiquée sur chacune d'elles.",
        ],
    ),
    "donnees-personnelles": (
        "Données personnelles",
        [
            "AMAP'artage ne dépose aucun cookie de suivi et ne mesure pas l'audience : le seul "
            "cookie des pages publiques est celui qui protège les formulaires (jeton CSRF).",
            "Les téléchargements sont comptés sans garder d'adresse : un code calculé avec une "
            "clé changée chaque jour, effacée le lendemain, évite de compter deux fois la même "
            "personne dans la journée.",
            "Les recherches sans résultat sont notées, sans rien qui relie une recherche à une "
            "personne ; celles qui ressemblent à une adresse électronique ou à un numéro de "
            "téléphone ne sont pas notées.",
            "Quand vous proposez une ressource, votre nom et votre adresse servent à vous "
            "répondre ; ils ne sont jamais publiés et sont effacés six mois après la décision "
            "du comité de lecture.",
            "Les comptes des salarié·es et bénévoles des réseaux gardent leur nom, leur adresse "
            "et ce qu'ils ont rédigé. Les échecs de connexion sont gardés quinze minutes, le "
            "temps de protéger le compte.",
            "Pour obtenir ou faire effacer ce que nous savons de vous, écrivez au contact "
            "indiqué dans les mentions légales : nous répondons sous un mois.",
        ],
    ),
}


def ensure_site_tree():
    """The home page and the resource index, created if a database lacks them."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="AMAP'artage", slug="accueil"))
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "root_page": home, "site_name": "AMAP'artage"},
        )
    index_page = ResourceIndexPage.objects.first()
    if index_page is None:
        index_page = home.add_child(
            instance=ResourceIndexPage(title="Ressources", slug="ressources")
        )
    for slug, (title, paragraphs) in LEGAL_PAGES.items():
        if not StandardPage.objects.filter(slug=slug).exists():
            body = [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs]
            home.add_child(
                instance=StandardPage(title=title, slug=slug, body=body, show_in_menus=True)
            )
    return index_page


def load_resources(stdout=None, stderr=None):
    """Import the demo file; returns the counts per outcome."""
    path = DEMO_DIR / "resources.jsonl"
    importer = importing.Importer()
    counts = dict.fromkeys(
        (importing.CREATED, importing.UPDATED, importing.UNCHANGED, importing.REJECTED), 0
    )
    for number, line in importing.read_lines(path):
        try:
            spec = importing.validate(line, number, path.parent)
            counts[importer.apply(spec)] += 1
        except importing.LineError as exc:
            counts[importing.REJECTED] += 1
            if stderr:
                stderr.write(f"{path}:{number}: {exc}")
    apply_extras(importer)
    return counts


def _image(importer, relative):
    path = DEMO_DIR / relative
    sha1 = importing.sha1_of(path)
    image = ResourceImage.objects.filter(file_hash=sha1).first()
    if image is None:
        image = ResourceImage(
            title=path.stem.replace("-", " ").capitalize(),
            collection=importer.collection(),
            file_hash=sha1,
            file_size=path.stat().st_size,
        )
        with open(path, "rb") as f:
            image.file.save(path.name, File(f), save=False)
        image.save()
    return image


def apply_extras(importer):
    """Set what the import format cannot say; a revision only where something changes."""
    extras_path = DEMO_DIR / "extras.json"
    if not extras_path.exists():
        return
    extras = json.loads(extras_path.read_text(encoding="utf-8"))
    for source_id, values in extras.items():
        resource = ResourcePage.objects.filter(source_id=source_id).first()
        if resource is None:
            continue
        page = resource.specific.get_latest_revision_as_object()
        changed = False
        for name, value in values.items():
            if name == "preview_pages" and isinstance(page, ComicPage):
                blocks = [("page", _image(importer, rel)) for rel in value]
                if [b.value.pk for b in page.preview_pages] != [img.pk for _n, img in blocks]:
                    page.preview_pages = blocks
                    changed = True
            elif name == "related" and isinstance(page, FaqPage):
                targets = list(ResourcePage.objects.filter(source_id__in=value))
                targets.sort(key=lambda p: value.index(p.source_id))
                if [link.resource_id for link in page.related_links.all()] != [
                    t.pk for t in targets
                ]:
                    page.related_links = [
                        FaqRelatedLink(resource=t, sort_order=n) for n, t in enumerate(targets)
                    ]
                    changed = True
            elif hasattr(page, name):
                field = page._meta.get_field(name)
                value = field.to_python(value)
                if getattr(page, name) != value:
                    setattr(page, name, value)
                    changed = True
        if changed:
            with transaction.atomic():
                revision = page.save_revision(log_action=True)
                if resource.live:
                    revision.publish()


def ensure_accounts():
    User = get_user_model()
    created = []
    for username, first_name, last_name, is_superuser in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@amapartage.localhost",
            },
        )
        # Wagtail's admin needs no is_staff; only administrators reach the Django admin.
        user.is_staff = is_superuser
        user.is_superuser = is_superuser
        user.set_password(DEMO_PASSWORD)
        user.save()
        if username in DEMO_ROLES:
            _give_role(user, *DEMO_ROLES[username])
        created.append(user)
    return created


def _give_role(user, group_name, network_name):
    group = Group.objects.filter(name=group_name).first()
    if group is not None:
        user.groups.add(group)
    if network_name is not None:
        network = Network.objects.filter(name=network_name).first() or Network.objects.first()
        if network is not None:
            NetworkMembership.objects.get_or_create(user=user, network=network)
