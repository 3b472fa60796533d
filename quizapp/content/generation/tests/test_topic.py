"""What a text is about: a question answered by its subject tests nothing."""

import pytest

from quizapp.content.generation.candidates import QuestionCandidate
from quizapp.content.generation.topic import (
    askable,
    is_topic,
    named_in_prompt,
    named_subject,
    topic_nouns,
    topics_of,
    without_giveaway,
    words_of,
)

RIVER = (
    "The Vellin is a river in the north of the valley. The Vellin floods every spring. "
    "Farmers along the Vellin grow rice, and the river freezes in January."
)
PERSON = "Sara Lind met with Jonas Ek in Oslo. Later Lind flew to Bergen to meet the press."


@pytest.fixture(scope="module")
def texts(read):
    return read(RIVER, PERSON)


def question(prompt, answer, kind="short_answer"):
    return QuestionCandidate(kind, prompt, answer, "", "test", 0.7)


def test_the_lead_subject_the_text_keeps_naming_is_its_topic(texts):
    facts = texts[0].facts
    assert topics_of(facts) == ["vellin"]
    assert topic_nouns(facts) == {"river": "the Vellin"}
    assert is_topic("Vellin", facts)
    assert not is_topic("January", facts)


def test_people_are_the_news_not_the_topic(texts):
    assert topics_of(texts[1].facts) == []


def test_a_question_answered_by_the_topic_is_not_asked(texts):
    facts = texts[0].facts
    assert askable(question("Which river floods every spring?", "Vellin"), facts) is None


def test_the_river_is_named_when_a_question_stands_alone(texts):
    facts = texts[0].facts
    asked = named_subject(question("When does the river freeze?", "January"), facts)
    assert asked.prompt == "When does the Vellin freeze?"
    blank = question("Farmers along the river grow _____.", "rice", kind="cloze")
    assert named_subject(blank, facts) is blank  # a cloze keeps the text's own words


def test_a_prompt_that_names_its_answer_loses_the_phrase_that_does():
    giveaway = question("What was signed at the Palace of Orvane in 1871?", "Treaty of Orvane")
    assert named_in_prompt(giveaway)
    fixed = without_giveaway(giveaway)
    assert fixed.prompt == "What was signed in 1871?"
    assert askable(giveaway, None).prompt == "What was signed in 1871?"


def test_a_count_is_not_given_away_by_its_noun():
    assert not named_in_prompt(question("How many Oscars did the film win?", "11 Oscars"))


def test_a_giveaway_that_cannot_be_cut_is_not_asked():
    stuck = question("Who led the Orvane Party?", "Orvane")
    assert named_in_prompt(stuck)
    assert askable(stuck, None) is None


def test_words_of_drop_possessive_endings():
    assert words_of("Orvane\u2019s Skylark") == ["orvane", "skylark"]
