"""One set of question rules, asked by the admin, the importers and generation alike."""

import pytest

from quizapp.content.generation.candidates import QuestionCandidate
from quizapp.content.generation.pipeline import generate
from quizapp.content.parsing import parse_document
from quizapp.content.rules import question_problems


def codes(**question):
    return [p.code for p in question_problems(**question)]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ({"kind": "multiple_choice", "prompt": "Where?", "answer": "A",
          "choices": [("A", True), ("B", False)]}, []),
        ({"kind": "multiple_choice", "prompt": "Where?", "answer": "A", "choices": [("A", True)]},
         ["too_few_choices"]),
        ({"kind": "multiple_choice", "prompt": "Where?", "answer": "A",
          "choices": [("A", True), ("a ", True)]}, ["not_one_right", "duplicate_choices"]),
        ({"kind": "true_false", "prompt": "Is it?", "answer": "Maybe", "choices": []},
         ["true_false_answer"]),
        ({"kind": "true_false", "prompt": "Is it?", "answer": "True",
          "choices": [("True", False), ("False", True)]}, ["true_false_right"]),
        ({"kind": "cloze", "prompt": "No blank here.", "answer": "x", "choices": None},
         ["cloze_blank"]),
        ({"kind": "short_answer", "prompt": "Who?", "answer": " ", "choices": [("x", True)]},
         ["no_answer", "typed_choices"]),
        ({"kind": "essay", "prompt": "Why?", "answer": "", "choices": []}, ["unknown_kind"]),
    ],
)  # fmt: skip
def test_question_rules(question, expected):
    assert codes(**question) == expected


def test_generation_drops_a_question_that_breaks_the_rules():
    document = parse_document("Etna is in Sicily.", fallback_title="Etna")
    broken = QuestionCandidate(
        kind="multiple_choice", prompt="Where is Etna?", answer="Sicily", source_text="s",
        generator="test", score=0.9, choices=("Sicily",),
    )  # fmt: skip
    sound = QuestionCandidate(
        kind="short_answer", prompt="Where is Etna?", answer="Sicily", source_text="s",
        generator="test", score=0.9,
    )  # fmt: skip
    items = generate(document, generators=[lambda *_: [broken, sound]], threshold=0.5)
    assert items.questions == [sound]
