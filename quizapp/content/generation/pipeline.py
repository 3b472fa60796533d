"""Run every generator over a document, drop duplicates, rank, and decide what to publish."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from quizapp.content.parsing import ParsedDocument

from .candidates import CardCandidate, QuestionCandidate
from .faq import faq_items

Generator = Callable[..., Iterable[CardCandidate | QuestionCandidate]]

# The generators, in the order their candidates win ties. Key-fact generators join here.
GENERATORS: list[Generator] = [faq_items]


@dataclass(frozen=True)
class GeneratedItems:
    """What generation proposes for one document, best first within each list."""

    flashcards: list[CardCandidate]
    questions: list[QuestionCandidate]


def generate(
    document: ParsedDocument,
    analysis=None,
    context=None,
    *,
    generators: Iterable[Generator] | None = None,
) -> GeneratedItems:
    """All candidates for `document`, deduplicated and ranked by score (stable for ties)."""
    cards: dict[tuple, CardCandidate] = {}
    questions: dict[tuple, QuestionCandidate] = {}
    for generator in GENERATORS if generators is None else generators:
        for candidate in generator(document, analysis, context):
            bucket = cards if isinstance(candidate, CardCandidate) else questions
            known = bucket.get(candidate.dedupe_key)
            if known is None or candidate.score > known.score:
                bucket[candidate.dedupe_key] = candidate
    return GeneratedItems(
        flashcards=sorted(cards.values(), key=lambda c: -c.score),
        questions=sorted(questions.values(), key=lambda q: -q.score),
    )


def status_for(score: float, threshold: float) -> str:
    """`published` for candidates at or above the threshold, `draft` below it."""
    return "published" if score >= threshold else "draft"
