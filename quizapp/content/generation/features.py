"""What the ranker sees of a question: plain numbers from its text and the document's parse.

Every feature is general (no word list drawn from any document) and computed from what a
published question carries (kind, prompt, answer, choices, source sentence) plus the
analysed document, so a question rated by a teacher can be turned into features again
without the generator that made it.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from wordfreq import zipf_frequency

from .analysis import DocFacts, head_of
from .candidates import fold, occurrences, says_whole
from .entities import Entity
from .frame import without_frame
from .gazetteer import sort_of
from .leaning import back_references, unnamed_subjects
from .occasion import time_phrases
from .references import sentences_holding

KINDS = ("cloze", "short_answer", "multiple_choice", "true_false")
ANSWER_KINDS = (
    "person", "place", "org", "date", "number", "term", "thing", "event", "name", "group", "time"
)  # fmt: skip
LABELS = ("GPE", "LOC", "FAC", "NORP", "ORG", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY")
DEPENDENCIES = ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "compound", "attr", "conj")
WH_WORDS = ("who", "what", "where", "when", "which", "how", "whom", "whose", "why")
# Third-person words whose meaning lies outside the sentence that holds them.
PRONOUNS = frozenset(
    [
        "he",
        "she",
        "it",
        "they",
        "him",
        "her",
        "them",
        "his",
        "its",
        "their",
        "hers",
        "theirs",
        "this",
        "these",
        "those",
    ]
)
WORD = re.compile(r"[\w'\u2019-]+")
RUN = re.compile(r"\w+")
BLANK = re.compile(r"_{3,}")
# "The company went ...", "This method ...": a thing named by its sort, not by its name.
DEFINITE_OPENING = re.compile(r"^(?:The|This|That|These|Those|Its|His|Her|Their) ([a-z][a-z-]+)")
# "the match", "the deal": a thing named by its sort alone (not "the match of 1966", not
# "the Danube", not "the same").
BARE_DEFINITE = re.compile(r"\b[Tt]he ([a-z][a-z-]{2,})\b(?! of\b)(?! [A-Z])")
SMALL_NUMBER = re.compile(
    r"^(?:[0-9]|1[0-2]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)$", re.I
)
YEAR = re.compile(r"^(?:1[0-9]{3}|20[0-9]{2})$")
MAX_ZIPF = 8.0


@dataclass(frozen=True)
class Rated:
    """The parts of a question that its features are computed from."""

    kind: str
    prompt: str
    answer: str
    source_text: str
    choices: tuple[str, ...] = ()
    own_score: float | None = None  # the generator's own confidence, when known


def features_of(question: Rated, facts: DocFacts, *, title: str = "") -> dict[str, float]:
    """The ranker's features of one question asked of the document `facts` describes."""
    asked = without_frame(question.prompt, facts)
    framed = asked != question.prompt
    question = replace(question, prompt=asked)
    f: dict[str, float] = {}
    for kind in KINDS:
        f[f"kind:{kind}"] = float(question.kind == kind)
    # How sure the generator was (its salience of the fact); unknown for some ratings.
    f["own_score"] = question.own_score if question.own_score is not None else 0.0
    f["own_score_unknown"] = float(question.own_score is None)
    f.update(_answer_features(question.answer))
    entity = answer_entity(question.answer, facts, question.source_text)
    answer_kind = entity.kind if entity else "none"
    for kind in (*ANSWER_KINDS, "none"):
        f[f"answer_kind:{kind}"] = float(answer_kind == kind)
    label = entity.label if entity else ""
    for name in LABELS:
        f[f"answer_label:{name}"] = float(label == name)
    f["answer_place_known"] = float(
        bool(entity) and answer_kind == "place" and bool(sort_of(question.answer))
    )
    dep = _dependency(entity, facts) if entity else ""
    for name in DEPENDENCIES:
        f[f"answer_dep:{name}"] = float(dep == name)
    f["answer_dep:other"] = float(bool(entity) and dep not in DEPENDENCIES)
    f["answer_mentions"] = math.log1p(_mentions(question.answer, facts.text))
    f["answer_in_title"] = float(bool(title) and fold(question.answer) in fold(title))
    f.update(_prompt_features(question, facts))
    f.update(_sentence_features_once(question.source_text, facts))
    if not framed:  # the frame names what the question leans on
        f.update(_leaning_features(question, facts))
    f.update(_choice_features(question, facts, answer_kind))
    return f


def vector(features: Mapping[str, float], names: Sequence[str]) -> list[float]:
    """The features in the model's order (a feature the model never saw counts 0)."""
    return [features.get(name, 0.0) for name in names]


@functools.lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common an English word is, 0 (unknown) to 8 (the commonest), from wordfreq."""
    return zipf_frequency(word, "en")


@functools.lru_cache(maxsize=16384)
def _answer_features(answer: str) -> dict[str, float]:
    words = WORD.findall(answer)
    freqs = [zipf(w.lower()) for w in words] or [0.0]
    return {
        "answer_words": min(len(words), 8) / 8,
        "answer_chars": min(len(answer), 40) / 40,
        "answer_has_digit": float(any(c.isdigit() for c in answer)),
        "answer_is_year": float(bool(YEAR.match(answer.strip()))),
        "answer_capitalised": float(answer[:1].isupper()),
        "answer_lowercase": float(answer == answer.lower() and not answer[:1].isdigit()),
        "answer_rarest": min(freqs) / MAX_ZIPF,
        "answer_commonest": max(freqs) / MAX_ZIPF,
        "answer_all_common": float(all(f >= 5.0 for f in freqs)),
        "answer_single_common_word": float(len(words) == 1 and freqs[0] >= 4.5),
    }


def _prompt_features(question: Rated, facts: DocFacts) -> dict[str, float]:
    prompt = question.prompt
    words = WORD.findall(prompt)
    lowered = [w.lower() for w in words]
    first = lowered[0] if lowered else ""
    blank = BLANK.search(prompt)
    names = [w for w in words[1:] if w[:1].isupper()]
    source_words = set(WORD.findall(question.source_text))
    added = [w for w in names if w not in source_words]
    mentioned = _mentioned(prompt, facts)
    answer_words = {w.casefold() for w in WORD.findall(question.answer) if len(w) >= 4}
    rest = BLANK.sub(" ", prompt)
    bare = [m.group(1) for m in BARE_DEFINITE.finditer(rest) if zipf(m.group(1)) >= 3.0]
    around = prompt[blank.end() : blank.end() + 4] if blank else ""
    before = prompt[max(0, blank.start() - 2) : blank.start()] if blank else ""
    return {
        "prompt_bare_definites": min(len(bare), 3) / 3,
        "answer_word_in_prompt": float(
            any(w.casefold() in answer_words for w in WORD.findall(rest))
        ),
        "blank_in_a_name": float(
            around == " of "
            and bool(re.match(r"\s[A-Z]", prompt[blank.end() + 3 : blank.end() + 5]))
        )
        if blank
        else 0.0,
        "blank_after_possessive": float(before.endswith(("s ", "\u2019 ", "' "))) if blank else 0.0,
        "answer_small_number": float(bool(SMALL_NUMBER.match(question.answer.strip()))),
        "prompt_words": min(len(words), 50) / 50,
        "prompt_wh": float(first in WH_WORDS),
        "prompt_pronoun_first": float(first in PRONOUNS),
        "prompt_pronouns": min(sum(w in PRONOUNS for w in lowered), 3) / 3,
        "prompt_definite_opening": float(bool(DEFINITE_OPENING.match(prompt))),
        "prompt_names": min(len(names), 6) / 6,
        "prompt_names_added": min(len(added), 3) / 3,
        "prompt_entities": min(mentioned, 5) / 5,
        "prompt_no_entity": float(not mentioned),
        "prompt_quote": float(any(q in prompt for q in '"\u201c\u201d')),
        "prompt_odd_spacing": float(bool(re.search(r"\s[,.;:]|\s{2,}|\(\s|\w\(", prompt))),
        "prompt_starts_lowercase": float(prompt[:1].islower()),
        "blank_at": (blank.start() / max(len(prompt), 1)) if blank else 0.5,
        "blank_first": float(bool(blank) and blank.start() == 0),
        "blank_none": float(not blank),
        "tf_false": float(question.kind == "true_false" and question.answer == "False"),
    }


def _leaning_features(question: Rated, facts: DocFacts) -> dict[str, float]:
    """What the prompt still leans on outside itself: a time with no date, a thing named
    by its sort alone, a demonstrative, "do this" or "one" (see `leaning`, `occasion`)."""
    prompt = question.prompt
    subjects, references, times = _leaning_once(question.source_text, facts)
    return {
        "prompt_unanchored_time": float(any(t in prompt for t in times)),
        "prompt_unnamed_subject": float(any(says_whole(s, prompt) for s in subjects)),
        "prompt_refers_back": float(any(says_whole(r, prompt) for r in references)),
    }


def _leaning_once(source_text: str, facts: DocFacts) -> tuple[list[str], ...]:
    """The unnamed subjects, back references and time phrases of the sentences a source
    holds, worked out once per source of a document."""
    cache = facts.doc.user_data.setdefault("quizapp_leaning", {})
    if source_text not in cache:
        subjects: list[str] = []
        references: list[str] = []
        times = time_phrases(facts, source_text)
        for sentence in sentences_holding(facts, source_text):
            subjects += unnamed_subjects(facts, sentence)
            references += back_references(facts, sentence)
        cache[source_text] = (subjects, references, times)
    return cache[source_text]


def _sentence_features_once(source_text: str, facts: DocFacts) -> dict[str, float]:
    """`_sentence_features`, worked out once per sentence of a document."""
    cache = facts.doc.user_data.setdefault("quizapp_sentence_features", {})
    if source_text not in cache:
        cache[source_text] = _sentence_features(source_text, facts)
    return cache[source_text]


def _sentence_features(source_text: str, facts: DocFacts) -> dict[str, float]:
    at = facts.text.find(source_text[:60]) if source_text else -1
    count = len(facts.sentences) or 1
    found = next(
        (s for s in facts.sentences if s.text and source_text.startswith(s.text[:40])), None
    )
    index = found.index if found else count // 2
    opening = facts.doc[found.start] if found else None
    return {
        "sentence_opens_connective": float(
            opening is not None and opening.pos_ in ("ADV", "CCONJ") and opening.tag_ != "WRB"
        ),
        "sentence_words": min(len(source_text.split()), 60) / 60,
        "sentence_position": index / count,
        "sentence_first": float(index == 0),
        "sentence_found": float(at >= 0),
    }


def _choice_features(question: Rated, facts: DocFacts, answer_kind: str) -> dict[str, float]:
    wrong = [c for c in question.choices if c != question.answer]
    if not wrong:
        return {"choices": 0.0, "choices_same_kind": 0.0, "choices_in_document": 0.0}
    same = 0
    in_document = 0
    for choice in wrong:
        entity = answer_entity(choice, facts, "")
        if entity is not None:
            in_document += 1
            same += entity.kind == answer_kind
        elif answer_kind in ("date", "number") and any(c.isdigit() for c in choice):
            same += 1
    return {
        "choices": len(question.choices) / 4,
        "choices_same_kind": same / len(wrong),
        "choices_in_document": in_document / len(wrong),
    }


def _mentioned(prompt: str, facts: DocFacts) -> int:
    """How many of the document's mentions of answerable names the prompt says: each
    name the prompt says counts as often as the document names it."""
    index = _entity_texts(facts)
    total = 0
    for run in {*RUN.findall(prompt), ""}:
        total += sum(n for text, n in index.get(run, ()) if says_whole(text, prompt))
    return total


def _entity_texts(facts: DocFacts) -> dict[str, list[tuple[str, int]]]:
    """Each entity text of an answerable kind with how often it occurs, filed under its
    first run of word characters (a prompt can say it only if it holds that run), once
    per document."""
    cached = facts.doc.user_data.get("quizapp_entity_texts")
    if cached is None:
        counts: dict[str, int] = {}
        for e in facts.entities:
            if e.kind in ANSWER_KINDS:
                counts[e.text] = counts.get(e.text, 0) + 1
        cached = {}
        for text, n in counts.items():
            runs = RUN.findall(text)
            cached.setdefault(runs[0] if runs else "", []).append((text, n))
        facts.doc.user_data["quizapp_entity_texts"] = cached
    return cached


def _entities_by_name(facts: DocFacts) -> dict[str, list[Entity]]:
    """The document's entities by their folded text and answer, in order, once per document."""
    cached = facts.doc.user_data.get("quizapp_entities_by_name")
    if cached is None:
        cached = {}
        for e in facts.entities:
            for key in {fold(e.text), fold(e.answer)}:
                cached.setdefault(key, []).append(e)
        facts.doc.user_data["quizapp_entities_by_name"] = cached
    return cached


def answer_entity(answer: str, facts: DocFacts, source_text: str) -> Entity | None:
    """The entity the answer names, preferring one in the source sentence."""
    found = _entities_by_name(facts).get(fold(answer), [])
    if not found:
        return None
    if source_text:
        for entity in found:
            if facts.sentences[entity.sentence].text in source_text:
                return entity
    return found[0]


def _dependency(entity: Entity, facts: DocFacts) -> str:
    return head_of(facts.doc, entity).dep_


@functools.lru_cache(maxsize=16384)
def _mentions(answer: str, text: str) -> int:
    if not answer.strip():
        return 0
    return occurrences(answer, text)
