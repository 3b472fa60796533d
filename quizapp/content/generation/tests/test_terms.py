"""Terms a text teaches: what it names, defines, or lists kinds of."""

import pytest

from quizapp.content.generation.terms import is_named_by_text

KIDNEY = (
    "The kidney holds tiny filters called nephrons. Each nephron has a knot of vessels known "
    "as the glomerulus. The renal artery, the main vessel of the kidney, brings blood in. "
    "A future meeting was planned."
)
CANAL = (
    "The canal has three gates. The flood gate sits near the mill. "
    "The tide gate sits near the quay."
)


@pytest.fixture(scope="module")
def texts(read):
    return read(KIDNEY, CANAL)


def terms(facts):
    return {e.text: e for e in facts.entities if e.kind == "term"}


def test_a_term_the_text_names_is_found_with_its_label(texts):
    found = terms(texts[0].facts)
    assert found["nephrons"].label == "NAMED"
    assert found["nephrons"].fine == "term:nephron"
    assert found["glomerulus"].label == "NAMED"  # "known as the glomerulus", without "the"


def test_a_term_defined_beside_another_phrase_is_found(texts):
    found = terms(texts[0].facts)
    assert found["renal artery"].label == "DEFINED"


def test_a_plain_description_is_no_term(texts):
    found = terms(texts[0].facts)
    assert not any("meeting" in text for text in found)
    assert not any("filters" in text for text in found)


def test_kinds_of_a_thing_the_text_repeats_are_terms(texts):
    found = terms(texts[1].facts)
    assert {"flood gate", "tide gate"} <= set(found)
    assert found["tide gate"].fine == "term:gate"


def test_is_named_by_text_reads_called_and_known_as(texts):
    doc = texts[0].doc
    by_word = {t.text: t for t in doc}
    assert is_named_by_text(by_word["nephrons"])
    assert is_named_by_text(by_word["glomerulus"])
    assert not is_named_by_text(by_word["kidney"])
