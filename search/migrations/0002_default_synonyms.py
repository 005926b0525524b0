"""The movement's synonyms shipped with the project; moderators edit them afterwards."""

from django.db import migrations

# Frozen copy of search.synonyms.DEFAULT_GROUPS as shipped.
DEFAULT_GROUPS = [
    ("bande dessinée, bandes dessinées, BD, bédé", "BD est l'abréviation courante"),
    ("paysan, producteur, agriculteur, fermier, exploitant agricole", "Les métiers de la ferme"),
    ("amapien, adhérent, mangeur, consommateur, consom'acteur", "Les membres d'une AMAP"),
    (
        "cagnotte, caisse de solidarité, fonds de solidarité, fonds solidaire, caisse solidaire",
        "Les outils de solidarité financière",
    ),
    ("aléa, aléas climatiques, intempérie, calamité agricole, sinistre", "Les coups durs"),
    (
        "transmission de ferme, transmettre sa ferme, transmission agricole, cession de ferme, "
        "céder sa ferme, reprise de ferme, reprendre une ferme",
        "La transmission des fermes",
    ),
    ("cédant, repreneur", "Les deux côtés d'une transmission"),
    (
        "installation, s'installer, installation agricole, nouvel installé",
        "L'installation paysanne",
    ),
    ("porteur de projet, candidat à l'installation, futur paysan", "Avant l'installation"),
    ("RGPD, données personnelles, protection des données, vie privée", "Le règlement européen"),
    (
        "accessibilité alimentaire, précarité alimentaire, justice alimentaire, "
        "paniers solidaires, panier solidaire",
        "L'accès de tous à une alimentation choisie",
    ),
    ("prix différencié, prix solidaire, tarif solidaire, double tarif", "Les prix adaptés"),
    ("webinaire, visioconférence, web-conférence, vidéo", "Les réunions en ligne"),
    ("collectivité, commune, mairie, intercommunalité, élu", "Les pouvoirs publics locaux"),
    ("projet alimentaire territorial, PAT", "Abréviation courante"),
    ("charte, charte des AMAP", "Le texte de référence du mouvement"),
    ("distribution, livraison, permanence", "Le moment du panier"),
    ("contrat, engagement", "L'engagement réciproque"),
    ("bénévole, volontaire", "Les personnes qui donnent de leur temps"),
    ("logiciel libre, outil libre", "Le numérique choisi par le mouvement"),
    ("éducation populaire, sensibilisation", "Faire connaître les AMAP"),
    ("gouvernance, vie associative, conseil d'administration, collégiale", "Vie de l'association"),
    ("fiscalité, impôts, TVA", "Questions fiscales"),
    ("covid, confinement, crise sanitaire, pandémie", "La crise sanitaire de 2020"),
    ("FAQ, question, questions-réponses", "Les questions fréquentes"),
]


def load_synonyms(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    if SynonymGroup.objects.exists():
        return
    SynonymGroup.objects.bulk_create(
        SynonymGroup(terms="\n".join(t.strip() for t in terms.split(",")), note=note)
        for terms, note in DEFAULT_GROUPS
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(load_synonyms, migrations.RunPython.noop)]
