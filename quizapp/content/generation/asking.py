"""Turn one fact phrased as a wh-question into multiple-choice and short-answer candidates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .analysis import DocFacts
from .candidates import QuestionCandidate, fold, says_whole
from .distractors import WANTED, date_variants, fixed_order, number_variants, pick_distractors
from .gazetteer import places_like, sort_of
from .short_answer import alternatives_for
from .wellformed import is_well_formed

# Answers whose distractors can be of the same fine kind for sure: people of the same sort,
# places of the same sort, amounts in the answer's unit, dates in its shape, titles. What a
# "What ...?" names (a film, a song, a company, a regulator) is asked as short answer.
CHOICE_KINDS = ("person", "place", "number", "date", "title")
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
    fine: str = ""  # the answer's fine kind, when the document does not name it as such


SHARE = re.compile(r"per ?cent|percent|%", re.IGNORECASE)


def questions_for(fact: WhFact, facts: DocFacts, context) -> Iterator[QuestionCandidate]:
    """A multiple-choice form (when three plausible distractors exist) and a short-answer form."""
    if any(_gives_away(fact.prompt, form) for form in facts.forms_of(fact.answer)):
        return  # "Who met President Biden?" answered "Joe Biden" gives itself away
    if not is_well_formed(fact.prompt):
        return
    pools = distractor_pools(fact, facts, context)
    names_in_prompt = [e.answer for e in facts.entities if says_name(fact.prompt, e.text)]
    avoid = [*names_in_prompt, *fact.avoid, *related_places(fact.answer, facts)]
    wrong = pick_distractors(fact.answer, pools, avoid=avoid)
    if fact.kind not in CHOICE_KINDS or _shares_a_name(fact.answer, fact.prompt):
        wrong = []  # no choices of a sure kind, or the prompt points at the answer
    if fact.kind == "number" and SHARE.search(fact.answer):
        # Shares of one whole hang together (a run-off winner's 58.5 against 41.5): made-up
        # ones are implausible or impossible, so a share is asked for, not chosen.
        wrong = []
    alternatives = fact.alternatives or alternatives_for(fact.answer, fact.kind, facts)
    mc_score = fact.score - (0.02 if fact.prefer_short_answer else 0)
    if len(wrong) >= WANTED:
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


def distractor_pools(fact: WhFact, facts: DocFacts, context) -> list:
    """Where distractors of the answer's fine kind come from, best first.

    Numbers and dates are varied from the answer itself (a length for a length, a year for
    a year); people and terms come from the document only (a stranger from another text is
    no plausible answer); places and organisations from the document, then from other
    documents, with the same tagger label.
    """
    fine = fact.fine or facts.fine_of(fact.answer)
    kind = fact.kind
    if kind == "number":
        return [number_variants(fact.answer)]
    if kind == "date":
        return [fact.distractors, date_variants(fact.answer)]
    if kind == "title":
        return [fact.distractors]
    siblings = sorted(facts.siblings.get(fact.answer, ()))
    same_fine = facts.of_fine(fine) if fine else facts.of_kind(kind, label=fact.label)
    if kind == "person":
        # A role's fellow holders when the question asks a role; else people who act in
        # the text as this one does (who scored, who signed), never bystanders.
        if fact.fine == "role" or fact.distractors:
            return [fact.distractors]
        return [siblings, [a for a in same_fine if a in actors_of(facts)]]
    if kind == "term":
        return [fact.distractors, siblings, same_fine]
    if kind == "org":
        # Organisations that act in the text (sue, approve, found): not its products.
        same_fine = [a for a in same_fine if a in actors_of(facts)]
    if kind == "place" and sort_of(fact.answer):
        # A city for a city, a country for a country: the document's own first, then the
        # gazetteer's nearest (never a place of another sort).
        sort = sort_of(fact.answer)
        typed = [[p for p in pool if sort_of(p) == sort] for pool in (siblings, same_fine)]
        return [*typed, places_like(fact.answer)]
    pools = [fact.distractors, siblings, same_fine]
    if context is not None and fine == "place:GPE:state":
        # Countries from other texts for a country; never cities from elsewhere, which are
        # no plausible venue for this text's event.
        pools.append(context.pools.get(fine, ()))
    return pools


def actors_of(facts: DocFacts) -> set[str]:
    """Names that are the subject or the agent of some verb in the document."""
    found = facts.doc.user_data.get("quizapp_actors")
    if found is None:
        found = set()
        for entity in facts.entities:
            head = facts.doc[entity.end - 1]
            if head.dep_ in ("nsubj", "nsubjpass") or (
                head.dep_ == "pobj" and head.head.dep_ == "agent"
            ):
                found.add(entity.answer)
        facts.doc.user_data["quizapp_actors"] = found
    return found


def related_places(answer: str, facts: DocFacts) -> set[str]:
    """Places that contain the answer or that it contains: either would be right too."""
    related = set(facts.containers.get(answer, ()))
    related |= {place for place, around in facts.containers.items() if answer in around}
    return related


def _shares_a_name(answer: str, prompt: str) -> bool:
    """ "What was Chinua Achebe christened?" "Albert Chinualumogu Achebe": only one choice
    would carry the name the prompt gives."""
    prompt_words = {w.casefold() for w in re.findall(r"\w+", prompt) if w[:1].isupper()}
    return any(w.casefold() in prompt_words for w in re.findall(r"\w+", answer) if w[:1].isupper())


def says_name(text: str, name: str) -> bool:
    return says_whole(fold(name), fold(text))


def _gives_away(prompt: str, answer: str) -> bool:
    """No prompt contains its own answer."""
    return says_name(prompt, answer)
