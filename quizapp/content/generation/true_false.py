"""True/false: a statement the document makes, and its false twin with one name swapped.

Statements come from roles ("Jens Stoltenberg is the NATO Secretary General.") and from
events ("Wang Yi met with Sergey Lavrov in Moscow."). The false twin swaps one name for
another of the same kind from the document that the document never gives that role or
place, so the twin is false by the document's own account.
"""

from __future__ import annotations

from collections.abc import Iterator

from .analysis import facts_of
from .candidates import QuestionCandidate
from .distractors import is_alias
from .events import clauses_of
from .people import roles_of

GENERATOR = "true_false"
CHOICES = ("True", "False")


def true_false_items(document, analysis=None, context=None) -> Iterator[QuestionCandidate]:
    """Pairs of true and false statements from roles and events."""
    if analysis is None:
        return
    facts = facts_of(analysis)
    roles = [r for r in roles_of(facts) if r.entity.kind == "person" and r.qualified]
    people = facts.of_kind("person")
    held = {}
    for role in roles_of(facts):
        held.setdefault(role.entity.answer, set()).add(role.title.casefold())
    for n, role in enumerate(roles):
        person = role.entity.answer
        title = role.prompt_title
        early = 0.03 if role.sentence < 3 else 0.0
        yield _statement(f"{person} is {title}.", True, role.source_text, 0.7 + early, person)
        for other in people[n + 1 :] + people[: n + 1]:
            if other == person or is_alias(other, person):
                continue
            if any(_same_title(t, role.title) for t in held.get(other, ())):
                continue
            if _mentioned_with(facts, other, role.sentence):
                continue  # swapping in someone from the same sentence is too easy to misread
            yield _statement(f"{other} is {title}.", False, role.source_text, 0.7 + early, person)
            break
    for clause in clauses_of(facts):
        if clause.subject is None or clause.place is None or clause.partner is None:
            continue
        place = clause.place.answer
        verb = clause.verb.text
        subject = clause.subject.answer
        partner = clause.partner.answer
        with_word = " with" if any(c.lower_ == "with" for c in clause.verb.children) else ""
        true_text = f"{subject} {verb}{with_word} {partner} in {place}."
        yield _statement(true_text, True, clause.source_text, 0.68, ("event", subject, place))
        for other in facts.of_kind("place"):
            if is_alias(other, place) or _mentioned_with(facts, other, clause.sentence):
                continue
            false_text = f"{subject} {verb}{with_word} {partner} in {other}."
            yield _statement(false_text, False, clause.source_text, 0.68, ("event", subject, place))
            break


def _same_title(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def _mentioned_with(facts, name: str, sentence: int) -> bool:
    return any(e.answer == name for e in facts.in_sentence(sentence))


def _statement(text: str, truth: bool, source_text: str, score: float, about) -> QuestionCandidate:
    return QuestionCandidate(
        kind="true_false",
        prompt=text,
        answer="True" if truth else "False",
        choices=CHOICES,
        source_text=source_text,
        explanation=source_text,
        generator=GENERATOR,
        score=round(score, 3),
        fact=("statement", str(truth), str(about)),
    )
