"""Cloze: a sentence of the text with one key name, place, date or number blanked out."""

import pytest

from quizapp.content.generation.cloze import cloze_items
from quizapp.content.rules import BLANK

BRIDGE = (
    "The engineer Clara Voss designed the Orla Bridge in 1928. The city council opened the "
    "bridge in 1931 after four years of work. Voss retired."
)


@pytest.fixture(scope="module")
def blanks(read):
    [bridge] = read(BRIDGE)
    return list(cloze_items(bridge.document, bridge.doc))


def test_each_blank_is_the_sentence_with_one_answer_taken_out(blanks):
    assert blanks
    for q in blanks:
        assert q.kind == "cloze"
        assert q.prompt.count(BLANK) == 1
        assert q.prompt.replace(BLANK, q.answer) == q.source_text
        assert q.problems() == []


def test_names_dates_and_amounts_are_blanked(blanks):
    answers = {q.answer for q in blanks}
    assert {"Clara Voss", "Orla Bridge", "1928", "1931", "four years"} <= answers


def test_a_blank_accepts_the_other_ways_to_write_its_answer(blanks):
    by_answer = {q.answer: q for q in blanks}
    assert "Voss" in by_answer["Clara Voss"].alternatives
    assert "4 years" in by_answer["four years"].alternatives


def test_a_sentence_too_short_to_say_what_is_asked_gives_no_blank(blanks):
    assert not any(q.source_text == "Voss retired." for q in blanks)


def test_one_blank_per_sentence_and_answer(blanks):
    keys = [q.fact[:3] for q in blanks]
    assert len(keys) == len(set(keys))


def test_without_an_analysis_there_are_no_blanks(read):
    [bridge] = read(BRIDGE)
    assert list(cloze_items(bridge.document, None)) == []


def test_a_persons_age_is_not_blanked(read):
    [text] = read(
        "The find was made on 5 July 2009 by Terry Hale, 55, from Burntwood in Staffordshire."
    )
    answers = {q.answer for q in cloze_items(text.document, text.doc)}
    assert "55" not in answers
    assert "Terry Hale" in answers or "Burntwood" in answers
    [text] = read("Terry Hale, a 55-year-old builder from Burntwood, found the hoard in 2009.")
    answers = {q.answer for q in cloze_items(text.document, text.doc)}
    assert "55-year-old" not in answers
    assert "Burntwood" in answers or "Terry Hale" in answers


def test_a_country_is_not_blanked_beside_a_city_the_gazetteer_puts_in_it(read):
    # The tagger may take a city for an organisation; the gazetteer still knows it.
    [text] = read(
        "The Orla Mill stood in the city of Agra, in northern India, and Maria Kell ran it. "
        "Maria Kell later moved to Lyon with her brother Tomas Kell."
    )
    answers = {q.answer for q in cloze_items(text.document, text.doc)}
    assert "India" not in answers
    assert "Maria Kell" in answers or "Lyon" in answers


def test_a_capital_is_not_blanked_beside_its_country(read):
    [text] = read(
        "In January 1973 Ada Park won the title in Kingston, Jamaica, before 30,000 fans."
    )
    answers = {q.answer for q in cloze_items(text.document, text.doc)}
    assert "Kingston" not in answers
    assert "Ada Park" in answers or "30,000 fans" in answers


def test_a_figure_the_sentences_other_figures_make_is_not_blanked(read):
    [text] = read(
        "date 2024-05-02 Of the $1.5 million prize fund, $900,000 goes to the Vell team and "
        "the Orla team receives $600,000. Ana Roth was born in Leeds in 1963 and won the Vell "
        "Prize in 2024, aged 61."
    )
    answers = {q.answer for q in cloze_items(text.document, text.doc)}
    assert "Leeds" in answers
    # $1.5 million less $900,000 is $600,000; 2024 less 61 is 1963
    assert not {"$600,000", "$900,000", "$1.5 million", "1963", "2024", "61"} & answers
