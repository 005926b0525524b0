"""The French analyzer and snippets, word by word."""

import pytest

from search import analysis, highlight, query, synonyms

SAME_TERMS = [
    ("accessibilite", "accessibilité"),
    ("ACCESSIBILITÉ", "accessibilité"),
    ("installations", "installation"),
    ("s'installer", "installation"),
    ("s’installer", "installation"),
    ("installés", "installation"),
    ("installée", "installation"),
    ("récoltes", "recolte"),
    ("l'AMAP", "AMAP"),
    ("d'accessibilité", "accessibilite"),
    ("paysan·ne", "paysanne"),
    ("paysan.ne", "paysan"),
    ("paysan·ne·s", "paysans"),
    ("paysan-ne-s", "paysannes"),
    ("paysan(ne)s", "paysan"),
    ("amapien·nes", "amapienne"),
    ("adhérent·es", "adhérents"),
    ("formateur·rice·s", "formatrice"),
    ("porteur·ses", "porteuse"),
    ("productrice", "producteur"),
    ("agricultrices", "agriculteur"),
    ("maraîchère", "maraîcher"),
    ("fermière", "fermier"),
    ("élu·es", "élu"),
    ("salarié·es", "salariée"),
    ("transmettre", "transmission"),
    ("transmis", "transmission"),
    ("cagnottes", "cagnotte"),
    ("grêle", "grele"),
    ("œuvre", "oeuvre"),
]


@pytest.mark.parametrize(("a", "b"), SAME_TERMS)
def test_forms_meet_on_the_same_terms(a, b):
    assert analysis.terms(a) == analysis.terms(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("paysan", "payer"), ("charte", "chartreuse"), ("grêle", "grille"), ("ferme", "fermeture")],
)
def test_different_words_stay_apart(a, b):
    assert analysis.terms(a) != analysis.terms(b)


def test_offsets_and_positions():
    text = "Transmettre sa ferme : l'accompagnement des paysan·nes d'Auvergne-Rhône-Alpes."
    tokens = analysis.analyze(text)
    assert [text[t.start : t.end] for t in tokens] == [
        "Transmettre",
        "ferme",
        "accompagnement",
        "paysan·nes",
        "Auvergne",
        "Rhône",
        "Alpes",
    ]
    # "sa" is a stopword: it still counts as a position, so phrases line up.
    assert [t.position for t in tokens[:2]] == [0, 2]


def test_stopwords_and_single_letters_are_dropped():
    assert analysis.terms("le la les de des à y a") == []
    assert analysis.terms("2024") == ["2024"]


def test_highlight_marks_every_form_and_escapes_everything_else():
    text = 'Les <b>paysannes</b> & "paysans" : l\'accessibilité <script>x</script>'
    match = {"paysan", "accessibl"}
    html = highlight.highlight_text(text, match)
    assert "<mark>paysannes</mark>" in html and "<mark>paysans</mark>" in html
    assert "<mark>accessibilité</mark>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;" in html and "&amp;" in html


def test_snippet_picks_the_passage_with_the_most_words():
    filler = " ".join(["mot"] * 80)
    body = f"Début grêle. {filler} La cagnotte après la grêle a aidé. {filler}"
    snippet = highlight.snippet([body], {"grel", "cagnott"})
    assert "<mark>cagnotte</mark>" in snippet and "<mark>grêle</mark>" in snippet
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert len(snippet) < 400


def test_query_plan_units_synonyms_and_phrases():
    table = synonyms.build_table([["caisse de solidarité", "cagnotte"], ["BD", "bande dessinée"]])
    plan = query.plan('caisse de solidarité "prix juste" BD', table)
    assert [u.terms for u in plan.units] == [("caiss", "solidair"), ("prix", "just"), ("bd",)]
    assert (("cagnott",), 0.7) in plan.units[0].alternatives
    assert plan.units[1].quoted and plan.units[1].alternatives == ((("prix", "just"), 1.0),)
    assert (("band", "dessin"), 0.7) in plan.units[2].alternatives


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "!!!", "« »", '"', "l' d'"])
def test_query_plan_of_nothing_is_empty(text):
    assert query.plan(text, synonyms.build_table([])).is_empty


def test_query_is_bounded():
    plan = query.plan("mot " * 5000, synonyms.build_table([]))
    assert len(plan.text) <= query.MAX_QUERY_CHARS
    long_plan = query.plan(" ".join(f"mot{n}" for n in range(100)), synonyms.build_table([]))
    assert len(long_plan.units) == query.MAX_UNITS


def test_long_questions_need_half_their_words_and_reward_neighbours():
    table = synonyms.build_table([])
    question = query.plan("que faire si la grêle a détruit les cultures du maraîcher ?", table)
    assert question.question and len(question.units) == 4
    assert question.required == 2  # half, where keywords need all but one
    assert [terms for terms, _text in question.proximity_pairs()] == [
        ("grel", "detruit"),
        ("detruit", "cultur"),
        ("cultur", "maraich"),
    ]
    assert question.proximity_pairs()[0][1] == "grêle détruit"  # as written, for Elasticsearch
    # Matching every word of a long question mostly means matching its fillers too: no
    # all-words bonus there; keywords and short questions keep it.
    assert not question.rewards_all_words
    keywords = query.plan("grêle cultures détruites maraîcher", table)
    assert not keywords.question and keywords.required == 3 and not keywords.proximity_pairs()
    assert keywords.rewards_all_words
    short = query.plan("qui décide du prix du panier ?", table)
    assert short.question and short.required == len(short.units) - 1
    assert not short.proximity_pairs() and short.rewards_all_words
    assert not query.plan("grêle", table).rewards_all_words  # one word: nothing to reward
    assert query.plan("comment faire si le paysan ne peut pas venir", table).units[-1].words == (
        "venir",
    )  # « pas » is a filler of questions


def test_a_suggestion_respells_accents_and_forgiven_typos_not_real_words():
    never = lambda _word: False  # noqa: E731 - no dictionary
    assert query.respelling("grele", "grêle", never)  # accents given back
    assert query.respelling("grelle", "grêle", never)  # a typo the stemmer forgave
    assert not query.respelling("grêle", "grêle", never)  # already as written
    assert not query.respelling("grelle", "grêle", lambda word: word == "grelle")  # a real word
    assert not query.respelling("paniers", "panifiable", never)  # farther than a typo
