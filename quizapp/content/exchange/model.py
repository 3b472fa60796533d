"""The plain question every format reads and writes, checked by the rules in `content.rules`.

The rules are the ones the admin's question form applies, so an imported question could
also have been typed in by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quizapp.content.rules import (
    BLANK,
    BLANK_PATTERN,
    CLOZE,
    MULTIPLE_CHOICE,
    QUESTION_KINDS,
    SHORT_ANSWER,
    TRUE_FALSE,
    TRUE_FALSE_CHOICES,
    question_problems,
)

KINDS = tuple(QUESTION_KINDS)
__all__ = [
    "BLANK",
    "BLANK_PATTERN",
    "CLOZE",
    "KINDS",
    "MULTIPLE_CHOICE",
    "SHORT_ANSWER",
    "TRUE_FALSE",
    "TRUE_FALSE_CHOICES",
    "ExchangeQuestion",
    "ParseError",
]


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
    # Where it lives in the app (document slug and question key), for the formats that
    # carry a stable identifier (QTI, Moodle XML): importing the file again updates it.
    document: str = ""
    key: str = ""
    where: str = ""  # the file inside a package it was read from, for messages

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


def check(question: ExchangeQuestion) -> list:
    """The rule problems (`rules.Problem`) of a parsed question."""
    if question.kind == TRUE_FALSE:
        choices = [(c, c == question.answer) for c in TRUE_FALSE_CHOICES]
    else:
        choices = [(c, c == question.answer) for c in question.choices]
    return question_problems(
        kind=question.kind, prompt=question.prompt, answer=question.answer, choices=choices
    )
