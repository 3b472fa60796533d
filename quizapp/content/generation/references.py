"""Name whom "he", "she", "it" or "they" stands for, or say that nobody can.

A question is read alone, in a quiz, away from the paragraph that named its people: "She
was born _____ in Warsaw" asks about nobody. A third-person pronoun whose referent the
prompt does not name before it is replaced by that referent's name, found in the parse:
for "he", "she", "him", "his", "her", the person most recently named before it; for "it",
"its", "they", "their", the subject of the sentence before, when that is one noun of the
same number. When no referent is found, the question cannot be asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .analysis import DocFacts, Sentence, antecedent, without_address
from .candidates import says_whole
from .gazetteer import CITY, COUNTRY, sort_of
from .genders import may_stand_for
from .wellformed import QUOTED

PERSONAL = frozenset({"he", "she", "him", "his", "her", "hers"})
IMPERSONAL = frozenset({"it", "its", "they", "their", "them"})
PLURAL = frozenset({"they", "their", "them"})
# The person a pronoun stands for was named at most this many sentences before it.
PERSON_WINDOW = 4
# The referent chosen must weigh this many times its nearest rival (see `_person_before`).
CLEAR_MARGIN = 1.5
# "the country", "the city": a place the gazetteer knows of that sort (see `_place_of_sort`).
PLACE_SORTS = (COUNTRY, CITY)
# Kinds of name a bare definite ("the canal") may stand for.
NAMED_KINDS = ("place", "org", "thing", "event", "name")


@dataclass(frozen=True)
class Reference:
    """One pronoun of a sentence and the name it stands for (empty when none was found)."""

    word: str  # as written
    name: str
    possessive: bool

    @property
    def replacement(self) -> str:
        if not self.name:
            return ""
        return f"{self.name}\u2019s" if self.possessive else self.name


def sentence_holding(facts: DocFacts, source_text: str) -> Sentence | None:
    """The analysed sentence a question came from, looked up once per source of a document."""
    cache = facts.doc.user_data.setdefault("quizapp_sentence_holding", {})
    if source_text not in cache:
        cache[source_text] = next(
            (s for s in facts.sentences if s.text and s.text in source_text), None
        )
    return cache[source_text]


def sentences_holding(facts: DocFacts, source_text: str) -> tuple[Sentence, ...]:
    """Every analysed sentence a question's source holds, in order (a blank shown after
    the sentence before it holds two), looked up once per source of a document."""
    cache = facts.doc.user_data.setdefault("quizapp_sentences_holding", {})
    if source_text not in cache:
        found: list[Sentence] = []
        first = sentence_holding(facts, source_text)
        for sentence in facts.sentences[first.index :] if first else ():
            if not sentence.text or sentence.text not in source_text:
                break
            found.append(sentence)
        cache[source_text] = tuple(found)
    return cache[source_text]


def references_in(facts: DocFacts, sentence: Sentence) -> list[Reference]:
    """The pronouns of `sentence` that point outside it, in order, with their referents."""
    doc = facts.doc
    found: list[Reference] = []
    for token in doc[sentence.start : sentence.end]:
        word = token.lower_
        if token.pos_ != "PRON" and token.tag_ != "PRP$":
            continue
        possessive = token.dep_ == "poss" or token.tag_ == "PRP$"
        if word in PERSONAL:
            besides = set() if possessive else _co_arguments(facts, token)
            if _person_before(facts, sentence, token.i, within_sentence=True, besides=besides):
                continue  # "Curie said she ...": named in the sentence itself
            if _named_subject_before(doc, sentence.start, token.i) and not besides:
                # "Mehmed II became sultan, and he ...", "Orban, who offered his
                # services": the sentence's own subject, whom the tagger did not know (an
                # object's "him" is someone else: "Murrow asked him" looks further back)
                found.append(Reference(token.text, "", possessive))
                continue
            name = _person_before(facts, sentence, token.i, besides=besides)
            found.append(Reference(token.text, name, possessive))
        elif word in IMPERSONAL:
            if _noun_before(doc, sentence.start, token.i, plural=word in PLURAL):
                continue  # "The canal and its locks": the sentence names it
            noun = antecedent(facts, token)
            name = _phrase(doc, noun) if noun is not None else ""
            found.append(Reference(token.text, name, possessive))
    return found


def definites_in(facts: DocFacts, sentence: Sentence) -> list[Reference]:
    """The bare definites of `sentence` ("the delta", "the canal") that stand for a name
    the document gave before ("the Danube Delta", "the Panama Canal"): a common noun with
    "the" alone (or a capitalised word so: "the League"), the last word of a name of a
    place, organisation, thing or event."""
    doc = facts.doc
    found: list[Reference] = []
    for token in doc[sentence.start : sentence.end]:
        if (token.pos_, token.tag_) not in (("NOUN", "NN"), ("PROPN", "NNP")):
            continue  # "the canal", or "the League" after "the Hanseatic League"
        modifiers = [c for c in token.children if c.i < token.i]
        if len(modifiers) != 1 or modifiers[0].lower_ != "the":
            continue
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            continue  # "the island of Java" names itself
        within = facts.entity_at(token.i)
        if token.pos_ == "PROPN" and (
            token.dep_ == "compound"
            or any(c.i > token.i and c.dep_ != "punct" for c in token.children)
            or (within is not None and len(within.text.split()) > 1)
        ):
            continue  # "the University of Leeds", "the Witwatersrand" of one: a whole name
        name = _described_as(facts, token.lemma_, before=token.i)
        if name and name.split()[-1].casefold() == token.lower_:
            name = f"the {name}"  # "the desert" -> "the Atacama Desert", as English says it
        if name is None and token.lower_ in PLACE_SORTS:
            name = _place_of_sort(facts, token.lower_, before=token.i)
        if name is None:
            ending = _name_ending_in(facts, token.lower_, before=token.i)
            name = f"the {ending}" if ending else ""
        if name:
            found.append(Reference(f"{modifiers[0].text} {token.text}", name, False))
    return found


def _described_as(facts: DocFacts, noun: str, *, before: int) -> str | None:
    """The name the text described, before token `before`, as a `noun`: "Lehman
    Brothers, the Wall Street investment bank" or "Instagram is a photo-sharing app" make
    "the bank" and "the app" that name. When it described several so, the one it names
    clearly most often; None when it described none, "" when no one name stands out (then
    "the bank" is not read as a name that merely ends in "Bank")."""
    named = {name for at, name in _descriptions(facts).get(noun, ()) if at < before}
    if not named:
        return None
    if len(named) == 1:
        return next(iter(named))
    counts = sorted(((_mentions_of(facts, name), name) for name in named), reverse=True)
    return counts[0][1] if counts[0][0] >= CLEAR_MARGIN * counts[1][0] else ""


def _place_of_sort(facts: DocFacts, sort: str, *, before: int) -> str | None:
    """The country (or city) the text names clearly most often, when it named it before
    token `before`: "the country" in a text about Japan is Japan. None when it names no
    place of that sort, "" when no one stands out (a report on Turkey and Syria) or when
    the sentence or the one before names another."""
    counts: dict[str, int] = {}
    for e in facts.entities:
        if e.kind == "place" and sort_of(e.answer) == sort:
            counts[e.answer] = counts.get(e.answer, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if len(ranked) > 1 and ranked[0][1] < CLEAR_MARGIN * ranked[1][1]:
        return ""
    name = ranked[0][0]
    if not any(e.answer == name and e.start < before for e in facts.entities):
        return ""
    here = facts.sentence_of(before).index
    nearby = {
        e.answer
        for e in facts.entities
        if e.kind == "place" and here - 1 <= e.sentence <= here and sort_of(e.answer) in (sort, "")
    }
    if nearby - {name}:
        return ""  # "Russia's probe, the country's first": the nearer country may be meant
    return _as_written(facts, name)


def _mentions_of(facts: DocFacts, name: str) -> int:
    """How often the text names `name`, in full or by its first words ("Lehman")."""
    bare = name.removeprefix("the ")
    return sum(1 for e in facts.entities if e.text == bare or bare.startswith(e.text + " "))


def _descriptions(facts: DocFacts) -> dict[str, list[tuple[int, str]]]:
    """Noun (lemma) -> (token, name as the text writes it) for every name of a thing the
    text describes by a noun, in apposition or after "is", once per document."""
    cached = facts.doc.user_data.get("quizapp_descriptions")
    if cached is not None:
        return cached
    doc = facts.doc
    cached = {}
    for token in doc:
        if token.pos_ != "NOUN" or token.dep_ not in ("appos", "attr"):
            continue
        head = token.head
        if token.dep_ == "attr":
            if head.lemma_ != "be":
                continue
            head = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if head is None:
                continue
        entity = facts.entity_at(head.i)
        if entity is None or entity.kind not in NAMED_KINDS:
            continue
        cached.setdefault(token.lemma_, []).append((token.i, _as_written(facts, entity.text)))
    facts.doc.user_data["quizapp_descriptions"] = cached
    return cached


def _as_written(facts: DocFacts, name: str) -> str:
    """A name with "the" when the text writes it so ("the Great Barrier Reef"; not
    "Iceland" for "the Icelandic word")."""
    return f"the {name}" if says_whole(f"the {name}", facts.text) else name


def _name_ending_in(facts: DocFacts, noun: str, *, before: int) -> str:
    """The name named before token `before` whose last word is `noun` ("Delta" for
    "delta"); when several are, the one the document names clearly most often, else ""."""
    counts: dict[str, int] = {}
    for e in facts.entities:
        words = e.text.split()
        if e.kind in NAMED_KINDS and len(words) > 1 and words[-1].casefold() == noun:
            counts[e.text] = counts.get(e.text, 0) + 1
    named_before = {e.text for e in facts.entities if e.start < before and e.text in counts}
    # The name the text opens with is its subject: it wins a tie.
    lead = {e.text for e in facts.entities if e.sentence == 0 and e.text in counts}
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0] not in lead))
    if not ranked or ranked[0][0] not in named_before:
        return ""
    close = len(ranked) > 1 and ranked[0][1] < CLEAR_MARGIN * ranked[1][1]
    if close and (ranked[0][0] not in lead or ranked[1][0] in lead):
        return ""  # "the canal" after both the Panama and the Suez Canal
    return ranked[0][0]


def short_names_in(facts: DocFacts, sentence: Sentence) -> list[Reference]:
    """The people `sentence` calls by the surname of the name the document gave them
    ("Meyer" or "Mr Meyer" for Hans Meyer): read alone, a surname names nobody. A first
    name ("Jack") may be anyone's, and a surname that modifies a noun ("the Charlton
    brothers") is no one's."""
    return [
        Reference(entity.text, entity.answer, False)
        for entity in facts.in_sentence(sentence.index)
        if entity.kind == "person"
        and entity.text != entity.answer
        and without_address(entity.text) == entity.answer.split()[-1]
        and facts.doc[entity.end - 1].dep_ != "compound"
    ]


def resolve(prompt: str, references: list[Reference]) -> str | None:
    """The prompt with each pronoun's first use replaced by its name; None when a pronoun
    in the prompt names nobody."""
    for reference in references:
        # "the country's" is the country's; a pronoun's "'s" may be "is" ("it's")
        end = r"(?!\w)" if " " in reference.word else r"(?![\w'])"
        pattern = re.compile(r"(?<![\w'])" + re.escape(reference.word) + end, re.I)
        if not reference.name:
            if pattern.search(prompt):
                return None
            continue  # the question asks around it ("Who was born in Warsaw?")
        quoted = [q.span() for q in QUOTED.finditer(prompt)]
        match = next(
            (
                m
                for m in pattern.finditer(prompt)
                if not any(a < m.start() < b for a, b in quoted)  # a quotation is as said
            ),
            None,
        )
        if match is None:
            continue
        if reference.name.casefold() in prompt[: match.start()].casefold():
            continue  # named earlier in the prompt already
        replacement = reference.replacement
        if match.start() == 0:
            replacement = replacement[:1].upper() + replacement[1:]
        prompt = prompt[: match.start()] + replacement + prompt[match.end() :]
    return prompt


def _named_subject_before(doc, start: int, at: int) -> bool:
    """A clause of the sentence names its subject before token `at`: a proper name, or a
    "who" that stands for a noun of the sentence."""
    return any(
        t.dep_ in ("nsubj", "nsubjpass") and (t.pos_ == "PROPN" or t.lower_ == "who")
        for t in doc[start:at]
    )


def _co_arguments(facts: DocFacts, pronoun) -> set[str]:
    """The people named as the other arguments of the pronoun's verb, whom it cannot stand
    for: "he visited Ramanujan" is not Ramanujan visiting himself, and "Blair and Cook sat
    with him" is neither of them (that would be "with himself")."""
    verb = pronoun.head
    if pronoun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head  # "sat ... with him": the verb the preposition hangs on
    found = set()
    for child in verb.children:
        tokens = [child] + [c for c in child.children if c.dep_ == "pobj"]
        for token in tokens:
            for word in _with_conjuncts(token):
                entity = facts.entity_at(word.i)
                if word.i != pronoun.i and entity is not None and entity.kind == "person":
                    found.add(entity.answer)
    return found


def _with_conjuncts(token) -> list:
    """The token and the words joined to it by "and" or set beside it ("Mr Blair and the
    Foreign Secretary, Robin Cook")."""
    found, todo = [], [token]
    while todo:
        word = todo.pop()
        found.append(word)
        todo.extend(c for c in word.children if c.dep_ in ("conj", "appos"))
    return found


def _person_before(
    facts: DocFacts,
    sentence: Sentence,
    at: int,
    *,
    within_sentence: bool = False,
    besides: set[str] | frozenset[str] = frozenset(),
) -> str:
    """The person a "he" or "she" at token `at` stands for, or "" when it is not clear.

    Within the sentence, the last person named before it. Across sentences, the people
    named in the sentences before are weighed: a person who was a clause's subject counts
    twice (a pronoun carries on the subject), and the person the document names most often
    counts more. A near tie leaves it unresolved.
    """
    first = sentence.index if within_sentence else max(0, sentence.index - PERSON_WINDOW)
    start = facts.sentences[first].start
    pronoun = facts.doc[at].text
    named = [
        e
        for e in facts.entities
        if e.kind == "person"
        and start <= e.start < at
        and e.answer not in besides
        and may_stand_for(pronoun, e.answer)  # "she" is never William Farr
    ]
    if within_sentence or not named:
        return named[-1].answer if named else ""
    mentions = _person_mentions(facts)
    total = sum(mentions.values()) or 1
    weight: dict[str, float] = {}
    for entity in named:
        head = facts.doc[entity.end - 1]
        subject = head.dep_ in ("nsubj", "nsubjpass")
        recency = 1.0 if entity.sentence >= sentence.index - 1 else 0.5
        weight[entity.answer] = weight.get(entity.answer, 0.0) + (2.0 if subject else 1.0) * recency
    for answer in weight:
        weight[answer] += 3.0 * mentions.get(answer, 0) / total
    ranked = sorted(weight.items(), key=lambda item: -item[1])
    if len(ranked) > 1 and ranked[0][1] < CLEAR_MARGIN * ranked[1][1]:
        return ""
    return ranked[0][0]


def _person_mentions(facts: DocFacts) -> dict[str, int]:
    """How often the document names each person (any form of the name)."""
    cached = facts.doc.user_data.get("quizapp_person_mentions")
    if cached is None:
        cached = {}
        for entity in facts.entities:
            if entity.kind == "person":
                cached[entity.answer] = cached.get(entity.answer, 0) + 1
        facts.doc.user_data["quizapp_person_mentions"] = cached
    return cached


def _noun_before(doc, start: int, at: int, *, plural: bool = False) -> bool:
    """The sentence names, before `at`, a noun the pronoun may stand for: of its number
    (for "they", "them" or "their" a plural or two joined by "and"; for "it" or "its" a
    singular), and not the subject of the verb the pronoun is the object of ("The Spanish
    never found it": whatever "it" is, it is not the Spanish)."""
    pronoun = doc[at]
    own_subjects = (
        {c.i for c in pronoun.head.children if c.dep_ in ("nsubj", "nsubjpass")}
        if pronoun.dep_ in ("dobj", "pobj", "poss")
        else set()
    )
    if pronoun.dep_ == "pobj" and pronoun.head.dep_ == "prep":
        own_subjects |= {
            c.i for c in pronoun.head.head.children if c.dep_ in ("nsubj", "nsubjpass")
        }
    nouns = [
        t
        for t in doc[start:at]
        if t.pos_ in ("NOUN", "PROPN") and t.dep_ != "compound" and t.i not in own_subjects
    ]
    if not plural:
        return any(t.tag_ in ("NN", "NNP") for t in nouns)
    return any(
        t.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in t.children) for t in nouns
    )


def _phrase(doc, noun) -> str:
    """The noun with its determiner and modifiers: "the canal", "the Panama Canal"."""
    words = [t for t in noun.subtree if t.i <= noun.i and t.dep_ != "punct"]
    text = " ".join(t.text for t in words) if words else noun.text
    if words and words[0].lower_ in ("a", "an"):
        text = "the " + " ".join(t.text for t in words[1:])
    return text
