"""People and their roles: "Who is China's Foreign Minister?", "What position does X hold?".

Roles come from the parse, not from lists of titles:
- a title with the name in apposition: "China's Foreign Minister, Wang Yi, ...";
- a name with the title in apposition: "Sultan Al Jaber, the chief executive of ...";
- a title written before the name: "NATO Secretary General Jens Stoltenberg".
The same shapes also describe places: "Vilnius, the capital of Lithuania".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .analysis import POSSESSIVE, DocFacts, Entity, facts_of, render
from .asking import WhFact, questions_for

GENERATOR = "people"
NAME_KINDS = ("person", "place")
PRONOUNS = {"PRON"}
TITLE_DEPS = {"compound", "amod", "poss", "case", "nmod", "nummod"}


@dataclass(frozen=True)
class Role:
    """A person (or place) and how the document describes them."""

    entity: Entity
    title: str  # as written: "China's Foreign Minister", "the chair of the African Union"
    qualified: bool  # names whose role it is ("China's", "NATO", "of the African Union")
    source_text: str
    sentence: int
    title_tokens: tuple[int, ...] = ()

    @property
    def prompt_title(self) -> str:
        """The title as it reads after "Who is": with "the" unless it has an owner already."""
        first, _, rest = self.title.partition(" ")
        if first.lower() in ("the", "a", "an"):
            return f"{first.lower()} {rest}"
        if any(p in self.title for p in POSSESSIVE if len(p) > 1):
            return self.title
        return f"the {self.title}"


def roles_of(facts: DocFacts) -> list[Role]:
    """Every role the document states, once per (name, title)."""
    cached = facts.doc.user_data.get("quizapp_roles")
    if cached is not None:
        return cached
    found: dict[tuple[str, str], Role] = {}
    for entity in facts.entities:
        if entity.kind not in NAME_KINDS:
            continue
        for tokens, title_head in _title_tokens(facts, entity):
            role = _role(facts, entity, tokens, title_head)
            if role is not None:
                found.setdefault((entity.answer, role.title.casefold()), role)
    roles = list(found.values())
    facts.doc.user_data["quizapp_roles"] = roles
    return roles


def _title_tokens(facts: DocFacts, entity: Entity) -> Iterator[tuple[list, object]]:
    doc = facts.doc
    head = doc[entity.end - 1]
    # "China's Foreign Minister, Wang Yi": the name is in apposition to the title.
    if head.dep_ == "appos" and head.head.i < entity.start:
        title_head = head.head
        if facts.entity_at(title_head.i) is None or facts.entity_at(title_head.i).kind != "person":
            yield list(doc[title_head.left_edge.i : head.left_edge.i]), title_head
    # "Sultan Al Jaber, the chief executive of ...": the title is in apposition to the name.
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i and child.pos_ in ("NOUN", "PROPN"):
            inner = facts.entity_at(child.i)
            if inner is None or inner.kind not in NAME_KINDS:
                yield [t for t in child.subtree if t.dep_ not in ("relcl", "acl")], child
    # "NATO Secretary General Jens Stoltenberg": the title stands before the name.
    before = []
    k = entity.start - 1
    while k >= 0:
        token = doc[k]
        hyphen = token.text in ("-", "\u2013") and not token.whitespace_ and k > 0
        if token.dep_ not in TITLE_DEPS and token.text not in POSSESSIVE and not hyphen:
            break
        if hyphen:  # "Secretary-General": the title goes on across the hyphen
            before.insert(0, token)
            k -= 1
            continue
        if token.head.i < k and token.text not in POSSESSIVE:
            break
        before.insert(0, token)
        k -= 1
    if before:
        yield before, before[-1]


def _role(facts: DocFacts, entity: Entity, tokens: list, title_head) -> Role | None:
    tokens = [t for t in tokens if not (t.is_punct and t.text not in POSSESSIVE and t.whitespace_)]
    while tokens and (tokens[-1].is_punct or tokens[-1].text in POSSESSIVE):
        tokens = tokens[:-1]
    if not tokens or len(tokens) > 12:
        return None
    if any(t.pos_ in PRONOUNS for t in tokens):
        return None  # "his Russian counterpart": whose, the question could not say
    # A title needs a word of its own (Minister, chief executive), not just a name ("NATO").
    if title_head.pos_ not in ("NOUN", "PROPN") or facts.entity_at(title_head.i) is not None:
        return None
    if any(t.pos_ == "VERB" for t in tokens):
        return None
    title = render(tokens)
    if tokens[0].lower_ in ("the", "a", "an"):
        title = title[0].lower() + title[1:]  # "The chair of ..." opened its sentence
    qualified = any(
        facts.entity_at(t.i) is not None or t.dep_ in ("poss", "prep") or t.pos_ == "ADJ"
        for t in tokens
    )
    sentence = facts.sentence_of(entity.start)
    return Role(entity, title, qualified, sentence.text, sentence.index, tuple(t.i for t in tokens))


def people_items(document, analysis=None, context=None) -> Iterator:
    """Who holds which role, and which role a person holds, as multiple choice or typed."""
    if analysis is None:
        return
    facts = facts_of(analysis)
    roles = roles_of(facts)
    # A title that two different names hold would make "Who is ...?" ambiguous.
    holders: dict[str, set[str]] = {}
    for role in roles:
        holders.setdefault(role.prompt_title.casefold(), set()).add(role.entity.answer)
    titles = [r.title for r in roles if r.entity.kind == "person"]
    for role in roles:
        entity = role.entity
        early = 0.04 if role.sentence < 3 else 0.0
        if len(holders[role.prompt_title.casefold()]) == 1:
            wh = "Who" if entity.kind == "person" else "What"
            yield from questions_for(
                WhFact(
                    prompt=f"{wh} is {role.prompt_title}?",
                    answer=entity.answer,
                    kind=entity.kind,
                    source_text=role.source_text,
                    score=(0.9 if role.qualified else 0.7) + early,
                    fact=("role", entity.answer, role.title.casefold()),
                    generator=GENERATOR,
                ),
                facts,
                context,
            )
        if entity.kind == "person":
            yield from questions_for(
                WhFact(
                    prompt=f"What position does {entity.answer} hold?",
                    answer=role.title,
                    kind="title",
                    source_text=role.source_text,
                    score=0.62 if role.qualified else 0.55,
                    fact=("role", entity.answer, role.title.casefold()),
                    generator=GENERATOR,
                    distractors=tuple(titles),
                    alternatives=_title_alternatives(role),
                ),
                facts,
                context,
            )


def _title_alternatives(role: Role) -> tuple[str, ...]:
    """ "China's Foreign Minister" also accepts "Foreign Minister"."""
    title = role.title
    for mark in ("\u2019s ", "'s "):
        if mark in title:
            return (title.split(mark, 1)[1],)
    return ()
