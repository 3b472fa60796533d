"""Choose which questions to publish: the best few, one per fact, a mix of kinds.

Generators over-generate on purpose; here the candidates are ranked by score and published
greedily under a budget that grows with the document's length, so a quiz asks the key facts
rather than every name. A question is skipped when its answer was already asked (another
way, or by a shorter form of the name), and clozes are spread over sentences. True/false
questions come in pairs, one true and one false. Whatever is not chosen stays a draft: its
score is scaled below the threshold, keeping the order among drafts.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter

from .candidates import QuestionCandidate, fold

# Published questions per 1,000 words of document, and a floor for short documents.
PER_1000_WORDS = 50
MIN_PUBLISHED = 6
# Drafts kept for a teacher to promote: the best few, not every candidate generated.
DRAFT_FOR_EVERY = 2  # published questions
MIN_DRAFTS = 8
# With room for this many questions, a document gets a true and a false statement.
ROOM_FOR_TWO_STATEMENTS = 30
# A sentence gives one cloze, and one more for every so many words it has.
WORDS_PER_EXTRA_CLOZE = 15
# A whom question asks about a meeting, not about the person alone: it may repeat a name
# asked by role. (A where question answered by a place asked by role repeats the place.)
EVENT_FACTS = ("whom",)
MAX_PER_SENTENCE = 3
ASKED_KINDS = ("multiple_choice", "short_answer")
QUESTION_BONUS = 0.08
# A blank scoring below this is dropped rather than kept in a quiz of blanks.
WEAK_BLANK = 0.66
# A blanked name (a person, a place, an institution, a work) is a fact of its own; a weak
# blank of a description or an amount is what a quiz of blanks does without.
NAMED_BLANKS = {(kind,) for kind in ("person", "place", "org", "thing", "name", "event")}
WORDS_PER_QUESTION = 10
# Once every sentence has had its turn and the budget still has room, a sentence may give
# more: a question for every so many words, a blank for every so many.
FILL_WORDS_PER_QUESTION = 7
FILL_WORDS_PER_CLOZE = 10
# A sentence with a question scoring this much states a key fact: each such sentence gets
# a question, then a second one, before any other sentence gets one.
KEY_SCORE = 0.78


def budget_for(words: int) -> int:
    """How many questions a document of `words` words may publish."""
    return max(MIN_PUBLISHED, PER_1000_WORDS * words // 1000)


def publish(
    questions: list[QuestionCandidate], *, words: int, threshold: float
) -> list[QuestionCandidate]:
    """The questions, best first, with the ones not chosen for publishing scored as drafts."""
    ranked = sorted(questions, key=lambda q: -q.score)
    # A fact asked as a question reads better in a quiz than the same fact as a blank:
    # among near-equal candidates the question goes first.
    eligible = sorted(
        (q for q in ranked if q.score >= threshold),
        key=lambda q: -(q.score + (QUESTION_BONUS if q.kind in ASKED_KINDS else 0.0)),
    )
    budget = budget_for(words)
    chosen: list[QuestionCandidate] = []
    clozes: Counter = Counter()

    statements = [q for q in eligible if q.kind == "true_false"]
    wanted_statements = 2 if budget >= ROOM_FOR_TWO_STATEMENTS else 1
    chosen.extend(_statements(statements, wanted_statements))

    answers: list[str] = []
    # Whom questions ask about a meeting, not about the person alone, so they may share an
    # answer with a question about someone's role (but with nothing else).
    role_answers: list[str] = []
    event_answers: list[str] = []
    facts: set[tuple] = set()
    per_sentence: Counter = Counter()
    # Coverage before depth: every sentence with a good question gets one before any
    # sentence gets a second.
    rounds = [(depth, KEY_SCORE) for depth in (1, 2)] + [(MAX_PER_SENTENCE, 0.0)]
    rounds.append((MAX_PER_SENTENCE + 1, 0.0))  # what room is left, to the sentences' facts
    # A long sentence states more facts: it may give one question more for every so
    # many words.
    for depth, floor in rounds:
        for question in eligible:
            if len(chosen) >= budget:
                break
            if question.kind == "true_false" or question in chosen or question.score < floor:
                continue
            if per_sentence[question.source_text] >= _room(question.source_text, depth):
                continue
            about_event = bool(question.fact) and question.fact[0] in EVENT_FACTS
            if about_event:
                earlier = [a for a in answers if a not in role_answers] + event_answers
            else:
                earlier = answers
            if any(_same_answer(question.answer, a) for a in earlier):
                continue
            if question.fact and question.fact in facts:
                continue
            if question.kind == "cloze":
                if _second_place(question, chosen):
                    continue  # "Born in _____ ... settled in the United States": one place
                filling = depth > MAX_PER_SENTENCE
                per_blank = FILL_WORDS_PER_CLOZE if filling else WORDS_PER_EXTRA_CLOZE
                room = 1 + len(question.source_text.split()) // per_blank
                if clozes[question.source_text] >= room:
                    continue
                clozes[question.source_text] += 1
            per_sentence[question.source_text] += 1
            chosen.append(question)
            answers.append(question.answer)
            if question.fact and question.fact[0] == "role":
                role_answers.append(question.answer)
            if about_event:
                event_answers.append(question.answer)
            if question.fact:
                facts.add(question.fact)

    chosen = _with_a_typed_question(chosen, eligible)
    chosen = _with_a_question(chosen, eligible)
    keep = {id(q) for q in chosen}
    result = []
    for question in ranked:
        if id(question) in keep or question.score < threshold:
            result.append(question)
        else:
            result.append(dataclasses.replace(question, score=_as_draft(question.score, threshold)))
    result.sort(key=lambda q: -q.score)
    published = [q for q in result if id(q) in keep]
    drafts = [q for q in result if id(q) not in keep][: max(MIN_DRAFTS, budget // DRAFT_FOR_EVERY)]
    return sorted(published + drafts, key=lambda q: -q.score)


def _second_place(question: QuestionCandidate, chosen: list[QuestionCandidate]) -> bool:
    """A blanked place where a blank of the same sentence already asks a place: each would
    name the other's answer. A place and the one the sentence puts it in ("the Lusail
    Stadium in Qatar") are two facts, and so are the site where the act is and another place
    ("went into the Tham Luang cave"): a site says nothing of where else the sentence goes."""
    if question.fact[3:] != ("place",):
        return False  # not a place, or the site where the act is ("place", "site")
    return any(
        q.kind == "cloze"
        and q.source_text == question.source_text
        and q.fact[3:4] == ("place",)
        and not _one_inside_the_other(question.source_text, q.answer, question.answer)
        for q in chosen
    )


def _one_inside_the_other(sentence: str, a: str, b: str) -> bool:
    """ "the Lusail Stadium in Qatar", "Hanford, Washington": one place said to be in the
    other (a word for its kind may come between: "the Tham Luang cave in Chiang Rai")."""
    for inner, outer in ((a, b), (b, a)):
        pattern = re.escape(inner) + r"(?: [a-z]+)?(?: in|,) (?:the )?" + re.escape(outer)
        if re.search(pattern, sentence):
            return True
    return False


def _room(sentence: str, depth: int) -> int:
    """How many questions a sentence may have in a round allowing `depth` per sentence."""
    if depth < MAX_PER_SENTENCE:
        return depth
    if depth > MAX_PER_SENTENCE:
        return 1 + len(sentence.split()) // FILL_WORDS_PER_QUESTION
    return max(depth, 1 + len(sentence.split()) // WORDS_PER_QUESTION)


def _statements(statements: list[QuestionCandidate], wanted: int) -> list[QuestionCandidate]:
    """The best statements, alternating true and false, about different facts."""
    picked: list[QuestionCandidate] = []
    seen_topics = set()
    for truth in ("False", "True"):
        for question in statements:
            topic = question.fact[2:] if question.fact else (question.prompt,)
            if question.answer == truth and topic not in seen_topics:
                picked.append(question)
                seen_topics.add(topic)
                break
    picked.sort(key=lambda q: -q.score)
    return picked[:wanted]


def _with_a_question(
    chosen: list[QuestionCandidate], eligible: list[QuestionCandidate]
) -> list[QuestionCandidate]:
    """A quiz of blanks alone is dull: while fewer than two in five of those published are
    questions, the best eligible question about another answer takes the place of the
    weakest blank."""
    chosen = list(chosen)
    asked = [q for q in eligible if q.kind in ASKED_KINDS and q not in chosen]
    while 5 * sum(q.kind in ASKED_KINDS for q in chosen) < 2 * len(chosen) and asked:
        question = asked.pop(0)
        if any(_same_answer(question.answer, q.answer) for q in chosen):
            continue
        if question.fact and any(q.fact == question.fact for q in chosen):
            continue
        clozes = [q for q in chosen if q.kind == "cloze"]
        if not clozes:
            break
        weakest = min(clozes, key=lambda q: q.score)
        chosen[chosen.index(weakest)] = question
    # With no more questions to ask, the weakest blanks wait as drafts instead.
    while 3 * sum(q.kind in ASKED_KINDS for q in chosen) < len(chosen):
        weak = [
            q
            for q in chosen
            if q.kind == "cloze" and q.score < WEAK_BLANK and q.fact[3:4] not in NAMED_BLANKS
        ]
        if not weak:
            break
        chosen.remove(min(weak, key=lambda q: q.score))
    return chosen


def _with_a_typed_question(
    chosen: list[QuestionCandidate], eligible: list[QuestionCandidate]
) -> list[QuestionCandidate]:
    """Make sure a short-answer question is among those published, if one is good enough."""
    if any(q.kind == "short_answer" for q in chosen):
        return chosen
    for typed in eligible:
        if typed.kind != "short_answer":
            continue
        # Publish it in place of the same fact asked as multiple choice, if that was chosen.
        for k, question in enumerate(chosen):
            if question.fact and question.fact == typed.fact:
                return [*chosen[:k], typed, *chosen[k + 1 :]]
    return chosen


@functools.lru_cache(maxsize=65536)
def _same_answer(a: str, b: str) -> bool:
    """Two answers name the same thing: equal, or one a shorter form of the other that ends
    like it ("Biden", "Joe Biden"); "the Danube" and "the Danube Delta" are two things."""
    fa, fb = fold(a), fold(b)
    if fa == fb or _initials_of(a, b) or _initials_of(b, a):
        return True  # "US" and "the United States", "CMA" and "Competition and Markets Authority"
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
    """`long` is `short` with the common noun for its kind after it ("Chiang Rai province",
    "Tham Luang cave"); a capitalised word makes another name ("the Danube Delta")."""
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


def _as_draft(score: float, threshold: float) -> float:
    """A score below the threshold that keeps the candidates' order."""
    return round(score * (threshold - 0.01), 3)
