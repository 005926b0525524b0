"""The general thesaurus bridges only words the library lacks, to words it has (issue 13)."""

from django.test import override_settings

import pytest

from search import analysis, synonyms, thesaurus
from search import query as query_plan
from search.query import MAX_BRIDGES, RARE_DOCS, THESAURUS_BOOST

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
"""


@pytest.fixture
def small_thesaurus(tmp_path):
    path = tmp_path / "thes_fr.dat"
    path.write_text(DAT, encoding="utf-8")
    with override_settings(SEARCH_THESAURUS=str(path)):
        thesaurus.forget()
        yield path
    thesaurus.forget()


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


def test_a_typo_is_corrected_not_bridged(small_thesaurus):
    plan = query_plan.plan("taxe", TABLE).with_typos({0: [("tax", 1, 3)]})
    assert plan.with_bridges(frequencies(impot=4)).units == plan.units
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
