"""The general thesaurus bridges only words the library lacks, to words it has (issue 13);
the spelling dictionary tells a real word the library lacks from a typo."""

from django.test import override_settings

import pytest

from search import analysis, dictionary, synonyms, thesaurus
from search import query as query_plan
from search.query import MAX_BRIDGES, RARE_DOCS, REAL_WORD_TYPO_SHARE, THESAURUS_BOOST, typo_boost

TABLE = synonyms.build_table([["papiers", "documents"]])
# A small thesaurus in mythes' own format (the encoding line, then « word|meanings » and one
# « (part of speech)|synonym|… » line per meaning).
DAT = """UTF-8
brouille|2
(Nom Verbe)|bouderie|désaccord|dispute|différend (familier)
(Adjectif)|trouble|terne
taxe|1
(Nom)|impôt|fisc|redevance|octroi|contribution
convaincre|1
(Verbe)|décider|persuader
panier|1
(Nom)|corbeille|cabas
papier|1
(Nom)|feuille|texte
argent|1
(Nom)|monnaie|caisse|fric
"""
# A small spelling dictionary in Hunspell's own format (Debian's hunspell-fr: long flags,
# stems that need an affix, suffix rules with a condition on the stem's end; a proper noun).
AFF = """SET UTF-8
FLAG long
NEEDAFFIX ()
FORBIDDENWORD {}
SFX S. Y 2
SFX S. 0 0/L'D'Q' [^sxz] is:sg
SFX S. 0 s/D'Q' [^sxz] is:pl
SFX F. Y 4
SFX F. 0 0/L'D'Q' [^sxz] is:mas is:sg
SFX F. 0 s/D'Q' [^sxz] is:mas is:pl
SFX F. 0 e/L'D'Q' [^e][knmrt] is:fem is:sg
SFX F. 0 es/D'Q' [^e][knmrt] is:fem is:pl
SFX vA Y 2
SFX vA ettre ettre/n'q'd'l'm't's' mettre po:infi
SFX vA ettre ettons/n'q'l't' mettre po:ipre po:1pl
"""
DIC = """10
pop/S.() po:nom
argent/S.() po:nom is:mas
chèque/S.() po:nom is:mas
brouille/S.() po:nom is:fem
taxe/S.() po:nom is:fem
agent/F.() po:nom
adhérant/F.() po:adj
transmettre/vA() po:v3
transmett/{} po:v3
Agen/L'D'Q' po:npr
"""


@pytest.fixture
def small_thesaurus(tmp_path):
    path = tmp_path / "thes_fr.dat"
    path.write_text(DAT, encoding="utf-8")
    with override_settings(SEARCH_THESAURUS=str(path)):
        thesaurus.forget()
        yield path
    thesaurus.forget()


@pytest.fixture
def small_dictionary(tmp_path):
    (tmp_path / "fr_test.aff").write_text(AFF, encoding="utf-8")
    path = tmp_path / "fr_test.dic"
    path.write_text(DIC, encoding="utf-8")
    with override_settings(SEARCH_DICTIONARY=str(path)):
        dictionary.forget()
        yield path
    dictionary.forget()


@pytest.fixture
def no_dictionary():
    with override_settings(SEARCH_DICTIONARY=""):
        dictionary.forget()
        yield
    dictionary.forget()


def frequencies(**counts):
    """doc_freq over folded stems: {term: resources}, 0 for any other term."""
    return lambda term: counts.get(term, 0)


def test_nouns_synonyms_as_index_terms_singular_looked_up(small_thesaurus):
    assert thesaurus.synonyms("brouille") == (
        ("bouder", "bouderie"),
        (analysis.terms("désaccord")[0], "désaccord"),
        ("disput", "dispute"),
        (analysis.terms("différend")[0], "différend"),
    )  # the adjective meaning is left out, and « (familier) » too
    assert [word for _t, word in thesaurus.synonyms("Taxes")][:2] == ["impôt", "fisc"]
    assert thesaurus.synonyms("convaincre") == ()  # a verb: its senses are too many
    assert thesaurus.synonyms("zzqxw") == ()


def test_without_the_package_nothing_is_bridged(tmp_path):
    with override_settings(SEARCH_THESAURUS=str(tmp_path / "absent.dat")):
        thesaurus.forget()
        assert not thesaurus.available()
        assert thesaurus.synonyms("brouille") == ()
        plan = query_plan.plan("brouille", TABLE)
        assert plan.units[0].thesaurus == () and not plan.thesaurus_terms()
    with override_settings(SEARCH_THESAURUS=""):
        thesaurus.forget()
        assert thesaurus.synonyms("brouille") == ()
    thesaurus.forget()


def test_an_absent_word_is_bridged_to_synonyms_the_library_has(small_thesaurus):
    plan = query_plan.plan("brouille avec le paysan", TABLE)
    desaccord = analysis.terms("désaccord")[0]
    bridged = plan.with_bridges(frequencies(paysan=9, **{desaccord: 1}))
    unit = bridged.units[0]
    assert unit.bridged
    # Only the synonym found in the library, weighing less than the movement's synonyms.
    assert unit.alternatives == ((("brouill",), 1.0), ((desaccord,), THESAURUS_BOOST))
    assert THESAURUS_BOOST < synonyms.SYNONYM_BOOST
    assert unit.texts[(desaccord,)] == "désaccord"  # as written, for Elasticsearch
    assert bridged.units[1] == plan.units[1]


def test_a_word_the_library_has_is_never_expanded(small_thesaurus):
    plan = query_plan.plan("brouille", TABLE)
    common = plan.with_bridges(frequencies(brouill=RARE_DOCS + 1, desaccord=5, disput=5))
    assert common.units == plan.units and not common.units[0].bridged
    # Nor a word one of whose movement synonyms the library has (« papiers » → « documents »).
    documents = query_plan.plan("papiers", TABLE)
    assert documents.units[0].thesaurus  # « papier » has synonyms…
    stem = analysis.terms("documents")[0]
    library = frequencies(feuill=2, text=2, **{stem: 4})
    assert documents.with_bridges(library).units == documents.units  # …not needed
    assert documents.with_bridges(frequencies(feuill=2)).units[0].bridged


def test_no_library_synonym_no_bridge_and_at_most_a_few(small_thesaurus):
    plan = query_plan.plan("taxe", TABLE)
    assert plan.with_bridges(frequencies()).units == plan.units  # absent stays absent
    every = {term: 3 for term, _word in plan.units[0].thesaurus}
    unit = plan.with_bridges(frequencies(**every)).units[0]
    assert len(unit.alternatives) == 1 + MAX_BRIDGES
    assert [a[0][0] for a in unit.alternatives[1:]] == [
        t for t, _w in plan.units[0].thesaurus[:MAX_BRIDGES]
    ]


def test_quoted_phrases_and_short_words_are_not_looked_up(small_thesaurus):
    assert not query_plan.plan('"brouille taxe"', TABLE).thesaurus_terms()
    assert query_plan.plan("brouille", TABLE).thesaurus_terms() >= {"brouill", "bouder"}


def test_a_typo_is_corrected_not_bridged(small_thesaurus, small_dictionary):
    # A word the dictionary does not know (here: the dictionary lacks it, as for a
    # misspelling) one edit from a word of the library: a typo, corrected, not bridged.
    with override_settings(SEARCH_DICTIONARY=""):
        dictionary.forget()
        plan = query_plan.plan("taxe", TABLE).with_typos({0: [("tax", 1, 3)]})
    dictionary.forget()
    assert not plan.units[0].real_word and plan.units[0].correction_shown
    assert plan.with_bridges(frequencies(impot=4)).units == plan.units
    # A real word of the dictionary is no typo of the library's close word: bridged instead.
    real = query_plan.plan("taxe", TABLE).with_typos({0: [("tax", 1, 3)]})
    unit = real.with_bridges(frequencies(impot=4)).units[0]
    assert unit.bridged and unit.typos == () and not unit.correction_shown
    assert unit.alternatives[1:] == ((("impot",), THESAURUS_BOOST),)
    # Close spellings two edits away only: a real word the library lacks, bridged instead.
    far = query_plan.plan("taxes", TABLE).with_typos({0: [("tabl", 2, 3)]})
    unit = far.with_bridges(frequencies(impot=4)).units[0]
    assert unit.bridged and unit.typos == ()
    assert unit.alternatives[1:] == ((("impot",), THESAURUS_BOOST),)


def test_a_bridge_to_a_word_of_the_movements_list_brings_its_group(small_thesaurus):
    table = synonyms.build_table([["conflit", "désaccord", "litige"]])
    plan = query_plan.plan("brouille", table)
    desaccord = analysis.terms("désaccord")[0]
    unit = plan.with_bridges(frequencies(**{desaccord: 1})).units[0]
    assert [terms for terms, _boost in unit.alternatives] == [
        ("brouill",),
        (desaccord,),
        tuple(analysis.terms("conflit")),
        tuple(analysis.terms("litige")),
    ]
    assert {boost for _terms, boost in unit.alternatives[1:]} == {THESAURUS_BOOST}
    assert unit.texts[tuple(analysis.terms("conflit"))] == "conflit"


# -- the spelling dictionary: a real word is not a typo --------------------------------------
def test_real_words_in_their_inflections_with_or_without_accents(small_dictionary):
    assert dictionary.available()
    for word in ("argent", "chèques", "cheques", "CHÈQUE", "agentes", "transmettons", "adherant"):
        assert dictionary.is_word(word), word
    # Misspellings, a stem that is no word by itself or is forbidden, a proper noun, numbers.
    for word in ("cagnote", "transmetre", "argant", "transmett", "agen", "2024", ""):
        assert not dictionary.is_word(word), word


def test_without_the_dictionary_every_word_may_be_a_typo(tmp_path):
    with override_settings(SEARCH_DICTIONARY=str(tmp_path / "absent.dic")):
        dictionary.forget()
        assert not dictionary.available() and not dictionary.is_word("argent")
        plan = query_plan.plan("argent", TABLE).with_typos({0: [("agent", 1, 5)]})
        assert not plan.units[0].real_word and plan.units[0].correction_shown
        assert plan.units[0].typos == ((("agent",), typo_boost(1)),)  # as before
    with override_settings(SEARCH_DICTIONARY=""):
        dictionary.forget()
        assert not dictionary.is_word("argent")
    dictionary.forget()


def test_a_real_word_the_library_lacks_is_bridged_not_corrected(small_thesaurus, small_dictionary):
    text = "qui s'occupe de l'argent et des chèques dans une AMAP ?"
    plan = query_plan.plan(text, TABLE)
    argent = next(u for u in plan.units if u.words == ("argent",))
    assert argent.real_word
    index = plan.units.index(argent)
    # The library lacks « argent »; « agents » is one edit away on the stems.
    typed = plan.with_typos({index: [("agent", 1, 5)]})
    assert not typed.units[index].correction_shown  # never « l'agents »
    caisse = analysis.terms("caisse")[0]
    unit = typed.with_bridges(frequencies(cheque=3, amap=9, **{caisse: 2})).units[index]
    assert unit.bridged and unit.typos == ()  # its bridge replaces the close spelling
    assert unit.alternatives[1:] == (((caisse,), THESAURUS_BOOST),)


def test_a_real_word_without_bridge_searches_its_close_spellings_lower(
    small_thesaurus, small_dictionary
):
    # « adhérant » (a real word, the participle) for the library's « adhérent »: a real-word
    # typo perhaps; the thesaurus has no bridge: the close spelling is searched, weighing
    # less than a typo's and below a bridge, and not shown as a correction.
    plan = query_plan.plan("adhérant", TABLE).with_typos({0: [("adherent", 1, 7)]})
    unit = plan.with_bridges(frequencies(adherent=7)).units[0]
    assert unit.real_word and unit.corrected and not unit.bridged
    assert not unit.correction_shown
    assert unit.typos == ((("adherent",), pytest.approx(typo_boost(1) * REAL_WORD_TYPO_SHARE)),)
    assert typo_boost(2) * REAL_WORD_TYPO_SHARE < typo_boost(1) * REAL_WORD_TYPO_SHARE
    assert typo_boost(1) * REAL_WORD_TYPO_SHARE < THESAURUS_BOOST


def test_misspellings_are_corrected_as_before(small_thesaurus, small_dictionary):
    for word, close in (("cagnote", "cagnott"), ("transmetre", "transmettr")):
        plan = query_plan.plan(word, TABLE).with_typos({0: [(close, 1, 4)]})
        unit = plan.with_bridges(frequencies(**{close: 4})).units[0]
        assert not unit.real_word and unit.correction_shown
        assert unit.typos == (((close,), typo_boost(1)),)
    # A real word cut short (« pop » for the library's « populaire ») is completed as before.
    cut = query_plan.plan("educ pop", TABLE).with_typos({1: [("populair", 1, 3)]}).units[1]
    assert cut.correction_shown and cut.typos == ((("populair",), typo_boost(1)),)
    # Quoted phrases and short words are never looked up.
    assert not query_plan.plan('"argent"', TABLE).units[0].real_word
