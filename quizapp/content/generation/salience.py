"""How central a named thing or term is to its sentence and to the document.

A teacher's key facts are the main clause's own words (its subject, object and the
complements of its verb), the names and terms a text repeats, and dates, numbers and
named works rather than qualifiers deep inside a phrase.
"""

from __future__ import annotations

from collections import Counter

from .analysis import DocFacts, head_of
from .entities import Entity
from .terms import is_named_by_text

SUBJECTS = ("nsubj", "nsubjpass")
# Prepositions that give an act its setting (where, when, how long), not what it acts on.
SETTING_PREPS = ("in", "at", "on", "during", "since", "for", "after", "before", "near")
NAME_KINDS = ("person", "place", "org", "thing", "event")
KIND_BONUS = {"thing": 0.05, "event": 0.03, "term": 0.02, "person": 0.02, "org": 0.01}


def salience(facts: DocFacts, entity: Entity) -> float:
    """A small bonus or malus (about -0.1 to +0.12) for how central `entity` is."""
    doc = facts.doc
    head = head_of(doc, entity)
    score = KIND_BONUS.get(entity.kind, 0.0)
    depth = _depth(head)
    score += {0: 0.0, 1: 0.05, 2: 0.03, 3: 0.01}.get(depth, -0.02 * (depth - 3))
    if is_named_by_text(head):
        score += 0.06  # "known as the Iron Gates", "called the septum": what the text teaches
    if head.dep_ == "appos" and head.head.dep_ in SUBJECTS:
        score += 0.03  # "His first novel, Things Fall Apart, was published ..."
    if entity.kind not in ("number", "date", "time", "term") and (
        _introduced_by_its_kind(head)
        or any(c.dep_ == "appos" and c.tag_ == "NN" and c.i > head.i for c in head.children)
    ):
        # "the journal Physical Review Letters", "Okonkwo, a proud wrestler and farmer": a
        # name the text says what it is of is one it introduces to the reader
        score += 0.05
    if entity.fine == "date:month":
        score -= 0.06  # "in May": a month without its year, said in passing
    if head.dep_ in SUBJECTS and head.head.dep_ == "ROOT":
        score += 0.03
    if _object_of_main_verb(head):
        score += 0.05  # "In 2007 he won the Man Booker Prize": the prize is the news
    if _in_subordinate_clause(head):
        score -= 0.04  # "Born in Vietnam, ...", "since Will Smith slapped ...": background
    if any(
        entity.answer in facts.containers.get(e.answer, ())
        for e in facts.in_sentence(entity.sentence)
    ):
        score -= 0.03  # "the Dolby Theatre in Los Angeles": the theatre is the point
    elif any(entity.answer in around for around in facts.containers.values()):
        score -= 0.02  # a place other places are in ("Europe", "Germany"): background
    if len(facts.siblings.get(entity.answer, ())) >= 2:
        score -= 0.06  # one of a list ("Germany, Austria, Slovakia, ..."): the list is the point
    if entity.kind in NAME_KINDS and len(entity.answer.split()) >= 2:
        score += 0.02  # "Black Forest", "Dolby Theatre": a specific name, not a household one
    if entity.start != first_mention(facts, entity.answer):
        score -= 0.03  # asked where the text introduces it
    if entity.fine == "date:day-month-year":
        score += 0.02
    mentions = mention_counts(facts)[entity.answer]
    if 2 <= mentions <= 3:
        score += 0.02
    return score


def _introduced_by_its_kind(token) -> bool:
    """A name set beside the common noun that says what it is, with that noun's article
    ("the journal Physical Review Letters", "a federal judge in San Francisco, ...")."""
    noun = token.head
    return (
        token.dep_ == "appos"
        and noun.pos_ == "NOUN"
        and noun.i < token.i
        and any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in noun.children)
    )


def _object_of_main_verb(token) -> bool:
    """The object or complement of the main verb, or a name in apposition to it ("came up
    with a sturdier design, the junction transistor")."""
    if token.dep_ == "appos":
        token = token.head
    if (
        token.dep_ == "pobj"
        and token.head.dep_ == "prep"
        and token.head.head.pos_ == "VERB"
        and token.head.lower_ not in SETTING_PREPS
    ):
        verb = token.head.head
        # "came up with ...": a preposition the verb cannot do without
        if not any(c.dep_ in ("dobj", "attr") for c in verb.children) and token.head.i == min(
            (c.i for c in verb.children if c.i > verb.i and c.dep_ not in ("prt", "punct")),
            default=-1,
        ):
            return _main_verb(verb) and token.ent_type_ not in ("DATE", "TIME")
        return False
    return token.dep_ in ("dobj", "attr", "oprd") and _main_verb(token.head)


def _main_verb(verb) -> bool:
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def first_mention(facts: DocFacts, answer: str) -> int:
    """The token where the document first names `answer`."""
    firsts = facts.doc.user_data.get("quizapp_first_mentions")
    if firsts is None:
        firsts = {}
        for entity in facts.entities:
            firsts.setdefault(entity.answer, entity.start)
        facts.doc.user_data["quizapp_first_mentions"] = firsts
    return firsts.get(answer, -1)


def _in_subordinate_clause(token) -> bool:
    """Inside an adverbial, relative or reported clause of the sentence."""
    while token.head.i != token.i:
        if token.dep_ in ("advcl", "relcl", "ccomp", "csubj"):
            return True
        token = token.head
    return False


def _depth(token) -> int:
    """Steps from the sentence's main verb, counting content words only (not "of", "in")."""
    depth = 0
    while token.head.i != token.i and depth < 8:
        if token.pos_ != "ADP":
            depth += 1
        token = token.head
    return depth


def mention_counts(facts: DocFacts) -> Counter:
    """How often each thing is named in the document."""
    counts = facts.doc.user_data.get("quizapp_mentions")
    if counts is None:
        counts = facts.doc.user_data["quizapp_mentions"] = Counter(e.answer for e in facts.entities)
    return counts
