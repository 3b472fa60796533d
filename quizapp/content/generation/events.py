"""Events: who did what, with whom, where and when.

From each clause with a named subject: "Where did Wang Yi meet with Jake Sullivan?",
"Whom did Wang Yi meet with in Malta?", "Who will host the next G20 summit in 2024?",
"When will Brazil host the next G20 summit?". The lead sentence of a dated document
also gives "When did ...?" answered by the document's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from lemminflect import getInflection, getLemma

from .analysis import (
    COMPLEMENTS,
    KIND_OF_LABEL,
    DocFacts,
    antecedent,
    facts_of,
    of_its_own_time,
    render,
)
from .asking import WhFact, questions_for
from .distractors import date_distractors
from .entities import Entity, token_positions
from .genders import may_stand_for
from .short_answer import date_alternatives, spell_date

GENERATOR = "events"
PLACE_PREPS = {"in", "at"}
TIME_PREPS = {"in", "on", "during"}  # "until", "since", "by" ask something else than "When"
SUBJECT_KINDS = ("person", "place", "org", "group")
# What a noun phrase may stand for when it is a name (or a term the text introduced).
NAMED_KINDS = ("person", "place", "org", "group", "thing", "event", "term")
# What "Where ...?" may be answered with: a place, or an institution where something
# happened ("invented at Bell Telephone Laboratories").
WHERE_KINDS = ("place", "org", "event")
RELATIVE = {"which", "who", "that", "whom"}
# A prompt that leans on a pronoun ("Who called it a historic step?") reads vaguely.
VAGUE_WORDS = re.compile(r"\b(?:it|its|they|them|this|these|those|he|she|him|her)\b", re.I)
MAX_PROMPT_WORDS = 24


@dataclass(frozen=True)
class Clause:
    """A verb with a named subject, and what the parse says about where and when."""

    verb: object
    subject_tokens: tuple
    subject_text: str  # as it reads inside a question ("the Group of 20 summit in New Delhi")
    subject: Entity | None  # the named subject, when it is one name
    partner: Entity | None  # a person met, sent, ... (object or "with" companion)
    place: Entity | None
    when: Entity | None
    source_text: str
    sentence: int


def events_items(document, analysis=None, context=None) -> Iterator:
    """Where / whom / who / when questions from the document's clauses."""
    if analysis is None:
        return
    facts = facts_of(analysis)
    lead_done = False
    for clause in clauses_of(facts):
        early = 0.04 if clause.sentence < 3 else 0.0
        if not in_main_clause(clause.verb):
            early -= 0.08  # "since Will Smith slapped ...": background, not the news
        helper = inverted_verb(clause.verb)
        if helper is None:
            continue
        aux, verb_words = helper
        asked_place = clause.place is not None and rest_of_clause(clause) is not None
        if asked_place:
            rest = rest_of_clause(clause, drop_place=True)
            # "met with X in Malta" or "gathered in Vilnius" say where the event was;
            # "estimated the damage in Turkey" only says where the damage was.
            holder = analysis[clause.place.end - 1].head.head
            loose = 0.0 if holder == clause.verb or _is_person(facts, holder) else 0.1
            yield from ask_clause(
                facts,
                context,
                clause,
                prompt=f"Where {aux} {clause.subject_text} {verb_words}{rest}?",
                answer=clause.place,
                score=0.86 + early - loose,
                fact=("where", clause.subject_text, clause.verb.lemma_, rest),
            )
        if (
            clause.partner is not None
            and (clause.place or clause.when)
            and rest_of_clause(clause) is not None
        ):
            marker = _partner_prep(clause)
            setting = (
                f" in {clause.place.answer}" if clause.place else f" {_when_phrase(clause.when)}"
            )
            role = _partner_role(facts, clause)
            wh = f"Which {role}" if role else "Whom"
            yield from ask_clause(
                facts,
                context,
                clause,
                prompt=f"{wh} {aux} {clause.subject_text} {verb_words}{marker}{setting}?",
                answer=clause.partner,
                score=0.84 + early,
                fact=("whom", clause.subject_text, clause.verb.lemma_, setting.strip()),
            )
        if (
            clause.subject is not None
            and clause.subject.kind == "person"
            and in_main_clause(clause.verb)
        ):
            prompt = subject_question(clause)
            if prompt:
                vague = 0.15 if VAGUE_WORDS.search(prompt) else 0.0
                # Doing something somewhere or at some time is a fact; a remark is less so.
                concrete = 0.03 if clause.place or clause.when else 0.0
                yield from ask_clause(
                    facts,
                    context,
                    clause,
                    prompt=prompt,
                    answer=clause.subject,
                    score=0.72 + early + concrete - vague,
                    fact=("who", clause.verb.i),
                )
        count = _counted_object(facts, clause.verb)
        if count is not None and in_main_clause(clause.verb):
            counted = render([t for t in analysis[count.start : count.end] if not t.like_num])
            rest = rest_of_clause(clause, drop_object=True) or ""
            yield from ask_clause(
                facts,
                context,
                clause,
                prompt=f"How many {counted} {aux} {clause.subject_text} {verb_words}{rest}?",
                answer=count,
                score=0.8 + early,
                fact=("how many", clause.subject_text, clause.verb.lemma_, rest),
            )
        share = _share_object(facts, clause.verb)
        if share is not None and in_main_clause(clause.verb):
            amount, whole = share
            setting = f" {_when_phrase(clause.when)}" if clause.when else ""
            yield from ask_clause(
                facts,
                context,
                clause,
                prompt=f"What share of {whole} {aux} {clause.subject_text} {verb_words}{setting}?",
                answer=amount,
                score=0.8 + early,
                fact=("share", clause.subject_text, clause.verb.lemma_, whole),
            )
        if clause.when is not None and rest_of_clause(clause) is not None:
            rest = rest_of_clause(clause, drop_when=True)
            if not _says_which_act(clause.verb, rest):
                continue
            yield from ask_clause(
                facts,
                context,
                clause,
                prompt=f"When {aux} {clause.subject_text} {verb_words}{rest}?",
                answer=clause.when,
                score=0.8 + early,
                fact=("when", clause.subject_text, clause.verb.lemma_, rest),
                prefer_short=True,
            )
        elif (
            document.date and not lead_done and clause.sentence == 0 and clause.verb.dep_ == "ROOT"
        ):
            lead_done = True
            setting = _subject_setting(facts, clause)
            if setting is not None:
                # "The Group of 20 summit in New Delhi ended ...": where the subject took
                # place is what the lead says; its day only the text's date would say.
                place, subject = setting
                plural = any(
                    t.dep_ in ("nsubj", "nsubjpass") and t.tag_ in ("NNS", "NNPS")
                    for t in clause.subject_tokens
                )
                be = "were" if plural else "was"
                yield from ask_clause(
                    facts,
                    context,
                    clause,
                    prompt=f"Where {be} {subject}?",
                    answer=place,
                    score=0.86,
                    fact=("where", subject),
                )
                continue
            rest = rest_of_clause(clause)
            day = event_day(facts, clause.sentence, document.date)
            if rest is None or day is None or not _says_which_act(clause.verb, rest):
                continue
            yield from _ask_date(
                facts,
                context,
                clause,
                prompt=f"When {aux} {clause.subject_text} {verb_words}{rest}?",
                day=day,
            )


# Verbs of going somewhere: "When did she arrive?" does not say where, so not which
# arrival; asked only with the place or thing the clause names after them.
GOAL_VERBS = frozenset(
    {"arrive", "return", "come", "go", "leave", "depart", "land", "travel", "sail", "fly"}
    | {"move", "reach", "head", "set", "get"}
)


def _says_which_act(verb, rest: str) -> bool:
    """A question of when is about one act: a verb of going says where it went."""
    return bool(rest.strip()) or verb.lemma_.lower() not in GOAL_VERBS


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1}


def event_day(facts: DocFacts, sentence: int, written: dt.date) -> dt.date | None:
    """The day a sentence's event happened, from the text and the date it was written.

    "on Monday" in a text dated Wednesday 8 February is Monday 6 February; "yesterday" is
    the day before the text's date. A report's lead that names no time and tells an act in
    the past ("Wang Yi met ...") reports the day's news: the text's date, unless the text
    is of another time than its writing (see `of_its_own_time`); one that tells a
    state ("Ramanujan had no training") or an act done by then ("has been stolen") names
    no day. Nor does a lead that names a time that is not a day ("For two centuries Japan
    kept the world at arm's length"). (A lead that names its date is asked with that date
    instead.)
    """
    for entity in facts.in_sentence(sentence):
        if entity.kind not in ("vague", "date", "time"):
            continue
        words = entity.text.lower().split()
        for word in words:
            if word in WEEKDAYS:
                back = (written.weekday() - WEEKDAYS.index(word)) % 7
                return written - dt.timedelta(days=back)
            if word in RELATIVE_DAYS:
                return written + dt.timedelta(days=RELATIVE_DAYS[word])
        if entity.kind in ("vague", "date"):
            return None  # "For two centuries Japan kept ...": a time that is not a day
    if not _tells_an_act(facts, sentence) or not of_its_own_time(facts):
        return None  # "Harriet Tubman escaped from slavery" in a history: not that day's
    return written


def _tells_an_act(facts: DocFacts, sentence: int) -> bool:
    """The sentence's main verb tells an act in the past tense ("met", "was opened"), which
    the day the text was written may date; not a state ("Ramanujan had almost no formal
    training", "Haiti was the first country ..."), an act done by then ("has been
    stolen") or one going on ("is burning")."""
    at = facts.sentences[sentence]
    root = next((t for t in facts.doc[at.start : at.end] if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_ in ("be", "have"):
        return False
    # "The Mona Lisa has been stolen", "San Francisco is burning": not an act told in the
    # past, whose day the day of writing would be
    auxiliaries = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    if auxiliaries:
        return auxiliaries[0].tag_ == "VBD" and auxiliaries[0].lemma_ != "have"
    return root.tag_ == "VBD"


def clauses_of(facts: DocFacts) -> list[Clause]:
    """Clauses whose subject is named or a short noun phrase, in document order."""
    cached = facts.doc.user_data.get("quizapp_clauses")
    if cached is None:
        cached = facts.doc.user_data["quizapp_clauses"] = _find_clauses(facts)
    return cached


def _find_clauses(facts: DocFacts) -> list[Clause]:
    doc = facts.doc
    found = []
    for i in token_positions(doc, "VERB", "AUX"):
        token = doc[i]
        if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("amod", "aux", "auxpass"):
            continue
        subject = token.head if _reduced_passive(token) else _subject_of(token)
        if subject is None:
            continue
        if subject.lower_ in RELATIVE and token.dep_ == "relcl":
            subject = token.head  # "Finland, which joined NATO in April": Finland joined
        if any(c.dep_ == "conj" and c.pos_ == "PROPN" for c in subject.children):
            continue  # "Kilby and Noyce invented": two doers
        sentence = facts.sentence_of(token.i)
        if subject.pos_ == "PRON":
            named = _protagonist_of(facts, subject)
            if named is None:
                # "Microsoft responded ... It agreed to sell ...": the sentence before
                # names what "it" is.
                stands_for = antecedent(facts, subject) if in_main_clause(token) else None
                if stands_for is None:
                    continue
                subject = stands_for
                named = named_by(facts, subject)
                if named is None and not _definite(subject):
                    continue
        else:
            named = named_by(facts, subject)
        subject_tokens = _np_tokens(subject, facts)
        if named is not None and named.kind == "term":
            subject_text = render(subject_tokens)  # "an adult heart", with its article
            if subject_tokens and _opens_lower(subject_tokens[0]):
                subject_text = subject_text[0].lower() + subject_text[1:]
        elif named is not None:
            subject_text = named.answer
            if named.kind != "person" and named.start and doc[named.start - 1].lower_ == "the":
                subject_text = f"the {subject_text}"  # "the World Bank"
        else:
            subject_text = render(subject_tokens)
            if not subject_text or len(subject_text.split()) > 8:
                continue
            if _opens_lower(subject_tokens[0]):
                subject_text = subject_text[0].lower() + subject_text[1:]
            if not any(facts.entity_at(t.i) for t in subject_tokens) and not _definite(subject):
                continue  # "a vehicle began to tumble": nothing specific to ask about
            if _definite(subject) and len(subject_tokens) == 2:
                # "the treaty" in a text about the Treaty of Versailles: asked by its name.
                name = _name_for(facts, subject)
                if name is not None:
                    subject_text = _with_article(name, doc)
        if _unaskable_subject(subject, subject_tokens):
            continue
        partner = _partner(facts, token)
        if partner is not None and named is not None and partner.answer == named.answer:
            continue  # "Biden met President Biden": a parse gone wrong, not a meeting
        found.append(
            Clause(
                verb=token,
                subject_tokens=tuple(subject_tokens),
                subject_text=subject_text,
                subject=named,
                partner=partner,
                place=_place(facts, token),
                when=_when(facts, token),
                source_text=sentence.text,
                sentence=sentence.index,
            )
        )
    return found


def _unaskable_subject(subject, tokens) -> bool:
    """A subject a question cannot name: a bare figure ("194 was made ..."), "One of the
    sonatas", a phrase opening on an adverb or a preposition the parse swept into it ("then
    the capital", "in Korea a text"), or a nationality standing for a person ("the
    36-year-old Indian")."""
    if subject.pos_ == "NUM" or subject.lower_ == "one":
        return True
    if tokens and tokens[0].pos_ in ("ADV", "ADP"):
        return True
    return subject.ent_type_ == "NORP"


# The tagger's labels of names (people, places, organisations, things), not of times or
# numbers.
NAME_LABELS = frozenset(
    label for label, kind in KIND_OF_LABEL.items() if kind not in ("date", "time", "number")
)


def _opens_lower(token) -> bool:
    """A subject's first word that is lower case inside a question: "the", "each", "an",
    or any word capitalised only because it opened its sentence ("Work on Notre-Dame",
    "More than 3,000 people"), not a name."""
    if token.pos_ == "DET" or token.lower_ in ("the", "a", "an"):
        return True
    return (
        token.is_sent_start
        and token.pos_ != "PROPN"
        and token.ent_type_ not in NAME_LABELS
        and token.text != "I"
    )


def _subject_of(verb):
    """The verb's one subject, or for "... and travelled abroad" the subject it shares."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subjects[0] if len(subjects) == 1 else None


def _protagonist_of(facts: DocFacts, pronoun) -> Entity | None:
    """ "He" or "she" in a text about one person, with no other person named before it in
    its sentence: that person."""
    if pronoun.lower_ not in ("he", "she"):
        return None
    protagonist = protagonist_of(facts)
    if protagonist is None or not may_stand_for(pronoun.text, protagonist.answer):
        return None
    sentence = facts.sentence_of(pronoun.i)
    if any(e.kind == "person" and e.start < pronoun.i for e in facts.in_sentence(sentence.index)):
        return None
    return protagonist


def protagonist_of(facts: DocFacts) -> Entity | None:
    """The person a text is about: named in at least 3 sentences and more than anyone else."""
    mentions: dict[str, set[int]] = {}
    first: dict[str, Entity] = {}
    for entity in facts.entities:
        if entity.kind == "person":
            mentions.setdefault(entity.answer, set()).add(entity.sentence)
            first.setdefault(entity.answer, entity)
    ranked = sorted(mentions, key=lambda a: -len(mentions[a]))
    if not ranked or len(mentions[ranked[0]]) < 3:
        return None
    if len(ranked) > 1 and len(mentions[ranked[1]]) * 2 > len(mentions[ranked[0]]):
        return None
    return first[ranked[0]]


def _name_for(facts: DocFacts, noun) -> Entity | None:
    """The one name of the text that says what "the treaty" is: a name built on the same
    noun ("the Treaty of Versailles"), not a person's."""
    word = noun.lemma_.lower()
    names = facts.doc.user_data.setdefault("quizapp_names_for", {})
    if word in names:
        return names[word]
    found = {
        e.answer: e
        for e in facts.entities
        if e.kind not in ("person", "number", "date", "time", "vague", "term")
        and e.answer[:1].isupper()
        and word in (w.lower() for w in e.answer.split())
        and e.answer.lower() != word
    }
    names[word] = next(iter(found.values())) if len(found) == 1 else None
    return names[word]


def _definite(head) -> bool:
    """ "the river", "the treaty": a thing the text has already introduced."""
    return head.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in ("the", "each", "every") for c in head.children
    )


def in_main_clause(verb) -> bool:
    """A verb of the sentence's main clause (or one joined to it by "and")."""
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def named_by(facts: DocFacts, token) -> Entity | None:
    """The one name a noun phrase stands for: itself, or a name in apposition to it."""
    entity = facts.entity_at(token.i)
    if entity is not None and heads_name(token, entity) and entity.kind in NAMED_KINDS:
        if any(
            c.dep_ in ("compound", "flat")
            and c.i < entity.start
            and facts.entity_at(c.i) not in (None, entity)
            for c in token.children
        ):
            return None  # "Ngũgĩ wa Thiong’o" with only "Thiong’o" tagged: not the whole name
        return entity
    for child in token.children:
        if child.dep_ == "appos":
            if any(c.dep_ == "conj" for c in child.children):
                return None  # "two divers, John Volanthen and Rick Stanton": two names
            inner = facts.entity_at(child.i)
            if inner is not None and heads_name(child, inner) and inner.kind in NAMED_KINDS:
                return inner
    return None


def heads_name(token, entity: Entity) -> bool:
    """The token is the head word of the whole name: its last word, or the word every
    other word of it hangs from ("Treaty" of "Treaty of Versailles", "Quiet" of "All
    Quiet on the Western Front")."""
    if entity.end - 1 == token.i:
        return True
    span = token.doc[entity.start : entity.end]
    return all(t.i == token.i or token.is_ancestor(t) for t in span) and all(
        entity.start <= c.i < entity.end for c in token.children if c.dep_ == "prep"
    )


def _np_tokens(head, facts: DocFacts) -> list:
    """A noun phrase without its appositions, relative clauses and what "and" adds."""
    drop = set()
    for child in head.children:
        if child.dep_ in ("appos", "relcl", "acl", "punct", "conj", "cc"):
            drop.update(t.i for t in child.subtree)
    return [t for t in head.subtree if t.i not in drop]


def _partner(facts: DocFacts, verb) -> Entity | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and child.i > verb.i:
            named = named_by(facts, child)
            if named is not None and named.kind == "person":
                return named
        if child.dep_ == "prep" and child.lower_ == "with":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    named = named_by(facts, pobj)
                    if named is not None and named.kind == "person":
                        return named
    return None


def _partner_role(facts: DocFacts, clause: Clause) -> str:
    """What the text calls the person met or taken along ("with their 25-year-old
    assistant coach, Ekkapol Chanthawong": "assistant coach"), so the question asks
    "Which assistant coach ...?" rather than an open "Whom ...?"."""
    doc = facts.doc
    token = doc[clause.partner.end - 1]
    while token.dep_ != "appos" and clause.partner.start <= token.head.i < clause.partner.end:
        token = token.head
    noun = token.head
    if token.dep_ != "appos" or noun.pos_ != "NOUN" or noun.i > token.i:
        return ""
    if any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in noun.children):
        return ""  # "Le Pen's father": a kinship, not a kind of person to pick from
    words = [noun]
    for i in range(noun.i - 1, noun.sent.start, -1):
        word = doc[i]
        if word.head != noun or word.dep_ not in ("amod", "compound") or word.ent_type_:
            break
        if not word.is_alpha or word.pos_ not in ("ADJ", "NOUN"):
            break
        words.insert(0, word)
    return " ".join(w.lower_ for w in words)


def _is_person(facts: DocFacts, token) -> bool:
    named = named_by(facts, token)
    return named is not None and named.kind == "person"


def _partner_prep(clause: Clause) -> str:
    for child in clause.verb.children:
        if child.dep_ == "prep" and child.lower_ == "with":
            return " with"
    return ""


def _attached(verb):
    """The verb, its object and its "with" companion: where a place or time may hang."""
    heads = [verb]
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and child.i > verb.i:
            heads.append(child)
        if child.dep_ == "prep" and child.lower_ == "with":
            heads.extend(c for c in child.children if c.dep_ == "pobj")
    return heads


def _place(facts: DocFacts, verb) -> Entity | None:
    for head in _attached(verb):
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS and prep.i > verb.i:
                for pobj in prep.children:
                    entity = facts.entity_at(pobj.i)
                    if pobj.dep_ == "pobj" and entity is None:
                        entity = _named_by_of(facts, pobj)
                    if pobj.dep_ == "pobj" and entity is not None and entity.kind in WHERE_KINDS:
                        return entity
    return None


def _named_by_of(facts: DocFacts, noun) -> Entity | None:
    """ "in the town of Donaueschingen": a place named after the common noun for its kind."""
    if noun.pos_ != "NOUN" or not any(c.dep_ == "det" for c in noun.children):
        return None
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == noun.i + 1:
            for pobj in prep.children:
                entity = facts.entity_at(pobj.i)
                if (
                    pobj.dep_ == "pobj"
                    and entity is not None
                    and entity.end - 1 == pobj.i
                    and entity.start == prep.i + 1  # "of the Eiffel Tower": a part of it
                ):
                    return entity if entity.kind in ("place", "org") else None
    return None


def _when(facts: DocFacts, verb) -> Entity | None:
    # "Chirac, who in 2002 defeated ...": a date between the subject and its verb is the
    # verb's. A date opening the sentence ("On 3 December 1967 Barnard carried out ...") is
    # the verb's too when the question can say all else the verb takes: without the date,
    # "When did Shockley come up?" would leave out what he came up with.
    subjects = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    after = min(subjects) if subjects and min(subjects) < verb.i else verb.i
    if _says_all_after(facts, verb):
        after = -1
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in TIME_PREPS and prep.i > after:
            for pobj in prep.children:
                entity = facts.entity_at(pobj.i)
                if pobj.dep_ == "pobj" and entity is not None and entity.kind == "date":
                    # "in May" without its year names no single day or month to learn.
                    return entity if entity.fine != "date:month" else None
    return None


def _subject_setting(facts: DocFacts, clause: Clause) -> tuple[Entity, str] | None:
    """An unnamed subject that says where it happened ("the Group of 20 summit in New
    Delhi"): the place, and the subject without it ("the Group of 20 summit")."""
    if clause.subject is not None or not clause.subject_tokens:
        return None
    tokens = clause.subject_tokens
    for prep in tokens:
        if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        place = facts.entity_at(pobj.i) if pobj is not None else None
        if place is None or place.kind != "place" or place.end - 1 != tokens[-1].i:
            continue  # the place ends the subject: "the summit in New Delhi"
        if prep.head.pos_ != "NOUN":
            continue
        dropped = {t.i for t in prep.subtree}
        subject = render([t for t in clause.subject_tokens if t.i not in dropped])
        if subject and _opens_lower(clause.subject_tokens[0]):
            subject = subject[0].lower() + subject[1:]
        return place, subject
    return None


def _says_all_after(facts: DocFacts, verb) -> bool:
    """Everything after the verb is what a question repeats: its object and short phrases
    with a name in them ("carried out the first heart transplant at Groote Schuur Hospital"),
    not a phrase without one ("put in charge of a new team") or a clause."""
    for child in verb.children:
        if child.i < verb.i or child.dep_ in ("punct", "cc", "conj", "prt", "dobj", "dative"):
            continue
        if child.dep_ == "prep":
            tokens = list(child.subtree)
            if len(tokens) <= 7 and any(facts.entity_at(t.i) for t in tokens):
                continue
        return False
    return True


def inverted_verb(verb) -> tuple[str, str] | None:
    """("did", "meet") for "met"; ("will", "host") for "will host"; None if it cannot say."""
    auxes = auxiliaries(verb)
    if auxes:
        first, others = auxes[0], auxes[1:]
        if first.lower_ in ("to",):
            return None
        prt = [c.text for c in verb.children if c.dep_ == "prt"]
        words = " ".join([t.lower_ for t in others] + [verb.text, *prt])
        return first.lower_, words
    if verb.pos_ == "AUX":
        return None
    if _reduced_passive(verb):
        # "the conference, held in July 1944 at ...": "When was the conference held?"
        plural = verb.head.tag_ in ("NNS", "NNPS")
        return ("were" if plural else "was"), verb.text
    tense = {"VBD": "did", "VBZ": "does", "VBP": "do"}.get(verb.tag_)
    if tense is None:
        return None
    lemma = verb.lemma_
    if tense == "do" and verb.lower_ not in getInflection(lemma, "VBP"):
        # a past form the tagger took for the present ("leapt", lemma "leapt"): "When did
        # Bob Beamon leap", not "When do Bob Beamon leapt"
        lemma = base_form(verb.lower_) or lemma
        if verb.lower_ in getInflection(lemma, "VBD"):
            tense = "did"
    prt = [c.text for c in verb.children if c.dep_ == "prt"]
    return tense, " ".join([lemma, *prt])


def auxiliaries(verb) -> list:
    """The auxiliaries and negation told before the verb ("had not", "was" of "was born")."""
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]


def base_form(word: str) -> str:
    """The verb's dictionary form as lemminflect knows it ("leapt" -> "leap"), or ""."""
    found = getLemma(word, "VERB")
    return found[0] if found else ""


def _reduced_passive(verb) -> bool:
    """A past participle set after a name as a passive clause of its own: "the United
    Nations Monetary and Financial Conference, held in July 1944"."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and verb.i > verb.head.i
        and verb.doc[verb.i - 1].text == ","
    )


def _counted_object(facts: DocFacts, verb) -> Entity | None:
    """ "won seven Oscars": the object of a verb when it is a number of things."""
    if sum(c.dep_ == "dobj" for c in verb.children) > 1:
        return None  # "reached Livingston 7 milliseconds before": not what was reached
    for child in verb.children:
        if child.dep_ in ("dobj", "attr") and child.i > verb.i:
            entity = facts.entity_at(child.i)
            if (
                entity is not None
                and entity.kind == "number"
                and entity.end - 1 == child.i
                and child.tag_ in ("NNS", "NNPS")
                and entity.label in ("CARDINAL", "QUANTITY")
            ):
                return entity
    return None


def _share_object(facts: DocFacts, verb) -> tuple[Entity, str] | None:
    """ "won 58.5 per cent of the vote": a share of a whole as the verb's object, and the
    whole it is a share of ("the vote")."""
    for child in verb.children:
        if child.dep_ != "dobj" or child.i < verb.i:
            continue
        entity = facts.entity_at(child.i)
        if entity is None or entity.kind != "number" or entity.end - 1 != child.i:
            return None
        if not ("cent" in entity.text or "%" in entity.text):
            return None
        for prep in child.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                tokens = [t for t in prep.subtree if t.i != prep.i]
                if tokens and len(tokens) <= 4 and not any(facts.entity_at(t.i) for t in tokens):
                    return entity, render(tokens)
    return None


def rest_of_clause(
    clause: Clause, *, drop_place: bool = False, drop_when: bool = False, drop_object: bool = False
) -> str | None:
    """What follows the verb in a question: its object, its companion, place and time.

    None when the verb needs more than that to make sense ("warned that ...").
    """
    verb = clause.verb
    after = [c for c in verb.children if c.i > verb.i and c.dep_ not in ("prt", "punct")]
    if any(c.dep_ in ("ccomp", "oprd", "acomp") for c in after):
        return None
    if after and after[0].dep_ == "xcomp":
        return None  # "refused to ratify the treaty": the verb needs what follows
    if any(c.dep_ in ("xcomp", "advcl", "relcl", "acl") for c in after) and any(
        c.dep_ in ("dobj", "attr") and _ranked(c) for c in after
    ):
        return None  # "became the first country to land ...": first at what follows
    pieces: list[str] = []
    for child in verb.children:
        if child.i < verb.i or child.dep_ in ("prt", "punct", "cc", "conj", "advmod"):
            continue
        if child.dep_ in ("dobj", "dative", "attr"):
            if drop_object:
                continue
            named = named_by(clause_facts(verb), child)
            if named is not None and named.kind == "person":
                text = named.answer
            else:
                text = _phrase(child, clause, drop_place)
            if text is None:
                return None  # an object too long to repeat: the question would drop it
            pieces.append(text)
        elif child.dep_ == "prep" and child.lower_ == "with":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            named = named_by(clause_facts(verb), pobj)
            if named is not None and named.kind == "person":
                pieces.append(f"with {named.answer}")
        elif child.dep_ == "prep" and _bound(verb, child):
            pieces.append(render(_short_phrase(child)))  # "went on sale": part of the verb
        elif child.dep_ == "prep" and child.lower_ not in PLACE_PREPS | TIME_PREPS:
            # "went into the Tham Luang cave", "added to UNESCO’s World Heritage List": a
            # short phrase with a name in it says which event is meant.
            tokens = list(child.subtree)
            named = any(clause_facts(verb).entity_at(t.i) for t in tokens)
            counted = any(t.ent_type_ == "ORDINAL" for t in tokens)  # "for the third time"
            if (
                (named or counted)
                and len(tokens) <= 7
                and not any(t.pos_ == "PRON" for t in tokens)
            ):
                pieces.append(render(tokens))
        elif child.dep_ == "prep" and child.lower_ in PLACE_PREPS | TIME_PREPS:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            entity = clause_facts(verb).entity_at(pobj.i) if pobj is not None else None
            if entity is None and pobj is not None:
                entity = _named_by_of(clause_facts(verb), pobj)
            if entity is None:
                continue
            if entity.kind in WHERE_KINDS and not drop_place:
                pieces.append(f"{child.text} {_with_article(entity, verb.doc)}")
            if entity.kind == "date" and not drop_when:
                pieces.append(f"{child.text} {entity.text}")
    if not drop_when:
        pieces.extend(_fronted_dates(clause))
    text = " ".join(p for p in pieces if p)
    return f" {text}" if text else ""


def _fronted_dates(clause: Clause) -> list[str]:
    """ "In 2007 he won ...": a date before the verb still says which act is meant."""
    verb = clause.verb
    found = []
    for child in verb.children:
        if child.i < verb.i and child.dep_ == "prep" and child.lower_ in TIME_PREPS:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            entity = clause_facts(verb).entity_at(pobj.i) if pobj is not None else None
            if entity is not None and entity.kind == "date" and entity.end - 1 == pobj.i:
                found.append(f"{child.lower_} {entity.text}")
    return found


def _phrase(head, clause: Clause, drop_place: bool) -> str | None:
    facts = clause_facts(clause.verb)
    drop = set()
    for child in head.children:
        if child.dep_ == "appos" and child.left_edge.i == head.i + 1:
            continue  # "a second physics Nobel": no comma, so one name, not an apposition
        if child.dep_ in ("relcl", "acl") and _ranked(head):
            continue  # "the first country to land near the pole": first at what it says
        if child.dep_ in ("relcl", "acl", "appos", "punct"):
            drop.update(t.i for t in child.subtree)
        if child.dep_ == "prep" and drop_place and child.lower_ in PLACE_PREPS:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            entity = facts.entity_at(pobj.i) if pobj is not None else None
            if entity is not None and entity.kind == "place":
                drop.update(t.i for t in child.subtree)
    tokens = [t for t in head.subtree if t.i not in drop]
    text = render(tokens)
    if len(text.split()) > 8:
        return None  # words, not tokens: "human-to-human" is one
    return text


# Words that rank a thing among others ("the first country", "the only woman").
RANKING_WORDS = frozenset({"first", "last", "only", "next"})


def _ranked(head) -> bool:
    """A noun ranked among others ("the first country", "the largest city"), or the rank
    alone ("became the first to adopt ...")."""
    return head.lower_ in RANKING_WORDS or any(
        c.dep_ == "amod" and (c.lower_ in RANKING_WORDS or c.tag_ == "JJS") for c in head.children
    )


def clause_facts(token) -> DocFacts:
    """The facts of the document a token belongs to."""
    return facts_of(token.doc)


# What a word of the question needs said after it: a question cut before one says nothing.
NEEDED_AFTER = COMPLEMENTS | {"pobj"}


def subject_question(clause: Clause) -> str | None:
    """ "Who will host the next G20 summit in Rio de Janeiro in 2024?" """
    verb = clause.verb
    if any(c.dep_ == "ccomp" for c in verb.children):
        return None  # "“How many?” Volanthen asked": reported speech, not an act
    if not _says_what(verb):
        return None  # "Who asked in a video?": the act itself is elsewhere
    facts = clause_facts(verb)
    subject_names = {
        e.answer
        for t in clause.subject_tokens
        if (e := facts.entity_at(t.i)) is not None and e.kind == "person"
    }
    if len(subject_names) > 1:
        return None  # "Jack Kilby ... and Robert Noyce ... invented": two answers
    keep = set()
    for token in verb.subtree:
        keep.add(token.i)
    for child in verb.children:
        if child.i < verb.i and child.dep_ not in ("aux", "auxpass", "neg"):
            keep.difference_update(t.i for t in child.subtree)
        if child.dep_ in ("conj", "cc") or (child.dep_ == "advcl" and child.i > verb.i):
            keep.difference_update(t.i for t in child.subtree)
    tokens = [verb.doc[i] for i in sorted(keep)]
    # A clause goes on after a comma with what only adds to it ("..., near Paris",
    # "..., destroying the rocket"): the question ends at the first comma after the verb.
    for k, token in enumerate(tokens):
        if token.text == "," and token.i > verb.i and not _inside_name(token):
            cut = token.i
            tokens = tokens[:k]
            if any(c.dep_ in NEEDED_AFTER and c.i > cut for t in tokens for c in t.children):
                return None  # "agreed to let the Knesset, Israel's parliament, vote": cut short
            break
    while tokens and ((tokens[-1].is_punct and tokens[-1].text != "%") or tokens[-1].is_space):
        tokens.pop()
    text = _close_quotes(render(tokens))
    if not text or len(text.split()) > MAX_PROMPT_WORDS or len(text.split()) < 2:
        return None
    wh = "Who"
    return f"{wh} {text}?"


def _bound(verb, prep) -> bool:
    """A short phrase right after the verb with no name in it ("went on sale", "came into
    existence"): the verb means little without it."""
    facts = clause_facts(verb)
    after = [c for c in verb.children if c.i > verb.i and c.dep_ not in ("prt", "punct")]
    tokens = _short_phrase(prep)
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is not None and _named_by_of(facts, pobj) is not None:
        return False  # "in the town of Donaueschingen" says where
    return (
        bool(after)
        and any(c.dep_ == "pobj" for c in prep.children)  # "after lifting off": a clause
        and after[0] == prep
        and not any(c.dep_ in ("dobj", "attr") for c in verb.children)
        and len(tokens) <= 3
        and not any(facts.entity_at(t.i) for t in tokens)
    )


def _bounded(facts: DocFacts, entity: Entity) -> bool:
    """An amount the text gives as a bound: "more than 20 million", "under 5"."""
    before = " ".join(t.lower_ for t in facts.doc[max(entity.start - 2, 0) : entity.start])
    return bool(
        re.search(r"\b(?:more than|over|at least|above|less than|fewer than|under|up to)$", before)
    )


def _short_phrase(prep) -> list:
    """A preposition and its object without what hangs after it: "on sale" of "on sale in
    the United States"."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return [prep]
    return [prep, *(t for t in pobj.subtree if t.i <= pobj.i)]


def _coordinated(facts: DocFacts, entity: Entity) -> bool:
    """The entity is one of several joined by "and"/"or" (or the whole list)."""
    head = facts.doc[entity.end - 1]
    if head.dep_ == "conj" or any(c.dep_ == "conj" for c in head.children):
        return True
    # "at Bard College ... and later at Brown University": the phrases are joined.
    prep = head.head if head.dep_ == "pobj" else None
    return prep is not None and (
        prep.dep_ == "conj" or any(c.dep_ == "conj" for c in prep.children)
    )


def _with_article(entity: Entity, doc) -> str:
    """ "the Hall of Mirrors" where the text writes "the"."""
    if entity.start and doc[entity.start - 1].lower_ == "the":
        return f"the {entity.answer}"
    return entity.answer


def _says_what(verb) -> bool:
    """The verb has an object, a complement or a named place or time: it says what was done."""
    facts = clause_facts(verb)
    for child in verb.children:
        if child.i < verb.i:
            continue
        if child.dep_ in ("dobj", "attr", "xcomp", "ccomp", "oprd", "acomp", "dative", "agent"):
            return True
        if child.dep_ == "prep" and any(facts.entity_at(t.i) for t in child.subtree):
            return True
    return False


def _inside_name(token) -> bool:
    """A comma inside a name: "Washington, D.C."."""
    facts = facts_of(token.doc)
    before, after = facts.entity_at(token.i - 1), facts.entity_at(token.i + 1)
    return before is not None and before is after


def _close_quotes(text: str) -> str:
    """A quotation cut at the end of a clause gets its closing mark back."""
    if text.count("\u201c") > text.count("\u201d"):
        text += "\u201d"
    if text.count('"') % 2:
        text += '"'
    return text


def _when_phrase(entity: Entity) -> str:
    """ "in 2022", "in July 1944", but "on 4 May": a day takes "on"."""
    return f"on {entity.text}" if entity.fine.startswith("date:day") else f"in {entity.text}"


def ask_clause(
    facts, context, clause: Clause, *, prompt, answer: Entity, score, fact, prefer_short=False
):
    prompt = re.sub(r"\s+", " ", prompt).replace(" ?", "?")
    if len(prompt.split()) > MAX_PROMPT_WORDS + 4 or _coordinated(facts, answer):
        return  # "in 1978 and 1986": a question with two answers
    verb = clause.verb
    if not in_main_clause(verb) and verb.dep_ != "relcl" and not _reduced_passive(verb):
        # "It was the first ceremony since Will Smith slapped Chris Rock in 2022": an event
        # told in passing gives one question (who, whom or when), not one of each.
        fact = ("in passing", clause.verb.i)
    kind = answer.kind
    if kind == "number" and _bounded(facts, answer):
        kind = "bound"  # "more than 20 million": 30 million could be right too; typed only
    yield from questions_for(
        WhFact(
            prompt=prompt,
            answer=answer.answer if answer.kind == "person" else answer.text,
            kind=kind,
            source_text=clause.source_text,
            score=score,
            fact=fact,
            generator=GENERATOR,
            distractors=_year_distractors(answer.text) if answer.kind == "date" else (),
            prefer_short_answer=prefer_short,
            label=answer.label,
            # Places named beside the answer often contain it ("Vilnius, the capital of
            # Lithuania"): offering them could make a wrong choice true as well.
            avoid=tuple(
                e.answer
                for e in facts.in_sentence(answer.sentence)
                if e.kind == answer.kind == "place" and e.answer != answer.answer
            ),
        ),
        facts,
        context,
    )


def _year_distractors(text: str) -> tuple[str, ...]:
    """A bare year is best told apart from the years around it."""
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        return (str(year - 1), str(year + 1), str(year + 2))
    return ()


# "on Sunday", "last Friday", "yesterday": the day a report gives, which its answer replaces.
DAY_WORDS = re.compile(
    r"\s+(?:(?:on|last|this)\s+)?(?:{})\b".format("|".join((*WEEKDAYS, *RELATIVE_DAYS))),
    re.IGNORECASE,
)


def _ask_date(facts, context, clause: Clause, *, prompt: str, day: dt.date):
    # "When did Argentina win the World Cup on Sunday?" would answer itself: the day goes.
    prompt = DAY_WORDS.sub("", prompt)
    prompt = re.sub(r"\s+", " ", prompt).replace(" ?", "?")
    yield from questions_for(
        WhFact(
            prompt=prompt,
            answer=spell_date(day),
            kind="date",
            source_text=clause.source_text,
            score=0.86,
            fact=("when", "document"),
            generator=GENERATOR,
            alternatives=date_alternatives(day),
            distractors=tuple(date_distractors(day, spell=spell_date)),
            prefer_short_answer=True,
        ),
        facts,
        context,
    )
