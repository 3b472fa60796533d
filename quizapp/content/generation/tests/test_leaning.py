"""Subjects named by their sort alone and phrases that stand for something said before."""

import pytest

from quizapp.content.generation.leaning import (
    back_references,
    unnamed_definites,
    unnamed_subjects,
)

TEXT = (
    "The Varde Expedition left Oslo in 1911. The expedition was led by Arne Holt. "
    "Farmers often raise the level of this gas in greenhouses. "
    "Green plants do this only in the light. "
    "In 1840 a Dutch engineer proposed one lit by gas lamps. "
    "Each one of the lamps was lit that morning, and no one saw the two workers greet one another."
)


@pytest.fixture(scope="module")
def facts(read):
    [found] = read(TEXT)
    return found.facts


def test_a_subject_named_by_its_sort_is_found_and_a_named_one_is_not(facts):
    assert unnamed_subjects(facts, facts.sentences[0]) == []
    assert unnamed_subjects(facts, facts.sentences[1]) == ["The expedition"]


def test_a_demonstrative_and_do_this_are_back_references(facts):
    assert back_references(facts, facts.sentences[0]) == []
    assert back_references(facts, facts.sentences[2]) == ["this gas"]
    assert back_references(facts, facts.sentences[3]) == ["do this"]


def test_one_standing_for_a_noun_is_a_back_reference_and_other_ones_are_not(facts):
    assert back_references(facts, facts.sentences[4]) == ["one"]
    assert back_references(facts, facts.sentences[5]) == []  # a time is left to `occasion`


def test_a_definite_holding_no_name_number_or_date_is_unnamed(read):
    [text] = read(
        "The Varde Expedition left Oslo in 1911. Speaking in Bergen, the leader called the "
        "voyage the hardest since 1888, and the people who sailed with him agreed."
    )
    found = unnamed_definites(text.facts, text.facts.sentences[1])
    assert "the leader" in found and "the voyage" in found
    assert not any("people" in phrase for phrase in found)  # a relative clause defines it
    assert unnamed_definites(text.facts, text.facts.sentences[0]) == []


def test_another_and_each_one_stand_for_something_said_before(read):
    [text] = read(
        "In 1876 another German, Oskar Veit, studied the eggs of sea urchins. "
        "In humans each one holds 46 chromosomes."
    )
    facts = text.facts
    assert back_references(facts, facts.sentences[0]) == ["another German"]
    assert back_references(facts, facts.sentences[1]) == ["each one"]


def test_a_nationality_or_both_does_not_say_which_one_is_meant(read):
    [text] = read(
        "The Indian mission cost about 6 billion rupees. Both machines run on solar power."
    )
    facts = text.facts
    assert unnamed_definites(facts, facts.sentences[0]) == ["The Indian mission"]
    assert unnamed_definites(facts, facts.sentences[1]) == ["Both machines"]
