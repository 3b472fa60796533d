"""Candidates: one question asked once however it is typed, and its reasons in words."""

import re

import pytest

from quizapp.content.generation.candidates import (
    CardCandidate,
    QuestionCandidate,
    fold,
    item_key,
    occurrences,
    says_whole,
    whole_word_starts,
)


def question(**changes) -> QuestionCandidate:
    fields = {
        "kind": "short_answer",
        "prompt": "Who painted the harbour mural?",
        "answer": "Mira Olsen",
        "source_text": "Mira Olsen painted the harbour mural in 1998.",
        "generator": "events",
        "score": 0.7,
    }
    return QuestionCandidate(**{**fields, **changes})


def test_fold_ignores_case_curly_quotes_and_spacing():
    assert fold("The  Baker\u2019s  Guild ") == fold("the baker's guild")
    assert fold("\u201cQuoted\u201d") == '"quoted"'


def test_item_key_is_stable_short_and_tells_parts_apart():
    assert item_key("a", "b") == item_key("a", "b")
    assert len(item_key("a", "b")) == 20
    assert item_key("a", "b") != item_key("ab", "")


def test_the_same_question_typed_differently_has_one_key():
    plain = question()
    shouted = question(prompt="WHO painted the  harbour mural?", answer="mira olsen")
    assert plain.key == shouted.key
    assert plain.dedupe_key == shouted.dedupe_key
    assert question(answer="Jon Olsen").key != plain.key


def test_a_fact_makes_two_wordings_one_question():
    first = question(fact=("painter", "harbour mural"))
    second = question(prompt="Which artist painted the harbour mural?", fact=first.fact)
    assert first.dedupe_key == second.dedupe_key
    assert first.key != second.key  # still two texts a teacher could keep


def test_card_keys_read_front_and_back():
    card = CardCandidate("term", "Glaze", "A glassy coat on pottery.", "", "faq_term", 0.9)
    same = CardCandidate("term", "glaze", "a glassy  coat on pottery.", "", "faq_term", 0.5)
    assert card.key == same.key and card.dedupe_key == same.dedupe_key


def test_score_reasons_read_as_words_with_signed_weights():
    asked = question(reasons=(("answer_label:GPE", -1.141), ("own_score", 0.5)))
    assert asked.score_reasons == ["answer label: GPE -1.14", "own score +0.50"]


def test_explanation_falls_back_to_the_source_sentence():
    assert question().explanation_or_source() == "Mira Olsen painted the harbour mural in 1998."
    assert question(explanation="See the mural.").explanation_or_source() == "See the mural."


def test_problems_flag_a_choice_question_without_its_answer():
    broken = question(kind="multiple_choice", choices=("Ana", "Ben", "Cy", "Dee"))
    assert broken.problems()
    fine = question(
        kind="multiple_choice", choices=("Mira Olsen", "Ana Berg", "Ben Cole", "Cy Dahl")
    )
    assert fine.problems() == []


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Iceland", "Iceland and the Icelandic word; Iceland's glaciers; Iceland"),
        ("the Iceland", "the Icelandic word"),
        ("aa", "aaa aa a_aa aa"),
        ("St. Paul", "St. Paul's, St. Pauline, (St. Paul)"),
        ("Ørsted", "Hans Christian Ørsted and Ørstedvej"),
        ("-6", "6-4, 3-6 -6"),
    ],
)
def test_a_name_is_found_where_a_whole_word_pattern_finds_it(name, text):
    pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")
    assert list(whole_word_starts(name, text)) == [m.start() for m in pattern.finditer(text)]
    assert occurrences(name, text) == len(pattern.findall(text))
    assert says_whole(name, text) == bool(pattern.search(text))


def test_an_empty_name_is_said_nowhere():
    assert not says_whole("", "any text") and occurrences("", "any text") == 0
