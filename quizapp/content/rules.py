"""The rules every quiz question must meet, kept in one place.

The admin's question editor, the importers (GIFT, Aiken, CSV), generation (and so ingest
and the API upload) all ask `question_problems`, or `Question.problems()` for a saved
question, so a question that passes one passes all. Each problem carries two wordings of
the same rule: `message`, a clause for reports and import errors ("line 12: ..."), and
`editor`, a sentence saying what to change in the admin's question form.

The kinds of question are named here too (`Question.Kind` is built from them), so the
rules read no model and anything may ask them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MULTIPLE_CHOICE = "multiple_choice"
TRUE_FALSE = "true_false"
CLOZE = "cloze"
SHORT_ANSWER = "short_answer"
# Every kind with its label, in the order forms and messages list them.
QUESTION_KINDS = {
    MULTIPLE_CHOICE: "Multiple choice",
    TRUE_FALSE: "True/false",
    CLOZE: "Cloze (fill the blank)",
    SHORT_ANSWER: "Short answer",
}

BLANK = "_____"
BLANK_PATTERN = re.compile(r"_{3,}")
TRUE_FALSE_CHOICES = ("True", "False")


@dataclass(frozen=True)
class Problem:
    code: str
    field: str  # "prompt", "answer", "kind" or "choices": what to change
    message: str
    editor: str


def question_problems(
    *, kind: str, prompt: str, answer: str, choices: list[tuple[str, bool]] | None
) -> list[Problem]:
    """What is wrong with a question; empty when it is sound.

    `choices` are its (text, is_correct) pairs in order; None leaves the choice rules out
    (a form that checks the question's own fields before its choices).
    """
    problems = []
    if not prompt.strip():
        problems.append(
            Problem("empty_prompt", "prompt", "the question text is empty", "Write the question.")
        )
    if kind not in QUESTION_KINDS:
        names = ", ".join(QUESTION_KINDS)
        problems.append(
            Problem(
                "unknown_kind",
                "kind",
                f"unknown kind '{kind}'; use one of {names}",
                f"Choose one of the kinds: {names}.",
            )
        )
        return problems
    if kind == TRUE_FALSE and answer not in TRUE_FALSE_CHOICES:
        problems.append(
            Problem(
                "true_false_answer",
                "answer",
                f"a true/false answer is True or False, not '{answer}'",
                "A true/false answer is True or False.",
            )
        )
    if kind == CLOZE and not BLANK_PATTERN.search(prompt):
        problems.append(
            Problem(
                "cloze_blank",
                "prompt",
                f"a cloze prompt needs a blank ({BLANK}) where the answer goes",
                f"A cloze prompt needs a blank: put {BLANK} where the missing word goes.",
            )
        )
    if kind in (CLOZE, SHORT_ANSWER) and not answer.strip():
        label = "a cloze question needs the word that fills the blank"
        if kind == SHORT_ANSWER:
            label = "a short-answer question needs an answer"
        problems.append(Problem("no_answer", "answer", label, "Write the answer."))
    if choices is not None:
        problems.extend(_choice_problems(kind, answer, choices))
    return problems


def _choice_problems(kind: str, answer: str, choices: list[tuple[str, bool]]) -> list[Problem]:
    right = [text for text, correct in choices if correct]
    if kind == MULTIPLE_CHOICE:
        problems = []
        if len(choices) < 2:
            problems.append(
                Problem(
                    "too_few_choices",
                    "choices",
                    "multiple choice needs at least two choices",
                    "Multiple choice needs at least two choices: add them below.",
                )
            )
        if len(right) != 1:
            problems.append(
                Problem(
                    "not_one_right",
                    "choices",
                    f"multiple choice needs exactly one correct answer (it has {len(right)})",
                    "Multiple choice needs exactly one correct answer: tick one 'Is correct' "
                    f"box ({len(right)} ticked now).",
                )
            )
        texts = [text.strip().casefold() for text, _ in choices]
        if len(set(texts)) != len(texts):
            problems.append(
                Problem(
                    "duplicate_choices",
                    "choices",
                    "two choices have the same text",
                    "Two choices have the same text: make each one different.",
                )
            )
        return problems
    if not choices:
        return []
    if kind == TRUE_FALSE:
        if [text for text, _ in choices] != list(TRUE_FALSE_CHOICES):
            return [
                Problem(
                    "true_false_choices",
                    "choices",
                    "a true/false question's choices are True then False",
                    "A true/false question's choices are True then False (or none at all).",
                )
            ]
        if right != [answer] and answer in TRUE_FALSE_CHOICES:  # else the answer is wrong
            return [
                Problem(
                    "true_false_right",
                    "choices",
                    f"the ticked choice must match the answer ({answer})",
                    f"Tick the choice that matches the answer ({answer}).",
                )
            ]
        return []
    label = QUESTION_KINDS[kind].lower()
    return [
        Problem(
            "typed_choices",
            "choices",
            f"a {label} question is typed, so it has no choices",
            f"A {label} question is typed, so it has no choices: delete them or change the "
            "kind to multiple choice.",
        )
    ]
