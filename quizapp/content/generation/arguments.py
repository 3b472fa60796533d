"""What a main clause says besides where and when: its object, its agent, how long.

"Mbappé won the Golden Boot" -> "What did Kylian Mbappé win?"; "Things Fall Apart was
published by Heinemann" -> "Who published Things Fall Apart?"; "agreed to sell the rights
for 15 years" -> "For how long ...?" is left to a cloze, but "worked there for 15 years"
-> "How long did X work there?". A named subject that is not a person is asked with
"What": "What was published by Heinemann in London in 1958?".
"""

from __future__ import annotations

from collections.abc import Iterator

from .analysis import facts_of, head_of, render
from .events import (
    VAGUE_WORDS,
    Clause,
    ask_clause,
    clauses_of,
    heads_name,
    in_main_clause,
    inverted_verb,
    named_by,
    rest_of_clause,
    subject_question,
)
from .terms import NAMING_VERBS

GENERATOR = "arguments"
MAX_WHAT_WORDS = 18
OBJECT_KINDS = ("person", "thing", "term", "event", "org", "name")
AGENT_KINDS = ("person", "org", "term", "thing")
DURATION_UNITS = ("number:year", "number:month", "number:week", "number:day", "number:decade")


def arguments_items(document, analysis=None, context=None) -> Iterator:
    """Object, agent, what-subject and how-long questions from the main clauses."""
    if analysis is None:
        return
    facts = facts_of(analysis)
    for clause in clauses_of(facts):
        if not in_main_clause(clause.verb):
            continue
        inversion = inverted_verb(clause.verb)
        if inversion is None:
            continue
        aux, verb_words = inversion
        early = 0.04 if clause.sentence < 3 else 0.0
        subject = clause.subject_text
        obj = _object(facts, clause)
        # "The treaty also set up the League": a definite subject the text names will do.
        if obj is not None and (clause.subject is not None or _definite(clause)):
            rest = rest_of_clause(clause, drop_object=True)
            if rest is not None:
                # "was christened Albert": a name given, asked with "What".
                named_as = clause.verb.lemma_.lower() in NAMING_VERBS or _given_name(clause)
                wh = "Whom" if obj.kind == "person" and not named_as else "What"
                # "Whom did Xi Jinping send?" (to the summit, in his place): a person acted
                # on with nothing else said fits everyone the text names, so it is not asked.
                bare = wh == "Whom" and not rest.strip()
                if not bare:
                    yield from ask_clause(
                        facts,
                        context,
                        clause,
                        prompt=f"{wh} {aux} {subject} {verb_words}{rest}?",
                        answer=obj,
                        score=0.8 + early,
                        fact=("object", clause.verb.i),
                    )
        agent = _agent(facts, clause)
        if agent is not None:
            wh = "What" if agent.kind == "term" else "Who"  # a publisher, a person: "Who"
            prompt = _agent_question(clause, aux, verb_words, wh)
            if prompt:
                yield from ask_clause(
                    facts,
                    context,
                    clause,
                    prompt=prompt,
                    answer=agent,
                    score=0.8 + early,
                    fact=("agent", clause.verb.i),
                )
        named = clause.subject
        if named is not None and named.kind in ("thing", "org", "event") and not _counts(clause):
            prompt = subject_question(clause)
            if prompt and not VAGUE_WORDS.search(prompt) and len(prompt.split()) <= MAX_WHAT_WORDS:
                # "What sued to block the deal?" reads as a thing acting: a name is asked by
                # the noun the text sets beside it ("Which novel ...?"), an agency, a company
                # or a club as the organisation it is.
                noun = kind_noun(facts, named) or ("organisation" if named.kind == "org" else "")
                wh = f"Which {noun}" if noun else "What"
                yield from ask_clause(
                    facts,
                    context,
                    clause,
                    prompt=wh + prompt[len("Who") :],
                    answer=named,
                    score=0.78 + early,
                    fact=("what", clause.verb.i),
                )
        duration = _duration(facts, clause)
        if duration is not None and clause.subject is not None:
            rest = rest_of_clause(clause)
            if rest is not None:
                yield from ask_clause(
                    facts,
                    context,
                    clause,
                    prompt=f"How long {aux} {subject} {verb_words}{rest}?",
                    answer=duration,
                    score=0.76 + early,
                    fact=("how long", clause.verb.i),
                )


def kind_noun(facts, entity) -> str:
    """The common noun the text sets a name beside to say what it is ("His first novel,
    Things Fall Apart": "novel"; "the journal Physical Review Letters": "journal")."""
    doc = facts.doc
    for other in facts.entities:
        if other.answer != entity.answer:
            continue
        head = head_of(doc, other)
        nouns = [head.head] if head.dep_ == "appos" and head.head.i < head.i else []
        nouns += [c for c in head.children if c.dep_ == "appos" and c.i > head.i]
        for noun in nouns:
            if noun.pos_ == "NOUN" and noun.tag_ == "NN" and facts.entity_at(noun.i) is None:
                return noun.lower_
    return ""


def _definite(clause: Clause) -> bool:
    """The clause's subject is "the" + a common noun the text names ("the treaty" in a text
    about the Treaty of Versailles, asked by that name)."""
    tokens = clause.subject_tokens
    return (
        bool(tokens)
        and tokens[0].lower_ == "the"
        and tokens[-1].pos_ == "NOUN"
        and any(ch.isupper() for ch in clause.subject_text)
    )


def _given_name(clause: Clause) -> bool:
    """ "was christened Albert", "called him X": a passive verb with an object names."""
    children = list(clause.verb.children)
    passive = any(c.dep_ == "nsubjpass" for c in children)
    return any(c.dep_ == "oprd" or (passive and c.dep_ == "dobj") for c in children)


def _counts(clause: Clause) -> bool:
    """ "flows through ten": a bare number stands for what it counts; asking around it
    would read as a riddle."""
    return any(t.pos_ == "NUM" and t.dep_ in ("dobj", "pobj", "attr") for t in clause.verb.subtree)


def definition_items(document, analysis=None, context=None) -> Iterator:
    """ "the aorta, the largest artery in the body" -> "What is the largest artery in the
    body?": a term the text defines, asked by its definition."""
    if analysis is None:
        return
    facts = facts_of(analysis)
    for entity in facts.entities:
        if entity.kind != "term" or entity.label != "DEFINED":
            continue
        head = analysis[entity.end - 1]
        for child in head.children:
            if child.dep_ != "appos" or child.i < head.i:
                continue
            tokens = [t for t in child.subtree if not t.is_punct or t.text in ("-", "’", "'", "%")]
            if not tokens or tokens[0].lower_ != "the" or not 3 <= len(tokens) <= 14:
                continue
            description = render(tokens)
            yield from ask_clause(
                facts,
                context,
                _clause_for(facts, entity),
                prompt=f"What is {description}?",
                answer=entity,
                score=0.8,
                fact=("definition", entity.answer),
            )


def _clause_for(facts, entity) -> Clause:
    """A bare clause record for a question that comes from a noun phrase, not a verb."""
    sentence = facts.sentences[entity.sentence]
    return Clause(
        verb=facts.doc[entity.start],
        subject_tokens=(),
        subject_text="",
        subject=None,
        partner=None,
        place=None,
        when=None,
        source_text=sentence.text,
        sentence=sentence.index,
    )


def cut_short(facts, entity) -> bool:
    """A name the parse sets in apposition to the common noun right before it, with no
    comma between ("a second physics Nobel"): the two are one name, and the part alone
    ("Nobel") is not what the sentence says. "its reserve asset, the Special Drawing
    Right" is a true apposition, and so is a name after "the" and the common noun for its
    kind ("the journal Physical Review Letters", "the French publisher Ubisoft")."""
    head = facts.doc[entity.end - 1]
    if head.dep_ != "appos":
        head = next((t for t in facts.doc[entity.start : entity.end] if t.dep_ == "appos"), head)
    return (
        head.dep_ == "appos"
        and head.head.i == entity.start - 1
        and head.head.pos_ == "NOUN"
        and entity.kind != "person"
        and not any(c.dep_ == "det" and c.lower_ == "the" for c in head.head.children)
    )


def _object(facts, clause: Clause):
    """The named thing or term a verb acts on: "won the Golden Boot"."""
    for child in clause.verb.children:
        if child.dep_ in ("dobj", "oprd") and child.i > clause.verb.i:
            entity = named_by(facts, child)
            untagged = facts.entity_at(child.i)
            if entity is None and untagged is not None and untagged.kind == "name":
                entity = untagged  # "won the Booker Prize": a name the tagger missed
            if entity is not None and entity.kind == "term" and entity.label == "TERM":
                return None  # "faces legislative elections": a description, not a named thing
            if entity is not None and entity.kind in OBJECT_KINDS and heads_name(child, entity):
                if any(
                    c.dep_ == "prep" and c.lower_ == "of" and c.i >= entity.end
                    for c in child.children
                ):
                    return None  # "the breakaway state of Biafra": the name is the point
                if cut_short(facts, entity):
                    return None  # "won a second physics Nobel": "Nobel" alone is not the prize
                return entity
    return None


def _agent(facts, clause: Clause):
    """ "published by Heinemann": who did what a passive verb says (one agent only: with
    "and by Johannes Bell" the question would have two answers)."""
    for child in clause.verb.children:
        if child.dep_ == "agent" and not any(c.dep_ == "conj" for c in child.children):
            if any(t.dep_ == "conj" for t in child.subtree):
                return None
            for pobj in child.children:
                entity = named_by(facts, pobj) if pobj.dep_ == "pobj" else None
                if entity is not None and entity.kind in AGENT_KINDS:
                    return entity
    return None


def _agent_question(clause: Clause, aux: str, verb_words: str, wh: str = "Who") -> str | None:
    """ "Who published Things Fall Apart?" where the past tense reads the same as the
    participle ("published", "invented"); else "Who was X written by?"."""
    verb = clause.verb
    rest = rest_of_clause(clause)
    if rest is None:
        return None
    if aux in ("was", "were") and verb.text.endswith("ed") and verb_words == verb.text:
        return f"{wh} {verb.text} {clause.subject_text}{rest}?"
    return f"{wh} {aux} {clause.subject_text} {verb_words}{rest} by?"


def _duration(facts, clause: Clause):
    """ "for 15 years": how long something lasted."""
    for child in clause.verb.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            for pobj in child.children:
                entity = facts.entity_at(pobj.i)
                if entity is not None and entity.fine in DURATION_UNITS:
                    return entity
    return None
