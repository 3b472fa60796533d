"""Run every generator over a document, drop duplicates, rank, and decide what to publish."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings

from quizapp.content.parsing import ParsedDocument

from .analysis import facts_of
from .arguments import arguments_items, definition_items
from .candidates import CardCandidate, QuestionCandidate
from .cloze import cloze_items
from .events import events_items
from .faq import faq_items
from .people import people_items
from .ranking import publish
from .topic import askable
from .true_false import true_false_items

Generator = Callable[..., Iterable[CardCandidate | QuestionCandidate]]

# The generators, in the order their candidates win ties. Key-fact generators join here.
GENERATORS: list[Generator] = [
    faq_items,
    people_items,
    events_items,
    arguments_items,
    definition_items,
    cloze_items,
    true_false_items,
]


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
    threshold: float | None = None,
) -> GeneratedItems:
    """All candidates for `document`, deduplicated and ranked by score (stable for ties).

    Questions scoring at least `threshold` (default: the `QUIZAPP_PUBLISH_THRESHOLD`
    setting) compete for a place in the published quiz; those not chosen are rescored
    below the threshold, so they are saved as drafts for a teacher.
    """
    if threshold is None:
        threshold = settings.QUIZAPP_PUBLISH_THRESHOLD
    cards: dict[tuple, CardCandidate] = {}
    questions: dict[tuple, QuestionCandidate] = {}
    facts = facts_of(analysis) if analysis is not None else None
    for generator in GENERATORS if generators is None else generators:
        for candidate in generator(document, analysis, context):
            if isinstance(candidate, QuestionCandidate):
                candidate = askable(candidate, facts)
                if candidate is None:
                    continue  # the text's own subject, or an answer its prompt names
            bucket = cards if isinstance(candidate, CardCandidate) else questions
            known = bucket.get(candidate.dedupe_key)
            if known is not None and candidate.score <= known.score:
                continue
            if isinstance(candidate, QuestionCandidate) and candidate.problems():
                continue  # a question no student could answer (see `content.rules`)
            bucket[candidate.dedupe_key] = candidate
    return GeneratedItems(
        flashcards=sorted(cards.values(), key=lambda c: -c.score),
        questions=publish(list(questions.values()), words=document.word_count, threshold=threshold),
    )


def status_for(score: float, threshold: float) -> str:
    """`published` for candidates at or above the threshold, `draft` below it."""
    return "published" if score >= threshold else "draft"
