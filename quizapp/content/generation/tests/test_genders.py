"""A person's gender from their first name or title, so a pronoun stands only for a match."""

import pytest

from quizapp.content.generation.genders import gender_of, may_stand_for
from quizapp.content.generation.references import references_in


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("William Farr", "male"),
        ("Florence Nightingale", "female"),
        ("Mrs Thatcher", "female"),
        ("Sir Geoffrey Howe", "male"),
        ("Nightingale", ""),  # a surname alone
        ("Ibn Battuta", ""),  # a name the table does not know
    ],
)
def test_a_first_name_or_a_title_gives_the_gender(name, gender):
    assert gender_of(name) == gender


def test_a_pronoun_stands_only_for_a_person_it_agrees_with():
    assert may_stand_for("she", "Florence Nightingale")
    assert not may_stand_for("She", "William Farr")
    assert not may_stand_for("his", "Indira Gandhi")
    assert may_stand_for("he", "Ibn Battuta")
    assert may_stand_for("it", "William Farr")


def test_she_after_a_man_is_named_for_the_woman_before_him(read):
    [text] = read(
        "Florence Nightingale trained nurses in London. The statistician William Farr "
        "admired her work. In 1907 she became the first woman to receive the Order of Merit."
    )
    facts = text.facts
    [she] = [r for r in references_in(facts, facts.sentences[2]) if r.word == "she"]
    assert she.name == "Florence Nightingale"
