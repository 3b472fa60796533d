"""What a document is about, and questions whose answer a reader knows without the text.

A text's own subject is what its lead sentence acts on (its subject or object) and what
the text keeps naming: "the Danube", "SpaceX's Starship", "the World Cup" in a report of
the final. Asking it ("What flows through four capital cities?") tests nothing: a reader
who only saw the title answers it. People and countries are left out, since a report's
actors and places are its news ("Who won the election?"), as are dates and numbers.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from .analysis import DocFacts, head_of
from .candidates import QuestionCandidate, fold

# Where the lead sentence names what it is about.
MAIN_ROLES = ("nsubj", "nsubjpass", "dobj", "attr")
TOPIC_KINDS = ("thing", "event", "org", "place", "term", "name")
# A place the tagger calls a country, state or city is an actor of the news, not its topic.
ACTOR_LABELS = ("GPE", "PERSON_NAME")
MIN_SENTENCES = 2  # the text names it again after its lead
WORD = re.compile(r"[\w'\u2019-]+")
POSSESSIVE_END = re.compile(r"['\u2019]s$")
# Question kinds whose answer is a name of the text (a true/false answer is True or False).
ASKED_KINDS = ("short_answer", "cloze", "multiple_choice")


def words_of(text: str) -> list[str]:
    """The words of `text`, folded, without a possessive ending ("SpaceX's" -> "spacex")."""
    return [POSSESSIVE_END.sub("", w) for w in WORD.findall(fold(text))]


def topics_of(facts: DocFacts) -> list[str]:
    """The names the document is about (see the module's docstring), folded."""
    cached = facts.doc.user_data.get("quizapp_topics")
    if cached is not None:
        return cached
    found: list[str] = []
    if facts.sentences:
        for entity in facts.in_sentence(facts.sentences[0].index):
            if entity.kind not in TOPIC_KINDS or entity.label in ACTOR_LABELS:
                continue
            if entity.kind == "place" and entity.label == "GPE":
                continue
            head = head_of(facts.doc, entity)
            if head.dep_ == "conj" or head.dep_ == "appos":
                head = head.head
            if head.dep_ not in MAIN_ROLES or head.head.dep_ != "ROOT":
                continue
            last = words_of(entity.answer)[-1]
            named = sum(
                1 for s in facts.sentences if re.search(rf"\b{re.escape(last)}\b", fold(s.text))
            )
            if named >= MIN_SENTENCES:
                found.append(fold(entity.answer))
                # "Airbus's Skylark": the owner is part of the subject's name
                found += [
                    fold(other.answer)
                    for other in facts.in_sentence(facts.sentences[0].index)
                    if head_of(facts.doc, other).dep_ == "poss"
                    and head_of(facts.doc, other).head.i == head_of(facts.doc, entity).i
                ]
    facts.doc.user_data["quizapp_topics"] = found
    return found


def topic_nouns(facts: DocFacts) -> dict[str, str]:
    """What the lead says the text's subject is ("The Danube is the second-longest river
    ..."): {"river": "the Danube"}, so a question may name what "the river" stands for."""
    cached = facts.doc.user_data.get("quizapp_topic_nouns")
    if cached is not None:
        return cached
    found: dict[str, str] = {}
    doc = facts.doc
    topics = topics_of(facts)
    if facts.sentences:
        for entity in facts.in_sentence(facts.sentences[0].index):
            head = head_of(doc, entity)
            root = head.head
            if fold(entity.answer) not in topics or head.dep_ != "nsubj" or root.lemma_ != "be":
                continue
            for noun in (c for c in root.children if c.dep_ == "attr" and c.pos_ == "NOUN"):
                the = "the " if entity.start and doc[entity.start - 1].lower_ == "the" else ""
                found[noun.lower_] = the + entity.text
    facts.doc.user_data["quizapp_topic_nouns"] = found
    return found


def named_subject(candidate: QuestionCandidate, facts: DocFacts | None) -> QuestionCandidate:
    """A question about "the river" in a text about the Danube names the Danube ("Where is
    the Danube formed?"): out of its paragraph, "the river" stands for nothing."""
    if facts is None or candidate.kind == "cloze":
        return candidate
    prompt = candidate.prompt
    for noun, name in topic_nouns(facts).items():
        if fold(name) in fold(prompt):
            continue
        prompt = re.sub(rf"\bthe {re.escape(noun)}\b", name, prompt, count=1)
    return candidate if prompt == candidate.prompt else replace(candidate, prompt=prompt)


def is_topic(answer: str, facts: DocFacts) -> bool:
    """The answer is the text's subject or a part of its name ("SpaceX", "Starship" for
    "SpaceX's Starship")."""
    asked = words_of(answer)
    if not asked:
        return False
    return any(set(asked) <= _word_set(topic) for topic in topics_of(facts))


@functools.lru_cache(maxsize=4096)
def _word_set(text: str) -> frozenset[str]:
    """`words_of(text)` as a set, kept: every question is checked against the same topics."""
    return frozenset(words_of(text))


def named_in_prompt(candidate: QuestionCandidate) -> bool:
    """A question that names a distinctive word of its own answer ("What was signed ... at
    the Palace of Versailles?" answered "Treaty of Versailles"): the prompt gives it away.
    Distinctive: a capitalised word of at least four letters, capitalised in the prompt
    too ("the peace" says nothing of "Paris Peace Conference"). A count is exempt: "How
    many Oscars ...?" asks the number, not the name."""
    if candidate.kind == "cloze" or not candidate.answer[:1].isupper():
        return False  # the cloze generator checks the rest of its sentence itself
    return bool(_shared_names(candidate.answer, candidate.prompt))


def _shared_names(answer: str, prompt: str) -> set[str]:
    names = {w for w in re.findall(r"\w+", prompt)[1:] if w[:1].isupper()}
    return {w for w in re.findall(r"\w+", answer) if len(w) >= 4 and w[:1].isupper() and w in names}


# A place phrase set after the verb: "in the Hall of Mirrors at the Palace of Versailles".
SETTING = re.compile(
    r"\s+(?:at|in|near|on|from) (?:the )?[A-Z][\w'\u2019-]*(?:\s+(?:of|de|the|[A-Z][\w'\u2019-]*))*"
)


def without_giveaway(candidate: QuestionCandidate) -> QuestionCandidate | None:
    """The question with the place phrase that names its answer left out ("What was signed
    on 28 June 1919 in the Hall of Mirrors?"), or None when no such phrase can go."""
    shared = _shared_names(candidate.answer, candidate.prompt)
    prompt = candidate.prompt
    for match in reversed(list(SETTING.finditer(prompt))):
        if shared & set(re.findall(r"\w+", match.group())):
            prompt = prompt[: match.start()] + prompt[match.end() :]
    if prompt == candidate.prompt or _shared_names(candidate.answer, prompt):
        return None
    if len(prompt.split()) < 4 or not prompt.endswith("?"):
        return None
    return replace(candidate, prompt=prompt)


def askable(candidate: QuestionCandidate, facts: DocFacts | None) -> QuestionCandidate | None:
    """The question as it may be asked, or None for one a reader answers from its prompt
    or the text's title alone."""
    if candidate.kind not in ASKED_KINDS:
        return candidate
    if facts is not None and is_topic(candidate.answer, facts):
        return None
    candidate = named_subject(candidate, facts)
    if named_in_prompt(candidate):
        return without_giveaway(candidate)
    return candidate
