"""Synthetic French resources in the import format, for benchmarks.

    python bench/generate_corpus.py SIZE OUT.jsonl [--seed 1] [--files 40]

Writes SIZE resources to OUT.jsonl (import format, version 1: `../shared/import-format.md`)
and a pool of DOCX attachments in `files/` beside it, which about a third of the resources
attach. The text is written the way the movement writes: each resource is about one or two
themes, with the words of those themes in their plural, verb and elided forms, inclusive
writing, headings and lists; titles, summaries, networks, years, audiences and licences vary
as they do in the real library. Same SIZE and seed, same file, byte for byte.

`python manage.py import_resources OUT.jsonl` loads it like any import; the search benchmark
loads it faster (bench/loader.py).
"""

import argparse
import json
import random
from pathlib import Path

THEMES = {
    "accessibilite-alimentaire": {
        "subjects": [
            "les paniers solidaires",
            "l'accessibilité alimentaire",
            "les contrats à prix adaptés",
            "la sécurité sociale de l'alimentation",
            "les paniers suspendus",
            "l'accueil des familles à petit budget",
            "les tarifs différenciés",
        ],
        "words": [
            "précarité",
            "accessibilité",
            "solidarité",
            "centre social",
            "épicerie solidaire",
            "chèques alimentaires",
            "cotisation",
            "prix libre",
            "familles",
            "bénéficiaires",
        ],
        "verbs": ["rendre accessibles", "partager", "financer", "accueillir", "orienter"],
    },
    "installation-transmission": {
        "subjects": [
            "l'installation agricole",
            "la transmission de la ferme",
            "les porteurs de projet",
            "l'espace-test agricole",
            "la reprise d'une exploitation",
            "le parrainage des nouveaux installés",
        ],
        "words": [
            "installation",
            "transmission",
            "foncier",
            "cédant",
            "repreneur",
            "stage",
            "couveuse",
            "terres agricoles",
            "bail rural",
            "Terre de Liens",
        ],
        "verbs": ["s'installer", "transmettre", "reprendre", "accompagner", "céder"],
    },
    "cagnottes-solidaires": {
        "subjects": [
            "la cagnotte solidaire",
            "la caisse de solidarité",
            "le fonds de solidarité",
            "les prêts entre amapiens",
            "le préfinancement des récoltes",
        ],
        "words": [
            "cagnotte",
            "don",
            "prêt",
            "avance de trésorerie",
            "remboursement",
            "collecte",
            "trésorier",
            "solidarité",
        ],
        "verbs": ["collecter", "soutenir", "rembourser", "avancer", "mutualiser"],
    },
    "aleas-de-production": {
        "subjects": [
            "les aléas climatiques",
            "la grêle",
            "la sécheresse",
            "les inondations",
            "la perte de récolte",
            "le partage des risques",
        ],
        "words": [
            "grêle",
            "gel",
            "sécheresse",
            "récolte",
            "aléa",
            "paniers réduits",
            "assurance",
            "calamité agricole",
            "serre",
            "irrigation",
        ],
        "verbs": ["partager les risques", "compenser", "replanter", "reporter", "prévenir"],
    },
    "creation-amap": {
        "subjects": [
            "la création d'une AMAP",
            "le premier contrat",
            "la recherche d'un paysan",
            "le lieu de distribution",
            "l'assemblée générale constitutive",
        ],
        "words": [
            "statuts",
            "contrat",
            "distribution",
            "adhésion",
            "bureau",
            "collectif",
            "réunion publique",
            "premier partenariat",
        ],
        "verbs": ["créer", "lancer", "démarrer", "réunir", "contractualiser"],
    },
    "reseaux-amap": {
        "subjects": [
            "le réseau régional",
            "l'animation du réseau",
            "les rencontres inter-AMAP",
            "la gouvernance partagée",
            "le MIRAMAP",
        ],
        "words": [
            "réseau",
            "fédération",
            "adhérents",
            "animateur",
            "salariée",
            "conseil d'administration",
            "mutualisation",
            "plaidoyer",
        ],
        "verbs": ["fédérer", "animer", "représenter", "coordonner", "mutualiser"],
    },
    "accompagnement-paysans": {
        "subjects": [
            "l'accompagnement des paysans",
            "la visite de ferme",
            "le diagnostic de ferme",
            "les chantiers participatifs",
            "le soutien aux maraîchers",
        ],
        "words": [
            "paysan",
            "maraîcher",
            "éleveuse",
            "ferme",
            "chantier",
            "diagnostic",
            "temps de travail",
            "revenu paysan",
        ],
        "verbs": ["accompagner", "soutenir", "visiter", "conseiller", "épauler"],
    },
    "territoires": {
        "subjects": [
            "le projet alimentaire territorial",
            "les collectivités",
            "la restauration collective",
            "les circuits courts",
            "l'agriculture périurbaine",
        ],
        "words": [
            "commune",
            "territoire",
            "élus",
            "cantine",
            "foncier public",
            "marché",
            "intercommunalité",
            "quartier",
        ],
        "verbs": ["mobiliser", "convaincre", "coopérer", "négocier", "implanter"],
    },
    "charte-ethique": {
        "subjects": [
            "la charte des AMAP",
            "l'agriculture paysanne",
            "la démarche participative de garantie",
            "les valeurs du mouvement",
            "l'agroécologie",
        ],
        "words": [
            "charte",
            "éthique",
            "transparence",
            "agriculture biologique",
            "engagement",
            "pesticides",
            "biodiversité",
            "garantie participative",
        ],
        "verbs": ["respecter", "évaluer", "garantir", "s'engager", "réviser"],
    },
    "numerique-rgpd": {
        "subjects": [
            "le RGPD en AMAP",
            "les outils numériques",
            "la gestion des contrats en ligne",
            "les données personnelles",
            "les logiciels libres",
        ],
        "words": [
            "RGPD",
            "données personnelles",
            "fichier des adhérents",
            "consentement",
            "logiciel libre",
            "tableur",
            "messagerie",
            "hébergement",
        ],
        "verbs": ["protéger", "informer", "numériser", "sécuriser", "archiver"],
    },
    "education-populaire": {
        "subjects": [
            "l'éducation populaire",
            "les animations pédagogiques",
            "les jeux de rôle",
            "le théâtre-forum",
            "les ateliers cuisine",
        ],
        "words": [
            "animation",
            "atelier",
            "jeu",
            "débat mouvant",
            "photolangage",
            "formation",
            "formateur",
            "participants",
        ],
        "verbs": ["animer", "former", "sensibiliser", "débattre", "faire découvrir"],
    },
    "economie-fiscalite": {
        "subjects": [
            "le prix du panier",
            "la fiscalité des associations",
            "la comptabilité de l'AMAP",
            "le revenu des paysans",
            "l'assurance de l'association",
        ],
        "words": [
            "prix",
            "budget",
            "comptabilité",
            "TVA",
            "facture",
            "cotisation",
            "rémunération",
            "coût de production",
        ],
        "verbs": ["calculer", "chiffrer", "déclarer", "équilibrer", "budgéter"],
    },
    "vie-associative": {
        "subjects": [
            "la vie associative",
            "l'accueil des nouveaux adhérents",
            "le renouvellement du bureau",
            "les permanences de distribution",
            "l'engagement bénévole",
        ],
        "words": [
            "bénévoles",
            "permanence",
            "assemblée générale",
            "bureau",
            "parrainage",
            "convivialité",
            "fête de la ferme",
            "lettre d'information",
        ],
        "verbs": ["mobiliser", "accueillir", "fidéliser", "renouveler", "impliquer"],
    },
    "gestion-de-crise": {
        "subjects": [
            "la gestion de crise",
            "le confinement",
            "les conflits entre adhérents",
            "la défaillance d'un producteur",
            "la médiation",
        ],
        "words": [
            "crise",
            "conflit",
            "médiation",
            "plan de continuité",
            "communication",
            "urgence",
            "cellule de crise",
            "protocole sanitaire",
        ],
        "verbs": ["gérer", "anticiper", "apaiser", "réorganiser", "communiquer"],
    },
}

# Type: weight (how often it appears, as in the real library).
TYPES = {
    "experience_sheet": 30,
    "guide": 22,
    "faq": 16,
    "report": 12,
    "video": 10,
    "training_catalogue": 6,
    "comic": 4,
}
AUDIENCES = [
    "amapiens",
    "paysans",
    "porteurs-de-projet",
    "reseaux",
    "formateurs",
    "scolaires",
    "collectivites",
    "grand-public",
]
LICENCES = [
    ("CC-BY-SA-4.0", 50),
    ("CC-BY-4.0", 15),
    ("CC-BY-NC-SA-4.0", 20),
    ("CC-BY-NC-ND-4.0", 10),
    ("all-rights-reserved", 5),
]
REGIONS = {
    "Auvergne-Rhône-Alpes": ["AMAP Auvergne-Rhône-Alpes", "AMAP Ardèche", "AMAP de l'Isère"],
    "Bourgogne-Franche-Comté": ["Réseau des AMAP de Bourgogne", "AMAP Franche-Comté"],
    "Bretagne": ["AMAP Bretagne", "Réseau des AMAP d'Ille-et-Vilaine"],
    "Centre-Val de Loire": ["AMAP Centre", "AMAP du Loiret"],
    "Grand Est": ["AMAP Grand Est", "Réseau des AMAP d'Alsace"],
    "Hauts-de-France": ["AMAP Hauts-de-France", "AMAP du Nord"],
    "Île-de-France": ["Réseau AMAP Île-de-France", "AMAP de Seine-Saint-Denis"],
    "Normandie": ["AMAP Normandie"],
    "Nouvelle-Aquitaine": ["AMAP Nouvelle-Aquitaine", "AMAP Gironde", "AMAP Limousin"],
    "Occitanie": ["AMAP Occitanie", "AMAP de l'Hérault", "AMAP Tarn"],
    "Pays de la Loire": ["Inter-AMAP 44", "AMAP Pays de la Loire"],
    "Provence-Alpes-Côte d'Azur": ["Alliance Provence", "AMAP des Alpes-Maritimes"],
    "": ["MIRAMAP", "Terre de Liens", "Confédération paysanne"],
}
PLACES = [
    "Lyon",
    "Rennes",
    "Montreuil",
    "Nantes",
    "Toulouse",
    "Besançon",
    "Lille",
    "Aubenas",
    "Quimper",
    "Marseille",
    "Die",
    "Figeac",
]
PRODUCTS = [
    "légumes",
    "pain",
    "œufs",
    "fromages de chèvre",
    "volailles",
    "pommes",
    "miel",
    "champignons",
    "viande d'agneau",
    "produits laitiers",
]
INCLUSIVE = [
    "paysan·nes",
    "adhérent·es",
    "producteur·rices",
    "bénévoles",
    "amapien·nes",
    "salarié·es",
    "élu·es",
    "agriculteur.rice.s",
]
TITLE_PATTERNS = {
    "experience_sheet": [
        "{Subject} : l'expérience de l'AMAP de {place}",
        "Comment l'AMAP de {place} a organisé {subject}",
        "{Subject} à {place} : retour d'expérience",
    ],
    "guide": [
        "Guide pratique : {subject}",
        "Kit {word} pour les AMAP",
        "Fiche méthode : {verb} en AMAP",
        "{Subject}, mode d'emploi",
    ],
    "faq": [
        "Comment {verb} quand on est une petite AMAP ?",
        "Que faire pour {subject} ?",
        "Peut-on {verb} sans {word} ?",
        "Qui s'occupe de {subject} dans l'AMAP ?",
    ],
    "report": [
        "Étude : {subject} dans les AMAP ({year})",
        "Rapport d'activité {year} : {subject}",
        "Enquête sur {subject} auprès des {inclusive}",
    ],
    "video": [
        "Webinaire : {subject}",
        "Vidéo : {verb} ensemble, l'exemple de {place}",
        "Rencontre en ligne sur {subject}",
    ],
    "training_catalogue": [
        "Catalogue de formations {year} : {subject}",
        "Animations pour {verb} : le catalogue",
    ],
    "comic": [
        "Bande dessinée : {subject}",
        "BD « {Subject} », pourquoi pas nous ?",
    ],
}
SENTENCES = [
    "À {place}, les {inclusive} ont travaillé sur {subject} pendant deux saisons.",
    "L'AMAP compte aujourd'hui {n} foyers et un partenariat avec {n2} fermes ({product}).",
    "Le groupe a choisi de {verb} avec le soutien du réseau, sans alourdir les permanences.",
    "La question de {word} est revenue à chaque assemblée générale.",
    "Les {inclusive} ont d'abord hésité, puis ont proposé une solution simple : {verb}.",
    "Un point d'attention : {word} demande du temps et une personne référente.",
    "Ce document rassemble les étapes, les outils et les erreurs à éviter pour {verb}.",
    "La ferme livre chaque semaine des {product} et participe aux réunions sur {subject}.",
    "Les retours des {inclusive} montrent que {word} renforce les liens avec les paysans.",
    "Pour {verb}, il faut compter trois réunions et un budget d'environ {n} euros.",
    "L'expérience a été présentée lors des rencontres régionales de {year}.",
    "Les {inclusive} de {place} ont rédigé un contrat type qui précise {word} et {word2}.",
    "D'autres AMAP du réseau ont repris l'idée en l'adaptant à leur territoire.",
    "Cette démarche s'inscrit dans la charte des AMAP et dans l'agriculture paysanne.",
    "Les premières distributions ont permis de tester {subject} à petite échelle.",
    "Un questionnaire envoyé aux adhérents a mesuré l'intérêt pour {word}.",
    "Le bilan, après {n2} ans, est positif : {word2} est devenu une habitude collective.",
    "Les difficultés rencontrées concernaient surtout {word} et la circulation de l'information.",
]
HEADINGS = {
    "experience_sheet": ["Contexte", "Ce qui a été fait", "Résultats", "Points d'attention"],
    "guide": ["Pourquoi", "Les étapes", "Les outils", "Pour aller plus loin"],
    "faq": [],
    "report": ["Méthode", "Principaux résultats", "Recommandations"],
    "video": ["Au programme", "Intervenant·es", "Ressources citées"],
    "training_catalogue": ["Présentation", "Modalités"],
    "comic": ["L'histoire", "Utiliser la BD en animation", "Commander des exemplaires"],
}
TAGS = [
    "panier",
    "contrat",
    "distribution",
    "bénévolat",
    "maraîchage",
    "élevage",
    "boulangerie",
    "outil",
    "modèle",
    "témoignage",
    "tableur",
    "affiche",
    "animation",
    "saison",
    "hiver",
    "été",
    "solidarité",
    "formation",
    "statuts",
    "budget",
]
DURATIONS = [30, 45, 60, 90, 120, 180]


def weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def capitalised(text):
    return text[:1].upper() + text[1:]


class Writer:
    """One resource at a time, from a seeded random generator."""

    def __init__(self, rng):
        self.rng = rng
        self.networks = [(region, name) for region, names in REGIONS.items() for name in names]

    def fill(self, pattern, themes, year):
        rng = self.rng
        theme = THEMES[rng.choice(themes)]
        subject = rng.choice(theme["subjects"])
        words = rng.sample(theme["words"], 2)
        values = {
            "subject": subject,
            "Subject": capitalised(subject),
            "word": words[0],
            "word2": words[1],
            "verb": rng.choice(theme["verbs"]),
            "place": rng.choice(PLACES),
            "inclusive": rng.choice(INCLUSIVE),
            "product": rng.choice(PRODUCTS),
            "year": year,
            "n": rng.randrange(20, 160),
            "n2": rng.randrange(2, 9),
        }
        return pattern.format(**values)

    def paragraph(self, themes, year, sentences):
        return " ".join(
            self.fill(self.rng.choice(SENTENCES), themes, year) for _ in range(sentences)
        )

    def body(self, kind, themes, year):
        rng = self.rng
        blocks = []
        headings = HEADINGS[kind] or [None]
        for heading in headings:
            if heading:
                blocks.append(f"## {heading}")
            for _ in range(rng.randint(1, 3)):
                blocks.append(self.paragraph(themes, year, rng.randint(3, 6)))
            if rng.random() < 0.35:
                items = [self.fill("{verb} : {word}", themes, year) for _ in range(3)]
                blocks.append("\n".join(f"- {capitalised(item)} ;" for item in items))
        return "\n\n".join(blocks)

    def resource(self, number, files):
        rng = self.rng
        kind = weighted(rng, TYPES.items())
        themes = rng.sample(list(THEMES), rng.choice([1, 1, 1, 2, 2, 3]))
        year = rng.randint(2008, 2026)
        region, network = rng.choice(self.networks)
        title = self.fill(rng.choice(TITLE_PATTERNS[kind]), themes, year)[:250]
        summary = self.paragraph(themes, year, 2)[:500]
        data = {
            "id": f"bench-{number:06d}",
            "type": kind,
            "title": title,
            "summary": summary,
            "body": self.body(kind, themes, year),
            "themes": themes,
            "tags": sorted(set(rng.sample(TAGS, rng.randint(0, 4)))),
            "network": network,
            "audiences": sorted(rng.sample(AUDIENCES, rng.randint(1, 3))),
            "year": year,
            "licence": weighted(rng, LICENCES),
        }
        if region:
            data["region"] = region
        if files and rng.random() < 0.35:
            data["files"] = sorted(rng.sample(files, rng.choice([1, 1, 2])))
        if kind == "video" and rng.random() < 0.5:
            data["url"] = f"https://videos.example.org/w/{number:06d}"
        if kind == "training_catalogue":
            data["activities"] = [
                {
                    "title": capitalised(self.fill("{verb} : {subject}", themes, year)),
                    "summary": self.paragraph(themes, year, 1),
                    "audiences": rng.sample(AUDIENCES, 2),
                    "duration_minutes": rng.choice(DURATIONS),
                    "group_size": f"{rng.randint(4, 8)} à {rng.randint(12, 25)} personnes",
                }
                for _ in range(rng.randint(3, 6))
            ]
        return data

    def attachment_text(self, themes):
        rng = self.rng
        parts = [
            self.paragraph(themes, rng.randint(2010, 2026), rng.randint(4, 8))
            for _ in range(rng.randint(6, 14))
        ]
        return parts


def write_attachments(writer, folder, count):
    """A pool of DOCX files (real ones, with text to extract) the resources share."""
    import docx

    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for n in range(count):
        themes = writer.rng.sample(list(THEMES), 2)
        name = f"files/annexe-{n:03d}-{themes[0]}.docx"
        path = folder.parent / name
        if not path.exists():
            document = docx.Document()
            document.add_heading(capitalised(THEMES[themes[0]]["subjects"][0]), level=1)
            for paragraph in writer.attachment_text(themes):
                document.add_paragraph(paragraph)
            document.core_properties.author = "AMAP'artage bench"
            document.save(path)
        else:
            writer.attachment_text(themes)  # keep the random sequence the same
        names.append(name)
    return names


def generate(size, out, seed=1, file_count=40):
    rng = random.Random(seed)
    writer = Writer(rng)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    files = write_attachments(writer, out.parent / "files", file_count) if file_count else []
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Corpus synthétique pour les mesures (bench/generate_corpus.py).\n")
        for number in range(1, size + 1):
            f.write(json.dumps(writer.resource(number, files), ensure_ascii=False) + "\n")
    return out


def count(minimum):
    """An argparse type: a whole number of at least `minimum`, refused in French otherwise."""

    def parse(value):
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"« {value} » n'est pas un nombre entier") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"{number} : il en faut au moins {minimum}")
        return number

    return parse


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=count(1), help="nombre de ressources")
    parser.add_argument("out", help="fichier JSONL à écrire")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--files", type=count(0), default=40, help="pièces jointes DOCX partagées")
    args = parser.parse_args()
    path = generate(args.size, args.out, seed=args.seed, file_count=args.files)
    print(f"{args.size} ressources écrites dans {path}")


if __name__ == "__main__":
    main()
