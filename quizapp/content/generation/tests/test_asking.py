"""A fact asked as who / what / where / when: multiple choice when three sure distractors
exist, and always a short answer."""

import pytest

from quizapp.content.generation.asking import (
    SHORT_ANSWER_PENALTY,
    WhFact,
    actors_of,
    questions_for,
    related_places,
)
from quizapp.content.generation.gazetteer import sort_of

CHOIR = (
    "The Rivel Choir sang in Lyon in March 2019. Its founder, Anne Joly, met Paul Brun and "
    "Luc Marin in Toulouse. Brun led the choir for 12 years."
)
TOWN = "Greenfield, Vermont, hosted the fair. Bakers from Boston came too."


@pytest.fixture(scope="module")
def texts(read):
    return read(CHOIR, TOWN)


@pytest.fixture(scope="module")
def choir(texts):
    return texts[0].facts


def fact(facts, prompt, answer, kind, sentence, **extra):
    return WhFact(
        prompt=prompt,
        answer=answer,
        kind=kind,
        source_text=facts.sentences[sentence].text,
        score=0.7,
        fact=("asked", answer),
        generator="events",
        **extra,
    )


def by_kind(questions):
    return {q.kind: q for q in questions}


def test_a_city_is_asked_among_other_cities_and_also_typed(choir):
    asked = by_kind(
        questions_for(
            fact(
                choir, "Where did Anne Joly meet Paul Brun and Luc Marin?", "Toulouse", "place", 1
            ),
            choir,
            None,
        )
    )
    choice = asked["multiple_choice"]
    assert len(choice.choices) == 4 and "Toulouse" in choice.choices
    assert all(sort_of(c) == "city" for c in choice.choices)
    typed = asked["short_answer"]
    assert typed.score == pytest.approx(choice.score - SHORT_ANSWER_PENALTY)
    assert typed.fact == choice.fact  # one fact: selection asks it once


def test_an_amount_is_offered_other_amounts_of_its_unit(choir):
    asked = by_kind(
        questions_for(
            fact(
                choir, "For how many years did Paul Brun lead the choir?", "12 years", "number", 2
            ),
            choir,
            None,
        )
    )
    assert all(c.endswith(" years") for c in asked["multiple_choice"].choices)
    assert "twelve years" in asked["short_answer"].alternatives


def test_a_share_is_typed_not_chosen(choir):
    asked = by_kind(
        questions_for(
            fact(choir, "What share of the seats did the choir fill?", "58 per cent", "number", 2),
            choir,
            None,
        )
    )
    assert set(asked) == {"short_answer"}


def test_a_question_that_names_its_answer_is_not_asked(choir):
    gives_away = fact(choir, "Who founded the choir with Anne Joly?", "Anne Joly", "person", 1)
    assert list(questions_for(gives_away, choir, None)) == []
    # "Brun" is how the text names Paul Brun again: it gives him away too.
    by_surname = fact(choir, "Which Brun led the choir for 12 years?", "Paul Brun", "person", 2)
    assert list(questions_for(by_surname, choir, None)) == []


def test_a_garbled_prompt_is_not_asked(choir):
    garbled = fact(choir, "Where did Anne Joly meet after?", "Toulouse", "place", 1)
    assert list(questions_for(garbled, choir, None)) == []


ROLE_HOLDERS = ("Eva Roy", "Tom Hale", "Ida Berg")


def test_ready_made_distractors_make_a_choice_question(choir):
    asked = by_kind(
        questions_for(
            fact(
                choir,
                "Whom else did Anne Joly meet in Toulouse?",
                "Luc Marin",
                "person",
                1,
                distractors=ROLE_HOLDERS,
            ),
            choir,
            None,
        )
    )
    assert sorted(asked["multiple_choice"].choices) == sorted(["Luc Marin", *ROLE_HOLDERS])


def test_a_prompt_sharing_a_name_with_its_answer_is_typed_only(choir):
    # Only the right choice would carry the name the prompt gives.
    shared = fact(
        choir,
        "Which member of the Marin family did Anne Joly meet?",
        "Luc Marin",
        "person",
        1,
        distractors=ROLE_HOLDERS,
    )
    asked = by_kind(questions_for(shared, choir, None))
    assert set(asked) == {"short_answer"}


def test_actors_are_those_who_do_something_in_the_text(choir):
    actors = actors_of(choir)
    assert "Paul Brun" in actors
    assert "Toulouse" not in actors and "Lyon" not in actors


def test_a_place_and_the_place_it_lies_in_are_never_each_others_distractors(texts):
    facts = texts[1].facts
    assert "Vermont" in related_places("Greenfield", facts)
    assert "Greenfield" in related_places("Vermont", facts)


def test_a_month_and_year_is_offered_other_months_and_years(choir):
    asked = by_kind(
        questions_for(
            fact(choir, "When did the Rivel Choir sing in Lyon?", "March 2019", "date", 0),
            choir,
            None,
        )
    )
    assert "multiple_choice" in asked
