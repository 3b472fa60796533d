"""True/false: a statement of the text and its false twin, false by the text's own account."""

import pytest

from quizapp.content.generation.true_false import true_false_items

CABINET = (
    "date 2024-03-01 India's Finance Minister, Ravi Menon, met India's Foreign Minister, "
    "Priya Das, in Delhi. India's President, Arun Rao, joined them later."
)
BRIDGE = "The new bridge opened in 1931 after four years of work."
PRONOUN = "It opened in 1931 after four years of work on the site."
BOUND = "More than 20 million people watched the final match on television."
TRIP = "Sara Lind met with Jonas Ek in Oslo. Later Lind travelled to Prague for a summit."


@pytest.fixture(scope="module")
def texts(read):
    found = read(CABINET, BRIDGE, PRONOUN, BOUND, TRIP)
    return [list(true_false_items(t.document, t.doc)) for t in found]


def statements(items):
    return {q.prompt: q.answer for q in items}


def test_every_statement_is_true_or_false_with_both_choices(texts):
    for items in texts:
        for q in items:
            assert q.kind == "true_false"
            assert q.choices == ("True", "False")
            assert q.answer in ("True", "False")
            assert q.problems() == []


def test_an_office_is_paired_with_a_colleague_who_holds_another(texts):
    said = statements(texts[0])
    assert said["Ravi Menon was India's Finance Minister in 2024."] == "True"
    assert said["Priya Das was India's Finance Minister in 2024."] == "False"
    assert said["Arun Rao was India's President in 2024."] == "True"
    false = [p for p, a in said.items() if a == "False"]
    assert all("India's" in p for p in false)  # never another country's official


def test_a_twin_asks_the_same_fact_as_its_true_statement(texts):
    by_prompt = {q.prompt: q for q in texts[0]}
    true = by_prompt["Ravi Menon was India's Finance Minister in 2024."]
    false = by_prompt["Priya Das was India's Finance Minister in 2024."]
    assert true.fact[2:] == false.fact[2:]


def test_a_date_gets_a_nearby_false_date(texts):
    assert statements(texts[1]) == {
        "The new bridge opened in 1931 after four years of work.": "True",
        "The new bridge opened in 1930 after four years of work.": "False",
    }


def test_a_sentence_about_it_is_no_statement(texts):
    assert texts[2] == []


def test_a_bound_is_no_statement_another_bound_could_match(texts):
    assert texts[3] == []


def test_a_meeting_is_moved_to_another_place_of_the_text(texts):
    said = statements(texts[4])
    assert said["Sara Lind met with Jonas Ek in Oslo."] == "True"
    assert said["Sara Lind met with Jonas Ek in Prague."] == "False"


def test_without_an_analysis_there_are_no_statements(read):
    [bridge] = read(BRIDGE)
    assert list(true_false_items(bridge.document, None)) == []


def test_a_hedged_amount_is_twinned_far_off_and_a_number_that_names_not_at_all(read):
    hedged, named = read(
        "Jorge Tamm of the Green party trailed far behind with about 10%.",
        "Bay Air Flight 1549 left the airport in Queens at 3:25 p.m. with 155 people aboard.",
    )
    said = statements(true_false_items(hedged.document, hedged.doc))
    for false in (p for p, a in said.items() if a == "False"):
        amount = float(false.split("about ")[1].split("%")[0])
        assert abs(amount - 10) >= 2.5  # "about 9%" would not be plainly false
    said = statements(true_false_items(named.document, named.doc))
    assert all("Flight 1549" in p for p in said)


def test_a_hedged_year_gets_no_false_twin(read):
    [text] = read("The Orla Mosque in Tarvel was built of mud brick in about 1327.")
    assert not [
        p for p, a in statements(true_false_items(text.document, text.doc)).items() if a == "False"
    ]


def test_a_statement_keeps_the_auxiliary_its_verb_is_told_with(read):
    [text] = read(
        "The novel Frankenstein was written by Mary Shelley. Its author, Mary Shelley, was "
        "born Mary Wollstonecraft Godwin in London on 30 August 1797. She later moved to "
        "Geneva and to Pisa."
    )
    said = statements(true_false_items(text.document, text.doc))
    assert said["Mary Shelley was born Mary Wollstonecraft Godwin in London."] == "True"
    assert said["Mary Shelley was born Mary Wollstonecraft Godwin in Geneva."] == "False"
