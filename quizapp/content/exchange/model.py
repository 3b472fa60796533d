"""The plain question every format reads and writes, and the rules a question must meet.

The rules are the same ones the admin's question form applies, so an imported question
could also have been typed in by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MULTIPLE_CHOICE = "multiple_choice"
TRUE_FALSE = "true_false"
CLOZE = "cloze"
SHORT_ANSWER = "short_answer"
KINDS = (MULTIPLE_CHOICE, TRUE_FALSE, CLOZE, SHORT_ANSWER)
KIND_NAMES = {
    MULTIPLE_CHOICE: "multiple choice",
    TRUE_FALSE: "true/false",
    CLOZE: "missing word (cloze)",
    SHORT_ANSWER: "short answer",
}
BLANK = "_____"
BLANK_PATTERN = re.compile(r"_{3,}")
TRUE_FALSE_CHOICES = ("True", "False")


class ParseError(ValueError):
    """A line of an import file that cannot become a question; the message names the line."""


@dataclass
class ExchangeQuestion:
    """A question as the text formats hold it; for choice questions `answer` is the right choice."""

    kind: str
    prompt: str
    answer: str
    choices: list[str] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)
    explanation: str = ""
    line: int = 0  # where it starts in the file it was read from

    def comparable(self) -> tuple:
        """Everything that makes two questions the same, for round-trip checks."""
        return (
            self.kind,
            self.prompt,
            self.answer,
            tuple(self.choices),
            tuple(self.alternatives),
            self.explanation,
        )


def question_problems(
    *, kind: str, prompt: str, answer: str, choices: list[tuple[str, bool]]
) -> list[str]:
    """What is wrong with a question, in words a teacher can act on; empty when it is sound.

    `choices` are (text, is_correct) pairs in order.
    """
    problems = []
    if not prompt.strip():
        problems.append("the question text is empty")
    if kind == MULTIPLE_CHOICE:
        if len(choices) < 2:
            problems.append("multiple choice needs at least two choices")
        right = sum(1 for _, correct in choices if correct)
        if right != 1:
            problems.append(f"multiple choice needs exactly one correct answer (it has {right})")
        texts = [t.strip().casefold() for t, _ in choices]
        if len(set(texts)) != len(texts):
            problems.append("two choices have the same text")
    elif kind == TRUE_FALSE:
        if answer not in TRUE_FALSE_CHOICES:
            problems.append(f"a true/false answer is True or False, not '{answer}'")
    elif kind == CLOZE:
        if not BLANK_PATTERN.search(prompt):
            problems.append(f"a cloze prompt needs a blank ({BLANK}) where the answer goes")
        if not answer.strip():
            problems.append("a cloze question needs the word that fills the blank")
    elif kind == SHORT_ANSWER:
        if not answer.strip():
            problems.append("a short-answer question needs an answer")
    else:
        problems.append(f"unknown kind '{kind}'; use one of {', '.join(KINDS)}")
    return problems


def check(question: ExchangeQuestion) -> list[str]:
    """The rule problems of a parsed question."""
    if question.kind == TRUE_FALSE:
        choices = [(c, c == question.answer) for c in TRUE_FALSE_CHOICES]
    else:
        choices = [(c, c == question.answer) for c in question.choices]
    return question_problems(
        kind=question.kind, prompt=question.prompt, answer=question.answer, choices=choices
    )
