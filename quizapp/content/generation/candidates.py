"""The plain data a generator returns: a candidate flashcard or question with provenance."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from quizapp.content.rules import question_problems


def item_key(*parts: str) -> str:
    """A short stable identifier for an item from the parts that define it."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:20]


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Text folded for comparison: NFKC, straight quotes, single spaces, case-folded."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().casefold()


def _is_word_char(char: str) -> bool:
    """What a pattern's `\\w` matches: a letter, a digit or an underscore."""
    return char.isalnum() or char == "_"


def whole_word_starts(name: str, text: str):
    """Where `text` says `name` as a whole word or words, left to right, never overlapping.

    The same matches as the pattern `(?<!\\w)NAME(?!\\w)`, found with `str.find`: a name
    a document says once would cost more to compile as a pattern than to look for.
    """
    if not name:
        return
    start = text.find(name)
    while start != -1:
        end = start + len(name)
        if (start == 0 or not _is_word_char(text[start - 1])) and (
            end == len(text) or not _is_word_char(text[end])
        ):
            yield start
            start = text.find(name, end)
        else:
            start = text.find(name, start + 1)


def says_whole(name: str, text: str) -> bool:
    """Whether `text` says `name` as a whole word or words."""
    return next(whole_word_starts(name, text), None) is not None


def occurrences(name: str, text: str) -> int:
    """How often `text` says `name` as a whole word or words."""
    return sum(1 for _ in whole_word_starts(name, text))


@dataclass(frozen=True)
class CardCandidate:
    """A flashcard a generator proposes."""

    kind: str  # Flashcard.Kind value
    front: str
    back: str
    source_text: str
    generator: str
    score: float

    @property
    def key(self) -> str:
        return item_key("card", self.kind, fold(self.front), fold(self.back))

    @property
    def dedupe_key(self) -> tuple[str, str]:
        return (fold(self.front), fold(self.back))


@dataclass(frozen=True)
class QuestionCandidate:
    """A question a generator proposes; `choices` holds the answer and its distractors in order."""

    kind: str  # Question.Kind value
    prompt: str
    answer: str
    source_text: str
    generator: str
    score: float
    choices: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    explanation: str = ""
    # What fact the question asks, e.g. ("role", "Wang Yi"); used to avoid asking it twice
    # the same way. Generators that leave it empty are deduplicated by prompt and answer.
    fact: tuple[str, ...] = field(default=(), compare=False)
    # The named rules (see `rules`) that rewrote it, in order.
    trace: tuple[str, ...] = field(default=(), compare=False)
    # Why the ranker scored it as it did: the features that weighed most, with their weight.
    reasons: tuple[tuple[str, float], ...] = field(default=(), compare=False)
    # Selection's decision: published (True), kept as a draft (False), or not yet made.
    published: bool | None = field(default=None, compare=False)

    @property
    def score_reasons(self) -> list[str]:
        """The reasons in words a teacher reads: "answer label: GPE -1.14"."""
        return [
            f"{name.replace('_', ' ').replace(':', ': ')} {weight:+.2f}"
            for name, weight in self.reasons
        ]

    @property
    def key(self) -> str:
        return item_key("question", self.kind, fold(self.prompt), fold(self.answer))

    @property
    def dedupe_key(self) -> tuple[str, ...]:
        if self.fact:
            return (self.kind, *self.fact)
        return (self.kind, fold(self.prompt), fold(self.answer))

    def explanation_or_source(self) -> str:
        return self.explanation or self.source_text

    def problems(self) -> list:
        """The question rules it breaks (see `content.rules`); generation drops such ones."""
        return question_problems(
            kind=self.kind,
            prompt=self.prompt,
            answer=self.answer,
            choices=[(text, text == self.answer) for text in self.choices],
        )
