"""Choose which ranked questions to publish: the best few, key facts first, a mix of kinds.

Candidates arrive scored by the ranker (how likely a teacher keeps each one). Those at or
above the threshold compete for a budget that grows with the document's length; every
sentence with a good question gets one before any sentence gets a second (coverage before
depth), each answer is asked once, and true/false statements come one true and one false.
A document whose candidates all fall just under the threshold still publishes a few of
the nearly good ones. What is not chosen stays a draft, scored below the threshold in the
same order, and only the best drafts are kept for a teacher to promote.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter

from .candidates import QuestionCandidate, fold, occurrences

# Published questions per 1,000 words of document, and a floor for short documents.
PER_1000_WORDS = 48
MIN_PUBLISHED = 6
# Drafts kept for a teacher to promote: the best few, not every candidate generated.
DRAFT_FOR_EVERY = 2  # published questions
MIN_DRAFTS = 8
# With room for this many questions, a document gets a true and a false statement.
ROOM_FOR_TWO_STATEMENTS = 30
# Every sentence gets one question, then a second, then a third, before any gets more.
MAX_PER_SENTENCE = 3
# Between two near-equal candidates, a quiz gains more from a question a student answers
# by choosing or by naming than from one more blank.
KIND_PREFERENCE = {"multiple_choice": 0.06, "short_answer": 0.03}
# A quiz of blanks alone is dull: of the budget, at least these shares go first to
# questions asked with who / what / where / when, and to multiple choice, while good
# enough ones remain.
ASKED_SHARE = 0.35
CHOICE_SHARE = 0.25
# For those shares, and for a third kind of question in a document that has only two, a
# candidate may score this much below the threshold: variety is worth a small risk.
VARIETY_MARGIN = 0.1
KINDS_WANTED = 3
WH = re.compile(r"^(?:who|whom|whose|what|where|when|which|how)\b", re.I)
# A name the document comes back to is one of its key facts: each mention after the first
# adds this much to a candidate's place in the queue (up to three), never to its score.
MENTION_BONUS = 0.03
MAX_MENTIONS_COUNTED = 3


def budget_for(words: int) -> int:
    """How many questions a document of `words` words may publish."""
    return max(MIN_PUBLISHED, PER_1000_WORDS * words // 1000)


def select(
    questions: list[QuestionCandidate], *, words: int, threshold: float, text: str = ""
) -> list[QuestionCandidate]:
    """The questions best first, those not chosen for publishing rescored as drafts.

    `text` is the document's text: answers it mentions again are asked first."""
    ranked = sorted(questions, key=lambda q: -q.score)

    def priority(q: QuestionCandidate) -> float:
        again = min(mentions(q.answer, text) - 1, MAX_MENTIONS_COUNTED) if text else 0
        return q.score + KIND_PREFERENCE.get(q.kind, 0.0) + MENTION_BONUS * max(again, 0)

    eligible = sorted((q for q in ranked if q.score >= threshold), key=lambda q: -priority(q))
    nearly = sorted(
        (q for q in ranked if q.score >= threshold - VARIETY_MARGIN), key=lambda q: -priority(q)
    )
    budget = budget_for(words)
    wanted_statements = 2 if budget >= ROOM_FOR_TWO_STATEMENTS else 1
    chosen = statements([q for q in nearly if q.kind == "true_false"], wanted_statements)
    picker = _Picker(chosen)
    asked = [q for q in nearly if q.kind != "cloze" and WH.match(q.prompt)]
    choices = [q for q in nearly if q.kind == "multiple_choice"]
    choices.sort(key=lambda q: not WH.match(q.prompt))  # asked and chosen: counts twice
    picker.fill(choices, limit=len(chosen) + round(CHOICE_SHARE * budget))
    picker.fill(asked, limit=len(picker.chosen) + round(ASKED_SHARE * budget))
    for kind in _missing_kinds(picker.chosen, nearly):
        picker.fill([q for q in nearly if q.kind == kind], limit=len(picker.chosen) + 1)
    picker.fill(eligible, limit=budget)
    # A teacher gets a few questions from every document while nearly good ones remain.
    picker.fill(nearly, limit=min(MIN_PUBLISHED, budget))
    keep = {id(q) for q in picker.chosen}
    published = [dataclasses.replace(q, published=True) for q in ranked if id(q) in keep]
    drafts = [
        dataclasses.replace(
            q,
            score=q.score if q.score < threshold else as_draft(q.score, threshold),
            published=False,
        )
        for q in ranked
        if id(q) not in keep
    ]
    drafts = drafts[: max(MIN_DRAFTS, budget // DRAFT_FOR_EVERY)]
    return sorted(published + drafts, key=lambda q: -q.score)


def _missing_kinds(chosen: list[QuestionCandidate], candidates: list[QuestionCandidate]):
    """Kinds to add, best candidate first, until the document asks `KINDS_WANTED` kinds."""
    have = {q.kind for q in chosen}
    missing: list[str] = []
    for question in candidates:
        if len(have) + len(missing) >= KINDS_WANTED:
            break
        if question.kind not in have and question.kind not in missing:
            missing.append(question.kind)
    return [] if len(have) >= KINDS_WANTED else missing


class _Picker:
    """The questions chosen so far and what they already ask."""

    def __init__(self, chosen: list[QuestionCandidate]):
        self.chosen = list(chosen)
        self.answers: list[str] = []
        self.facts: set[tuple] = set()
        self.per_sentence: Counter = Counter()

    def fill(self, candidates: list[QuestionCandidate], *, limit: int) -> None:
        """Add the best of `candidates` up to `limit` questions in all, every sentence
        getting one before any gets a second (and a third before any gets more), each
        answer and fact asked once."""
        for depth in (*range(1, MAX_PER_SENTENCE + 1), None):
            for question in candidates:
                if len(self.chosen) >= limit:
                    return
                if self._takes(question, depth):
                    self.chosen.append(question)
                    self.answers.append(question.answer)
                    self.per_sentence[question.source_text] += 1
                    if question.fact:
                        self.facts.add(question.fact)

    def _takes(self, question: QuestionCandidate, depth: int | None) -> bool:
        if question.kind == "true_false" or question in self.chosen:
            return False
        if depth is not None and self.per_sentence[question.source_text] >= depth:
            return False
        if any(same_answer(question.answer, a) for a in self.answers):
            return False
        return not (question.fact and question.fact in self.facts)


def statements(candidates: list[QuestionCandidate], wanted: int) -> list[QuestionCandidate]:
    """The best statements, one false and one true, about different facts."""
    picked: list[QuestionCandidate] = []
    seen_topics = set()
    for truth in ("False", "True"):
        for question in candidates:
            topic = question.fact[2:] if question.fact else (question.prompt,)
            if question.answer == truth and topic not in seen_topics:
                picked.append(question)
                seen_topics.add(topic)
                break
    picked.sort(key=lambda q: -q.score)
    return picked[:wanted]


@functools.lru_cache(maxsize=4096)
def mentions(answer: str, text: str) -> int:
    """How often the document names `answer`; a person's or place's last word counts too
    when the answer is a name of several words ("Mendeleev" for "Dmitri Mendeleev")."""
    if not answer or answer in ("True", "False"):
        return 0
    count = occurrences(answer, text)
    words = answer.split()
    if len(words) > 1 and words[-1][:1].isupper() and len(words[-1]) > 3:
        alone = occurrences(words[-1], text)
        count = max(count, alone)
    return count


def as_draft(score: float, threshold: float) -> float:
    """A score below the threshold that keeps the candidates' order."""
    return round(score * (threshold - 0.01), 3)


@functools.lru_cache(maxsize=65536)
def same_answer(a: str, b: str) -> bool:
    """Two answers name the same thing: equal, or one a shorter form of the other that ends
    like it ("Biden", "Joe Biden"); "the Danube" and "the Danube Delta" are two things."""
    fa, fb = fold(a), fold(b)
    if fa == fb or _initials_of(a, b) or _initials_of(b, a):
        return True  # "US" and "the United States"
    if _with_its_kind(a, b) or _with_its_kind(b, a):
        return True  # "Chiang Rai" and "Chiang Rai province"
    wa, wb = re.findall(r"\w+", fa), re.findall(r"\w+", fb)
    small, large = sorted((wa, wb), key=len)
    if not small or 2 * len(small) < len(large):
        return False
    if large[-len(small) :] == small:
        return True
    if any(w.isdigit() for w in large):
        return set(small) <= set(large)  # "18 December", "December 18, 2022"
    # A middle name more or less, the same last word: "Joe Biden", "Joe R. Biden"
    return set(small) <= set(large) and small[-1] == large[-1]


def _with_its_kind(short: str, long: str) -> bool:
    """`long` is `short` with the common noun for its kind after it ("Tham Luang cave"); a
    capitalised word makes another name ("the Danube Delta")."""
    head, _, kind = long.rpartition(" ")
    return bool(head) and kind.isalpha() and kind.islower() and fold(head) == fold(short)


def _initials_of(short: str, long: str) -> bool:
    """`short` is written in capitals and spells the capitalised words of `long`."""
    if not (2 <= len(short) <= 6 and short.isupper() and short.isalpha()):
        return False
    words = [w for w in re.findall(r"[\w-]+", long) if w[:1].isupper()]
    if any(len(w) > 1 and w.isupper() for w in words):
        return False  # "US Senate": initials of its own, not spelled out
    return len(words) >= 2 and "".join(w[0] for w in words) == short
