"""A prompt that reads as a garbled fragment stays a draft."""

import pytest

from quizapp.content.generation.wellformed import is_well_formed, reads_whole


@pytest.mark.parametrize(
    "prompt",
    [
        "Who founded the Lantern Theatre?",
        "Where did the choir sing in March 2019?",
        "The bridge was opened in _____.",
        "Who was the bridge designed by?",
        "Which company did Ada Park buy?",
        "Which town did the mill whose wheel broke supply?",
    ],
)
def test_questions_a_teacher_would_write_pass(prompt):
    assert is_well_formed(prompt)


@pytest.mark.parametrize(
    ("prompt", "why"),
    [
        ("Who ran?", "too short"),
        ("Who is the -Finance Minister of Peru?", "a stray dash from a cut title"),
        ("Who had suspended after?", "a dangling preposition"),
        ("Who opened the the mill?", "a doubled word"),
        ("Who opened the mill (in 1901?", "an unbalanced bracket"),
        ("Who founded the mill, finished it in 1903?", "a clause spliced on after a comma"),
        ("The mill opened in 1901 in 1902.", "the same kind of phrase twice in a row"),
        ("When did whose four engines fail?", "a relative pronoun as the subject"),
        ("Where was which mill built?", "a relative pronoun as the subject"),
        ("Who was the whose president in 2002?", "an article before a relative pronoun"),
        (" ".join(["word"] * 40) + "?", "too long"),
    ],
)
def test_garbled_fragments_fail(prompt, why):
    assert not is_well_formed(prompt), why


def test_a_quoted_comma_is_not_a_spliced_clause():
    assert is_well_formed('Who wrote "Rain, Wind and Stone"?')


@pytest.mark.parametrize(
    ("sentence", "whole"),
    [
        ('He studied under John Hunter, who gave him the advice "Why think?', False),
        ("Darwin's father, _____, was a doctor, and both his grandfathers were well known:", False),
        ('Al Michaels asked: "Do you believe in miracles?" on _____.', True),
        ("The Afsluitdijk was completed in _____.", True),
    ],
)
def test_a_sentence_shown_as_it_is_reads_whole(sentence, whole):
    assert reads_whole(sentence) is whole
