"""Turn one fact phrased as a wh-question into multiple-choice and short-answer candidates."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .analysis import DocFacts
from .candidates import QuestionCandidate, fold
from .distractors import WANTED, fixed_order, pick_distractors
from .short_answer import alternatives_for

# A multiple-choice question with only two distractors is acceptable but a little weaker.
SHORT_OF_DISTRACTORS = 0.08
# The same fact typed rather than picked: harder to grade, so ranked a little lower.
SHORT_ANSWER_PENALTY = 0.07


@dataclass(frozen=True)
class WhFact:
    """A fact asked as who / what / where / when / which: the prompt, its answer and origin."""

    prompt: str
    answer: str
    kind: str  # the answer's kind, for distractors
    source_text: str
    score: float
    fact: tuple[str, ...]
    generator: str
    alternatives: tuple[str, ...] = ()
    distractors: tuple[str, ...] = ()  # ready-made, tried before the document's entities
    prefer_short_answer: bool = False
    label: str = ""  # the answer's tagger label: distractors with the same label come first
    avoid: tuple[str, ...] = ()  # never offered: they would make the question true too


def questions_for(fact: WhFact, facts: DocFacts, context) -> Iterator[QuestionCandidate]:
    """A multiple-choice form (when three plausible distractors exist) and a short-answer form."""
    if any(_gives_away(fact.prompt, form) for form in facts.forms_of(fact.answer)):
        return  # "Who met President Biden?" answered "Joe Biden" gives itself away
    pools = [fact.distractors, facts.of_kind(fact.kind, label=fact.label)]
    if context is not None:
        pools.append(context.pools.get(fact.kind, ()))
    names_in_prompt = [e for e in facts.of_kind(fact.kind) if _mentions(fact.prompt, e)]
    wrong = pick_distractors(fact.answer, pools, avoid=[*names_in_prompt, *fact.avoid])
    alternatives = fact.alternatives or alternatives_for(fact.answer, fact.kind, facts)
    mc_score = fact.score - (0.02 if fact.prefer_short_answer else 0)
    if len(wrong) >= 2:
        if len(wrong) < WANTED:
            mc_score -= SHORT_OF_DISTRACTORS
        yield QuestionCandidate(
            kind="multiple_choice",
            prompt=fact.prompt,
            answer=fact.answer,
            choices=fixed_order(fact.answer, wrong, seed=fact.prompt),
            source_text=fact.source_text,
            explanation=fact.source_text,
            generator=fact.generator,
            score=round(mc_score, 3),
            fact=fact.fact,
        )
    sa_score = fact.score if fact.prefer_short_answer else fact.score - SHORT_ANSWER_PENALTY
    yield QuestionCandidate(
        kind="short_answer",
        prompt=fact.prompt,
        answer=fact.answer,
        alternatives=alternatives,
        source_text=fact.source_text,
        explanation=fact.source_text,
        generator=fact.generator,
        score=round(sa_score, 3),
        fact=fact.fact,
    )


def _mentions(text: str, name: str) -> bool:
    return bool(_name_pattern(name).search(fold(text)))


@functools.lru_cache(maxsize=16384)
def _name_pattern(name: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(fold(name)) + r"(?!\w)")


def _gives_away(prompt: str, answer: str) -> bool:
    """No prompt contains its own answer."""
    return _mentions(prompt, answer)
