"""A typed answer is accepted in the other ways a student may write it."""

import datetime as dt

import pytest

from quizapp.content.generation.short_answer import alternatives_for, date_alternatives, spell_date

PEOPLE = "Sara Lind met with Jonas Ek in Oslo. Later Lind flew to Bergen to meet the press."


@pytest.fixture(scope="module")
def people(read):
    [found] = read(PEOPLE)
    return found


def test_a_date_is_spelled_as_a_reader_writes_it():
    assert spell_date(dt.date(2023, 11, 4)) == "November 4, 2023"


def test_a_date_is_accepted_in_its_common_spellings():
    accepted = date_alternatives(dt.date(2023, 11, 4))
    assert "2023-11-04" in accepted
    assert "4 November 2023" in accepted
    assert "4/11/2023" in accepted and "11/4/2023" in accepted


def test_a_person_is_accepted_by_the_shorter_names_the_text_uses(people):
    assert alternatives_for("Sara Lind", "person", people.facts) == ("Lind",)
    assert alternatives_for("Jonas Ek", "person", people.facts) == ("Ek",)


def test_a_place_may_be_typed_with_the():
    assert alternatives_for("Orla Bridge", "place") == ("the Orla Bridge",)


def test_numbers_accept_words_or_digits_and_drop_a_hedge():
    assert alternatives_for("four minutes", "number") == ("4 minutes",)
    assert alternatives_for("12 years", "number") == ("twelve years",)
    assert alternatives_for("about 5 days", "number") == ("5 days", "five days")
    assert alternatives_for("400 people", "number") == ()


def test_other_kinds_have_no_alternatives():
    assert alternatives_for("1931", "date") == ()
