"""People and their roles: "Who is China's Foreign Minister?", "What position does X hold?".

Roles come from the parse, not from lists of titles:
- a title with the name in apposition: "China's Foreign Minister, Wang Yi, ...";
- a name with the title in apposition: "Sultan Al Jaber, the chief executive of ...";
- a title written before the name: "NATO Secretary General Jens Stoltenberg".
The same shapes also describe places: "Vilnius, the capital of Lithuania".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .analysis import (
    ERA_YEAR,
    POSSESSIVE,
    YEAR,
    DocFacts,
    facts_of,
    is_address,
    long_before_writing,
    of_its_own_time,
    render,
)
from .asking import WhFact, questions_for
from .entities import Entity
from .frame import tells_news

GENERATOR = "people"
NAME_KINDS = ("person", "place")
PRONOUNS = {"PRON"}
TITLE_DEPS = {"compound", "amod", "poss", "case", "nmod", "nummod"}
# Words that put a role in the past.
PAST_MARKERS = {"then", "former", "late", "ex"}


@dataclass(frozen=True)
class Role:
    """A person (or place) and how the document describes them."""

    entity: Entity
    title: str  # as written: "China's Foreign Minister", "the chair of the African Union"
    qualified: bool  # names whose role it is ("China's", "NATO", "of the African Union")
    source_text: str
    sentence: int
    title_tokens: tuple[int, ...] = ()
    # A role the text puts in the past ("then-Foreign Minister", "former president", a
    # role in a text about 1919): asked as "Who was ... in 1919?", or not at all.
    past: bool = False
    year: str = ""
    of_place: bool = False  # "the capital of Lithuania": the title names a place it is in

    @property
    def who_prompt(self) -> str | None:
        """ "Who is China’s Foreign Minister?", "Who was Germany’s Foreign Minister in 1919?"."""
        if not self.past:
            return f"Who is {self.prompt_title}?"
        if self.year:
            return f"Who was {self.prompt_title} in {self.year}?"
        return None

    def statement(self, name: str) -> str | None:
        """ "Xi Jinping is China’s President." with the role's tense and time."""
        if not self.past:
            return f"{name} is {self.prompt_title}."
        if not office(self.title):
            return f"{name} was {self.prompt_title}."  # "William Harvey was the English physician."
        if self.year:
            return f"{name} was {self.prompt_title} in {self.year}."
        return None

    @property
    def prompt_title(self) -> str:
        """The title as it reads after "Who is": with "the" unless it has an owner already."""
        first, _, rest = self.title.partition(" ")
        if first.lower() in ("the", "a", "an"):
            return f"the {rest}"  # "a British economist": the one the text names
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
                yield _without_clauses(child), child
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
        if _set_by_preposition(facts, k):
            break  # "in Washington President Roosevelt": where he spoke, not whose President
        before.insert(0, token)
        k -= 1
    if before:
        yield before, before[-1]


def _set_by_preposition(facts: DocFacts, k: int) -> bool:
    """Token `k` is in a place named after a preposition ("in Washington")."""
    place = facts.entity_at(k)
    if place is None or place.kind != "place" or place.start == 0:
        return False
    return facts.doc[place.start - 1].pos_ == "ADP"


def _without_clauses(head) -> list:
    """A title's words without relative clauses or a second title joined by "and"."""
    drop = set()
    for token in head.subtree:
        if token.dep_ in ("relcl", "acl") or (token.dep_ in ("conj", "cc") and token.head == head):
            drop.update(t.i for t in token.subtree)
    return [t for t in head.subtree if t.i not in drop]


def _role(facts: DocFacts, entity: Entity, tokens: list, title_head) -> Role | None:
    past = any(t.lower_ in PAST_MARKERS for t in tokens)
    # "then-Foreign Minister": the marker and its hyphen go, the role stays in the past.
    tokens = [
        t
        for k, t in enumerate(tokens)
        if t.lower_ not in PAST_MARKERS
        and not (t.text in ("-", "\u2013") and k and tokens[k - 1].lower_ in PAST_MARKERS)
    ]
    tokens = [t for t in tokens if not (t.is_punct and t.text not in POSSESSIVE and t.whitespace_)]
    while tokens and (
        tokens[-1].is_punct or tokens[-1].text in POSSESSIVE or tokens[-1].pos_ == "CCONJ"
    ):
        tokens = tokens[:-1]
    if not tokens or len(tokens) > 12:
        return None
    owner = None
    if any(t.pos_ in PRONOUNS for t in tokens):
        owner = _owner(facts, tokens)
        if owner is None:
            return None  # "his Russian counterpart": whose, the question could not say
    # A title needs a word of its own (Minister, chief executive), not just a name ("NATO")
    # or a form of address ("yesterday Mr Jinnah").
    if title_head.pos_ not in ("NOUN", "PROPN") or facts.entity_at(title_head.i) is not None:
        return None
    if is_address(title_head.text):
        return None
    if any(t.pos_ in ("VERB", "NUM") for t in tokens):
        return None  # "two British cave divers", "25-year-old assistant coach": not a title
    title = render(tokens)
    if owner is not None:  # "its Foreign Minister" -> "Germany’s Foreign Minister"
        title = render([t for t in tokens if t.pos_ not in PRONOUNS])
        title = f"{owner}\u2019s {title}"
    if tokens[0].lower_ in ("the", "a", "an"):
        title = title[0].lower() + title[1:]  # "The chair of ..." opened its sentence
    qualified = owner is not None or any(
        facts.entity_at(t.i) is not None or t.dep_ in ("poss", "prep") or t.pos_ == "ADJ"
        for t in tokens
    )
    sentence = facts.sentence_of(entity.start)
    # A text of its own time dates a role by its sentence alone: another year of the
    # paragraph ("part of the Games since 1896") is background, not the role's time.
    own_time = of_its_own_time(facts)
    year = _year_of(facts, sentence, paragraph=not own_time)
    earlier = (
        "" if year or tells_news(facts) or own_time else _year_of(facts, sentence, elsewhere=True)
    )
    if earlier and _long_ago(facts, earlier):
        # A text that is not a report, about a time long before it was written, is of
        # that time throughout: an office ("the Lord Mayor") is of the last year it gave;
        # a description ("the inventor of the telephone") has no year to be asked with.
        past = True
        year = earlier if title_head.text[:1].isupper() else ""
    if year and _long_ago(facts, year):
        past = True
    written = facts.doc.user_data.get("quizapp_date")
    if not past and written and entity.kind == "person":
        # a role held when the text was written: asked with that year, since it may not
        # hold when the question is read ("Who was ISRO's chairman in 2023?")
        past, year = True, written[:4]
    return Role(
        entity,
        title,
        qualified,
        sentence.text,
        sentence.index,
        tuple(t.i for t in tokens),
        past=past,
        year=year if past else "",
        of_place=any(
            t.dep_ == "pobj"
            and facts.entity_at(t.i) is not None
            and facts.entity_at(t.i).kind == "place"
            for t in tokens
        ),
    )


def _owner(facts: DocFacts, tokens: list) -> str | None:
    """ "signed for Germany by its then-Foreign Minister": "its" is the country or
    organisation named just before, in the same sentence."""
    pronoun = next(t for t in tokens if t.pos_ in PRONOUNS)
    if pronoun.lower_ not in ("its", "their"):
        return None
    sentence = facts.sentence_of(pronoun.i)
    before = [
        e
        for e in facts.in_sentence(sentence.index)
        if e.end <= pronoun.i and e.kind in ("place", "org")
    ]
    return before[-1].answer if before else None


def _long_ago(facts: DocFacts, year: str) -> bool:
    """`year` ("1666", "221 BC") is long before the text was written."""
    return not year.isdigit() or long_before_writing(facts, int(year))  # "BC": before the era


def _year_of(facts: DocFacts, sentence, *, elsewhere: bool = False, paragraph: bool = True) -> str:
    """The year a sentence speaks of: its own, else the last one before it in its paragraph,
    else the first one after it there ("1919", "221 BC": the tagger dates no era's year).
    `elsewhere`: with no year in the paragraph, the last one the text gave before it;
    not `paragraph`: its own year or none."""
    doc = facts.doc
    found: list[tuple[int, int, str]] = []  # (sentence, character offset, year)
    for entity in facts.entities:
        if entity.kind == "date":
            for year in YEAR.findall(entity.text):
                found.append((entity.sentence, doc[entity.start].idx, year))
    for other in facts.sentences:
        for match in ERA_YEAR.finditer(other.text):
            found.append((other.index, doc[other.start].idx + match.start(), match.group()))
    found.sort()
    if paragraph:
        near = [f for f in found if facts.sentences[f[0]].paragraph == sentence.paragraph]
    else:
        near = [f for f in found if f[0] == sentence.index]
    if not near and elsewhere:
        near = [f for f in found if f[0] < sentence.index]
    years = [year for index, _, year in near if index <= sentence.index]
    later = [year for index, _, year in near if index > sentence.index]
    return years[-1] if years else (later[0] if later else "")


def people_items(document, analysis=None, context=None) -> Iterator:
    """Who holds which role, and which role a person holds, as multiple choice or typed."""
    if analysis is None:
        return
    facts = facts_of(analysis)
    roles = roles_of(facts)
    # A title that two different names hold would make "Who is ...?" ambiguous; so would a
    # bare "the Prime Minister" where another Prime Minister is named.
    holders: dict[str, set[str]] = {}
    for role in roles:
        holders.setdefault(role.prompt_title.casefold(), set()).add(role.entity.answer)
    for role in roles:
        if not role.qualified:
            same_sort = {r.entity.answer for r in roles if _sort(r.title) == _sort(role.title)}
            holders[role.prompt_title.casefold()] |= same_sort
    titles = [_bare(r.title) for r in roles if r.entity.kind == "person"]
    acts = _acts(facts, {r.entity.answer for r in roles})
    for role in roles:
        entity = role.entity
        early = 0.04 if role.sentence < 3 else 0.0
        prompt = _who_prompt(role, acts.get((entity.answer, role.sentence)))
        if len(holders[role.prompt_title.casefold()]) == 1 and prompt:
            yield from questions_for(
                WhFact(
                    prompt=prompt,
                    answer=entity.answer,
                    kind=entity.kind,
                    source_text=role.source_text,
                    score=(0.9 if role.qualified else 0.7) + early,
                    fact=("role", entity.answer, role.title.casefold()),
                    generator=GENERATOR,
                    distractors=_fellow_holders(role, roles) if entity.kind == "person" else (),
                    fine="role" if entity.kind == "person" else "",
                ),
                facts,
                context,
            )
        reverse = _country_of_place(facts, role)
        if reverse is not None:
            # "Vilnius, the capital of Lithuania": the country is a fact of its own
            prompt, country = reverse
            yield from questions_for(
                WhFact(
                    prompt=prompt,
                    answer=country.answer,
                    kind="place",
                    source_text=role.source_text,
                    score=0.8 + early,
                    fact=("country of", entity.answer),
                    generator=GENERATOR,
                    label=country.label,
                ),
                facts,
                context,
            )
        if entity.kind == "person" and (role.year or not role.past) and office(role.title):
            holds = (
                f"did {entity.answer} hold in {role.year}"
                if role.past
                else f"does {entity.answer} hold"
            )
            yield from questions_for(
                WhFact(
                    prompt=f"What position {holds}?",
                    answer=_bare(role.title),
                    kind="title",
                    source_text=role.source_text,
                    score=0.62 if role.qualified else 0.55,
                    fact=("role", entity.answer, role.title.casefold()),
                    generator=GENERATOR,
                    distractors=tuple(titles),
                    alternatives=(role.title, *_title_alternatives(role)),
                ),
                facts,
                context,
            )


def _country_of_place(facts: DocFacts, role: Role) -> tuple[str, Entity] | None:
    """ "Which country has Vilnius as its capital?" from "Vilnius, the capital of Lithuania":
    a place described as the part of a country the title ends with."""
    if role.entity.kind != "place" or role.past or not role.of_place:
        return None
    last = facts.entity_at(role.title_tokens[-1]) if role.title_tokens else None
    if last is None or last.kind != "place" or not last.fine.endswith(":state"):
        return None
    first = facts.doc[role.title_tokens[0]]
    if first.lower_ != "the" or last.end - 1 != role.title_tokens[-1]:
        return None
    before = facts.doc[first.i : last.start]
    if len(before) < 3 or before[-1].lower_ != "of" or any(t.ent_type_ for t in before):
        return None
    relation = render(list(before[1:-1]))
    return f"Which country has {role.entity.answer} as its {relation}?", last


def _who_prompt(role: Role, act: str | None) -> str | None:
    """How to ask who holds a role.

    An office named with its country or organisation: "Who is China’s Foreign Minister?"
    ("Who was the US President in 1919?" for a past one). A description ("the English
    physician", "the France coach") with what the person does in the text: "Which English
    physician was the first to describe ...?", which names one person in any century.
    """
    if role.entity.kind != "person":
        # "Vilnius, the capital of Lithuania": a place described by its relation to
        # another place; other descriptions of places rarely name one place only.
        if role.past or not role.who_prompt or not role.of_place:
            return None
        return "What" + role.who_prompt[3:]
    # "a senior official at the US Treasury" is one of several, and "the Major" or "the
    # Pope" says not whose: asked by what they did.
    if (
        office(role.title)
        and role.qualified
        and role.who_prompt
        and not re.match(r"(?:a|an) ", role.title)
    ):
        return role.who_prompt
    if act and not _possessed(role.title):
        # "Who is the Australian anaesthetist who checked each boy before the journey?"
        return f"{'Who was' if role.past else 'Who is'} the {_bare(role.title)} who {act}"
    return None  # "Who is the British economist?" names no one out of its sentence


def _acts(facts: DocFacts, people: set[str]) -> dict[tuple[str, int], str]:
    """(person, sentence) -> what the person does there as its main clause's subject,
    phrased to follow "Which <title>": "was the first to describe the circulation?"."""
    from .events import clauses_of, in_main_clause, subject_question

    found = {}
    for clause in clauses_of(facts):
        subject = clause.subject
        if subject is None or subject.answer not in people or not in_main_clause(clause.verb):
            continue
        question = subject_question(clause)
        if question and re.search(r"\b(?:him|her|it|them|his|its|their)\b", question):
            continue  # "described him as ...": whom, the question could not say
        if _bare_office(clause.verb):
            continue  # "has been Managing Director since 2019": of what, it does not say
        if question and question.startswith("Who "):
            found.setdefault((subject.answer, clause.sentence), question[len("Who ") :])
    return found


def _bare_office(verb) -> bool:
    """ "has been Managing Director": a verb of being with a capitalised title that names
    no organisation (no "of", no owner)."""
    if verb.lemma_ not in ("be", "become", "remain"):
        return False
    for child in verb.children:
        if child.dep_ in ("attr", "oprd") and child.text[:1].isupper():
            owned = any(
                c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") for c in child.children
            )
            return not owned
    return False


def _possessed(title: str) -> bool:
    return any(p in title for p in POSSESSIVE if len(p) > 1)


def _bare(title: str) -> str:
    """The title without its article: "the France coach" -> "France coach"."""
    first, _, rest = title.partition(" ")
    return rest if first.lower() in ("the", "a", "an") else title


def office(title: str) -> bool:
    """An office held for a time ("Prime Minister", "chief executive of Microsoft"), as
    opposed to a description ("Irish poet"): written in capitals or of an organisation."""
    words = re.split(r" (?:of|at|in|for) ", _bare(title))[0].split()
    return bool(words) and (words[-1][:1].isupper() or " of " in title)


def _sort(title: str) -> str:
    """The sort of office a title names: its last word before any "of" ("Minister")."""
    words = _bare(title).split(" of ")[0].split()
    return words[-1].casefold() if words else ""


def title_owner(title: str) -> str:
    """Who a title belongs to: "China’s" in "China’s President", "US" in "the US
    Secretary of State", "Microsoft Gaming" in "chief executive of Microsoft Gaming"."""
    bare = re.sub(r"^(?:the|a|an) ", "", title)
    for mark in ("\u2019s ", "'s "):
        if mark in bare:
            return bare.split(mark, 1)[0].casefold()
    words = bare.split()
    if len(words) > 1 and words[0][:1].isupper():
        return words[0].casefold()  # "US" in "US Secretary of State", "French" ...
    if " of " in bare:
        return bare.split(" of ", 1)[1].casefold()
    return ""


def _fellow_holders(role: Role, roles: list[Role]) -> tuple[str, ...]:
    """People with a role of the same sort first ("Prime Minister" for a Prime Minister),
    then people with any role: the most plausible wrong answers."""
    # An office: officials of the same country or organisation ("Who is China’s
    # President?": China’s Foreign Minister, not Russia's President, whom nationality
    # rules out). A description ("the goalkeeper"): people of the same sort.
    if office(role.title):
        owner = title_owner(role.title)
        same = [r.entity.answer for r in roles if owner and title_owner(r.title) == owner]
    else:
        same = [r.entity.answer for r in roles if _sort(r.title) == _sort(role.title)]
    return tuple(a for a in dict.fromkeys(same) if a != role.entity.answer)


def _title_alternatives(role: Role) -> tuple[str, ...]:
    """ "China's Foreign Minister" also accepts "Foreign Minister"."""
    title = role.title
    for mark in ("\u2019s ", "'s "):
        if mark in title:
            return (title.split(mark, 1)[1],)
    return ()
