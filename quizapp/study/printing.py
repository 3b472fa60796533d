"""A quiz or a deck laid out for paper: numbered items, lettered options, and an answer key.

Pure: it takes questions with their choices and returns what the print page shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from string import ascii_uppercase


@dataclass(frozen=True)
class PrintedOption:
    letter: str
    text: str


@dataclass(frozen=True)
class PrintedQuestion:
    number: int
    prompt: str
    options: list[PrintedOption]  # empty for a typed answer
    answer: str  # the key's line: "B. Vilnius", or the typed answer itself
    source_text: str

    @property
    def typed(self) -> bool:
        return not self.options


def letter(index: int) -> str:
    """A, B, ... Z, then AA, AB, ... for the option at `index` (from 0)."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = ascii_uppercase[rest] + name
    return name


def printed_question(number: int, question) -> PrintedQuestion:
    """One question as printed; its options in their stored order, lettered from A."""
    options = []
    answer = question.answer
    if question.has_choices:
        for index, choice in enumerate(question.choices.all()):
            options.append(PrintedOption(letter(index), choice.text))
            if choice.is_correct:
                answer = f"{letter(index)}. {choice.text}"
    return PrintedQuestion(
        number=number,
        prompt=question.prompt,
        options=options,
        answer=answer,
        source_text=question.source_text,
    )


def print_sheet(questions: Iterable) -> list[PrintedQuestion]:
    """The questions numbered from 1, ready for the print page and its answer key."""
    return [printed_question(number, q) for number, q in enumerate(questions, start=1)]


def print_cards(cards: Iterable) -> list[PrintedQuestion]:
    """A deck's flashcards numbered from 1: each front to answer, its back in the key."""
    return [
        PrintedQuestion(
            number=number,
            prompt=card.front,
            options=[],
            answer=card.back,
            source_text=card.source_text,
        )
        for number, card in enumerate(cards, start=1)
    ]
