"""Overgenerate, then rank: every candidate the parse allows, through the named rules,
scored by the learned ranker, then the best published under the budget.

    candidates = overgenerate(document, analysis, context)   # generators + rules
    items = generate(document, analysis, context, threshold=0.5)  # + ranker + selection
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from .analysis import facts_of
from .arguments import arguments_items, definition_items
from .candidates import CardCandidate, QuestionCandidate
from .cloze import cloze_items
from .events import events_items
from .faq import faq_items
from .features import Rated, features_of
from .people import people_items
from .ranker import load
from .rules import RULES, TRANSFORMATIONS, Rule, Situation, apply_rules
from .selection import select
from .true_false import true_false_items

Generator = Callable[..., Iterable[CardCandidate | QuestionCandidate]]

# The generators, in the order their candidates win ties.
GENERATORS: list[Generator] = [
    faq_items,
    people_items,
    events_items,
    arguments_items,
    definition_items,
    cloze_items,
    true_false_items,
]
# A question is published when the ranker gives it at least this chance of being kept.
DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True)
class GeneratedItems:
    """What generation proposes for one document, best first within each list."""

    flashcards: list[CardCandidate]
    questions: list[QuestionCandidate]


@dataclass
class Candidates:
    """Everything the generators proposed for one document, after the rules."""

    flashcards: list[CardCandidate] = field(default_factory=list)
    questions: list[QuestionCandidate] = field(default_factory=list)
    dropped: list[tuple[QuestionCandidate, str]] = field(default_factory=list)


def overgenerate(
    document,
    analysis=None,
    context=None,
    *,
    generators: Iterable[Generator] | None = None,
    rules: Iterable[Rule] = RULES,
    transformations: Iterable[Rule] = TRANSFORMATIONS,
) -> Candidates:
    """Every candidate of every generator, through the rules, one per question asked."""
    found = Candidates()
    cards: dict[tuple, CardCandidate] = {}
    questions: dict[tuple, QuestionCandidate] = {}
    situation = Situation(facts_of(analysis) if analysis is not None else None, context)

    def keep(candidate: QuestionCandidate) -> None:
        known = questions.get(candidate.dedupe_key)
        if known is None or candidate.score > known.score:
            questions[candidate.dedupe_key] = candidate

    for generator in GENERATORS if generators is None else generators:
        for candidate in generator(document, analysis, context):
            if isinstance(candidate, CardCandidate):
                known = cards.get(candidate.dedupe_key)
                if known is None or candidate.score > known.score:
                    cards[candidate.dedupe_key] = candidate
                continue
            kept, dropped_by = apply_rules(candidate, situation, rules=rules)
            if kept is None:
                found.dropped.append((candidate, dropped_by))
                continue
            keep(kept)
            for transformation in transformations:
                made = transformation.apply(kept, situation)
                if made is not None and not made.problems():
                    keep(made)
    found.flashcards = sorted(cards.values(), key=lambda c: -c.score)
    found.questions = list(questions.values())
    return found


def rank(questions: list[QuestionCandidate], analysis, *, title: str = "") -> list:
    """The questions scored by the learned ranker (kept as they are without a model)."""
    model = load()
    if model is None or analysis is None:
        return questions
    facts = facts_of(analysis)
    ranked = []
    for question in questions:
        rated = Rated(
            kind=question.kind,
            prompt=question.prompt,
            answer=question.answer,
            source_text=question.source_text,
            choices=question.choices,
            own_score=question.score,
        )
        probability, reasons = model.score(features_of(rated, facts, title=title))
        ranked.append(replace(question, score=round(probability, 3), reasons=reasons))
    return ranked


def generate(
    document,
    analysis=None,
    context=None,
    *,
    generators: Iterable[Generator] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    rules: Iterable[Rule] = RULES,
    transformations: Iterable[Rule] = TRANSFORMATIONS,
) -> GeneratedItems:
    """The document's flashcards and questions, ranked, the chosen ones above `threshold`."""
    found = overgenerate(
        document,
        analysis,
        context,
        generators=generators,
        rules=rules,
        transformations=transformations,
    )
    _, chosen = _rank_and_select(found, document, analysis, threshold)
    return GeneratedItems(flashcards=found.flashcards, questions=chosen)


def _rank_and_select(found: Candidates, document, analysis, threshold: float):
    """(every question with the ranker's score; what selection makes of them)."""
    ranked = rank(found.questions, analysis, title=document.title)
    chosen = select(ranked, words=document.word_count, threshold=threshold, text=document.text)
    return ranked, chosen


@dataclass(frozen=True)
class Explanation:
    """One candidate's story: what it became, the rules that shaped or dropped it, and the
    features that weighed most in its score."""

    question: QuestionCandidate
    outcome: str  # published, draft or dropped
    rules: tuple[str, ...]
    dropped_by: str = ""


def explain(
    document, analysis=None, context=None, *, threshold: float = DEFAULT_THRESHOLD
) -> list[Explanation]:
    """Every candidate the generators made for `document`, published first, then drafts
    best first, then those a rule dropped, each with the rules and reasons behind it."""
    found = overgenerate(document, analysis, context)
    ranked, chosen = _rank_and_select(found, document, analysis, threshold)
    kept = {q.dedupe_key for q in chosen}
    rows = [
        Explanation(q, status_for(q, threshold), q.trace)
        for q in sorted(chosen, key=lambda q: (not q.published, -q.score))
    ]
    rows += [
        Explanation(q, "draft", q.trace)
        for q in sorted(ranked, key=lambda q: -q.score)
        if q.dedupe_key not in kept
    ]
    rows += [Explanation(q, "dropped", q.trace, by) for q, by in found.dropped]
    return rows


def status_for(item: CardCandidate | QuestionCandidate, threshold: float) -> str:
    """`published` for what selection chose (or, where it did not choose, for candidates at
    or above the threshold), `draft` for the rest."""
    chosen = getattr(item, "published", None)
    if chosen is None:
        chosen = item.score >= threshold
    return "published" if chosen else "draft"
