"""Salience: the main clause's own words and a thing's first mention count most."""

import pytest

from quizapp.content.generation.salience import first_mention, mention_counts, salience

BRIDGE = (
    "In 1931 the city council opened the Orla Bridge. Engineers who had trained in Vienna "
    "designed it. The Orla Bridge crosses the river in May."
)
KIDNEY = "The kidney holds tiny filters called nephrons."


@pytest.fixture(scope="module")
def texts(read):
    return read(BRIDGE, KIDNEY)


def scores(facts, text):
    return [salience(facts, e) for e in facts.entities if e.text == text]


def test_the_object_of_the_main_verb_outranks_background(texts):
    facts = texts[0].facts
    bridge = scores(facts, "Orla Bridge")[0]
    [vienna] = scores(facts, "Vienna")
    [year] = scores(facts, "1931")
    assert bridge > year > vienna  # a place in a relative clause is background


def test_a_thing_is_best_asked_where_the_text_introduces_it(texts):
    facts = texts[0].facts
    [first, again] = scores(facts, "Orla Bridge")
    assert first > again
    assert first_mention(facts, "Orla Bridge") == facts.entities[1].start
    assert mention_counts(facts)["Orla Bridge"] == 2


def test_a_month_without_its_year_scores_below_a_year(texts):
    facts = texts[0].facts
    [month] = scores(facts, "May")
    [year] = scores(facts, "1931")
    assert month < year


def test_a_term_the_text_names_is_central(texts):
    facts = texts[1].facts
    [nephrons] = scores(facts, "nephrons")
    assert nephrons > 0.05
    assert -0.1 <= nephrons <= 0.2
