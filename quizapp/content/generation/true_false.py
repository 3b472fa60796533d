"""True/false: a statement the document makes, and its false twin with one name swapped.

Statements come from roles ("Jens Stoltenberg is the NATO Secretary General.") and from
events ("Wang Yi met with Sergey Lavrov in Moscow."). The false twin swaps one name for
another of the same kind from the document that the document never gives that role or
place, so the twin is false by the document's own account.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .analysis import facts_of, points_back
from .candidates import QuestionCandidate
from .distractors import NUMBER, date_variants, is_alias, number_variants
from .events import auxiliaries, clauses_of
from .people import office, roles_of, title_owner
from .wellformed import is_well_formed

GENERATOR = "true_false"
CHOICES = ("True", "False")
MIN_STATEMENT_WORDS = 6
MAX_STATEMENT_WORDS = 24
AMOUNT_SCORE = 0.66
DOUBTFUL = 0.3


def true_false_items(document, analysis=None, context=None) -> Iterator[QuestionCandidate]:
    """Pairs of true and false statements from roles and events."""
    if analysis is None:
        return
    facts = facts_of(analysis)
    # Offices only: "X is the English physician" says nothing out of its sentence.
    roles = [
        r for r in roles_of(facts) if r.entity.kind == "person" and r.qualified and office(r.title)
    ]
    held = {}
    for role in roles_of(facts):
        held.setdefault(role.entity.answer, set()).add(role.title.casefold())
    for role in roles:
        person = role.entity.answer
        true_text = role.statement(person)
        if true_text is None:
            continue
        early = 0.03 if role.sentence < 3 else 0.0
        yield _statement(true_text, True, role.source_text, 0.7 + early, person)
        twin = _twin(facts, role, held, roles)
        if twin is not None:
            yield _statement(role.statement(twin), False, role.source_text, 0.7 + early, person)
    yield from _amount_twins(facts)
    for clause in clauses_of(facts):
        if clause.subject is None or clause.place is None or clause.partner is None:
            continue
        place = clause.place.answer
        # "was born", "had met": the verb with the auxiliaries it is told with
        verb = " ".join([*(t.text for t in auxiliaries(clause.verb)), clause.verb.text])
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


def _amount_twins(facts) -> Iterator[QuestionCandidate]:
    """A short sentence that states a date or an amount, and its twin with a nearby date or
    amount of the same unit: "The bridge opened in 1890." / "... in 1891." The twin is
    false by the text's own account and as plausible as the fact."""
    doc = facts.doc
    for sentence in facts.sentences:
        words = sentence.text.split()
        if not MIN_STATEMENT_WORDS <= len(words) <= MAX_STATEMENT_WORDS:
            continue
        span = doc[sentence.start : sentence.end]
        if any(t.tag_ in ("PRP", "PRP$") or points_back(t) for t in span) or re.search(
            r"[\u201c\u201d\"]", span.text
        ):
            continue  # "it", "his", "there" out of context, or a quotation
        for entity in facts.in_sentence(sentence.index):
            if entity.kind == "number" and re.search(r"\d", entity.text):
                variants = _beyond_hedge(doc, entity, number_variants(entity.text))
            elif entity.kind == "date" and re.search(r"\d{4}", entity.text):
                # "in about 1327" is not plainly false as "in about 1326"
                variants = [] if _hedged(doc, entity) else date_variants(entity.text)
            else:
                continue
            if not variants or sentence.text.count(entity.text) != 1:
                continue
            about = ("amount", str(sentence.index))
            false_text = sentence.text.replace(entity.text, variants[0])
            yield _statement(sentence.text, True, sentence.text, AMOUNT_SCORE, about)
            yield _statement(false_text, False, sentence.text, AMOUNT_SCORE, about)
            break


# How far, as a share of the amount, a hedged amount's false twin must be from it.
HEDGE_GAP = 0.25


def _beyond_hedge(doc, entity, variants: list[str]) -> list[str]:
    """Twins of a plain or approximate amount; none for a bound ("more than 20 million"),
    which another bound could match too."""
    before = " ".join(t.lower_ for t in doc[max(entity.start - 2, 0) : entity.start])
    value = _value(entity.text)
    if value is None:
        return []
    if re.search(
        r"\b(?:more than|over|at least|above|less than|fewer than|under|up to|below)$", before
    ):
        return []  # "more than 30 million" may be true of "more than 20 million"
    if entity.start and doc[entity.start - 1].is_title and doc[entity.start - 1].pos_ != "DET":
        return []  # "Flight 1549", "Apollo 11": a number that names, not an amount
    if _hedged(doc, entity):
        # "about 10%" is not plainly false as "about 9%": a hedged amount's twin is far off
        return [v for v in variants if abs((_value(v) or value) - value) >= HEDGE_GAP * value]
    return variants


HEDGES = re.compile(
    r"\b(?:about|around|roughly|nearly|almost|some|approximately|close to|c\.|circa)$"
)


def _hedged(doc, entity) -> bool:
    """An amount or date said with a hedge before it: "about 10%", "in about 1327"."""
    return bool(
        HEDGES.search(" ".join(t.lower_ for t in doc[max(entity.start - 2, 0) : entity.start]))
    )


def _value(text: str) -> float | None:
    match = NUMBER.search(text)
    return float(match.group(0).replace(",", "")) if match else None


def _twin(facts, role, held: dict[str, set[str]], roles) -> str | None:
    """Someone who holds another office of the same country or organisation ("Wang Yi is
    China’s President." for China’s Foreign Minister): plausible, and false by the text.
    Another country's leader ("Putin is China’s President") would be no real choice."""
    owner = title_owner(role.title)
    person = role.entity.answer
    for other in roles:
        name = other.entity.answer
        if name == person or is_alias(name, person) or title_owner(other.title) != owner:
            continue
        if any(_same_title(t, role.title) for t in held.get(name, ())):
            continue
        if other.past != role.past:
            continue
        return name
    return None


def _title_head(title: str) -> str:
    """The last word of a title, the sort of office: "Minister", "president", "coach"."""
    words = re.findall(r"[\w-]+", title.split(" of ")[0])
    return words[-1].casefold() if words else ""


def _same_title(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def _mentioned_with(facts, name: str, sentence: int) -> bool:
    return any(e.answer == name for e in facts.in_sentence(sentence))


def _statement(text: str, truth: bool, source_text: str, score: float, about) -> QuestionCandidate:
    if not is_well_formed(text):
        score = min(score, DOUBTFUL)  # stays a draft
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
