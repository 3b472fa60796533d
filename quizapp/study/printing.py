"""A quiz or a deck laid out for paper: numbered items, lettered options, and an answer key.

The layout (`print_sheet`, `print_cards`) is pure: it takes questions with their choices
and returns what the print page shows. `quiz_sheet` and `deck_sheet` read what to lay out,
and `print_page` renders it; the quiz's page and a class's assignment print through them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from string import ascii_uppercase

from django.shortcuts import render

from . import selectors

NO_QUESTIONS_TO_PRINT = "This quiz has no published questions yet, so there is nothing to print."
NO_CARDS_TO_PRINT = "This deck has no published flashcards yet, so there is nothing to print."


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


def quiz_sheet(quiz) -> list[PrintedQuestion]:
    """A quiz's questions as printed."""
    return print_sheet(selectors.printed_questions(quiz=quiz))


def deck_sheet(document_id: int) -> list[PrintedQuestion]:
    """A document's published cards as printed: fronts to answer, backs in the key."""
    return print_cards(selectors.printed_cards(document_id=document_id))


def print_page(request, *, sheet, title: str, subtitle: str, back_url: str, empty: str):
    """A sheet to print with its answer key: the caller has checked the user may see answers.

    `empty` is what the page says when the sheet has nothing to print.
    """
    context = {
        "title": title,
        "subtitle": subtitle,
        "back_url": back_url,
        "sheet": sheet,
        "empty": empty,
    }
    return render(request, "study/print.html", context)
