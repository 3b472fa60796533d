"""Arguments of a verb: who did it to what, by whom, and definitions."""

import pytest

from quizapp.content.generation.arguments import arguments_items, definition_items

BRIDGE = (
    "The engineer Clara Voss designed the Orla Bridge. The Orla Bridge was built by the "
    "Harrow Steel Company."
)
KIDNEY = "The renal artery, the main vessel of the kidney, brings blood in."


@pytest.fixture(scope="module")
def texts(read):
    return read(BRIDGE, KIDNEY)


def test_a_passive_asks_its_agent(texts):
    bridge = texts[0]
    asked = {q.prompt: q for q in arguments_items(bridge.document, bridge.doc)}
    agent = asked["Who was the Orla Bridge built by?"]
    assert agent.answer == "Harrow Steel Company"
    assert "the Harrow Steel Company" in agent.alternatives


def test_a_term_defined_beside_its_definition_is_asked_from_it(texts):
    kidney = texts[1]
    asked = {q.prompt: q.answer for q in definition_items(kidney.document, kidney.doc)}
    assert asked == {"What is the main vessel of the kidney?": "renal artery"}


def test_without_an_analysis_there_is_nothing(texts):
    assert list(arguments_items(texts[0].document, None)) == []
    assert list(definition_items(texts[1].document, None)) == []
