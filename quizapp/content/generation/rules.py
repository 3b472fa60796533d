"""The named rules every candidate question passes through, in order, each with its reason.

A rule takes a candidate and what is known of its document and returns the candidate (the
same, or rewritten) or None to drop it. Each rule is general: it reads the parse and the
question's own words, never a list of words drawn from particular documents. The pipeline
records on each candidate the rules that rewrote it, and `ingest --explain` prints the
rules that dropped the others. Generators keep their own construction checks (a clause
they cannot turn into a question is never proposed); these rules are what every
generator's output has in common.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from .analysis import DocFacts
from .asking import WhFact, distractor_pools
from .candidates import QuestionCandidate, says_whole
from .distractors import WANTED, fixed_order, pick_distractors
from .features import WORD, zipf
from .frame import framed, scene_for
from .gazetteer import sort_of
from .leaning import back_references, leans_on
from .occasion import apply_datings, datings_for
from .references import (
    definites_in,
    references_in,
    resolve,
    sentence_holding,
    sentences_holding,
    short_names_in,
)
from .topic import askable
from .wellformed import is_well_formed, reads_whole

# A figure of a text: a number or a year.
FIGURE = re.compile(r"\d[\d,.]*")
# The longest answer a question asks for; longer ones are flashcards' backs.
MAX_ANSWER_WORDS = 6
# A word at least this common in English (wordfreq's Zipf scale: "orbit" 4.3, "freedom"
# 5.3; "stroma" 2.3, "dioxide" 3.8) is an everyday word, not a subject's own.
EVERYDAY_ZIPF = 4.0


@dataclass(frozen=True)
class Situation:
    """What a rule may read besides the candidate: the document's analysis and the
    entities of other documents (for distractors)."""

    facts: DocFacts | None
    context: object = None


@dataclass(frozen=True)
class Rule:
    name: str
    why: str
    apply: Callable[[QuestionCandidate, Situation], QuestionCandidate | None]


def _name_references(candidate: QuestionCandidate, situation: Situation):
    facts = situation.facts
    if facts is None:
        return candidate
    sentence = sentence_holding(facts, candidate.source_text)
    if sentence is None:
        return candidate
    prompt = candidate.prompt
    if candidate.kind != "true_false":  # a statement's pronoun is read with its sentence
        prompt = resolve(prompt, _of_sentence(references_in, facts, sentence))
        if prompt is None:
            return None
    definites = list(_of_sentence(definites_in, facts, sentence))
    if sentence.index and facts.sentences[sentence.index - 1].text in prompt:
        # a blank shown after the sentence before it: "The stone is ... It weighs _____."
        definites = (
            _of_sentence(definites_in, facts, facts.sentences[sentence.index - 1]) + definites
        )
    answer = "" if candidate.kind == "true_false" else candidate.answer.casefold()
    named = resolve(prompt, definites)
    if named and (not answer or answer not in named.casefold()):
        prompt = named  # "The delta" -> "The Danube Delta"
    answer_words = set(answer.split())
    full = [
        r
        for r in _of_sentence(short_names_in, facts, sentence)
        if r.name not in prompt and not answer_words & set(r.name.casefold().split())
    ]
    prompt = resolve(prompt, full) or prompt  # "Meyer named ..." -> "Hans Meyer named ..."
    if prompt == candidate.prompt:
        return candidate
    if answer and answer in prompt.casefold():
        return None  # the name the pronoun stood for is the answer itself
    return replace(candidate, prompt=prompt)


def _dated_occasion(candidate: QuestionCandidate, situation: Situation):
    if situation.facts is None:
        return candidate
    datings = datings_for(situation.facts, candidate.source_text)
    if not datings:
        return candidate
    answer = "" if candidate.kind == "true_false" else candidate.answer
    prompt = apply_datings(candidate.prompt, datings, answer)
    return candidate if prompt == candidate.prompt else replace(candidate, prompt=prompt)


def _no_back_reference(candidate: QuestionCandidate, situation: Situation):
    facts = situation.facts
    if facts is None:
        return candidate
    for sentence in sentences_holding(facts, candidate.source_text):
        for phrase in back_references(facts, sentence):
            if says_whole(phrase, candidate.prompt):
                return None
    return candidate


def _of_sentence(reader, facts, sentence) -> list:
    """`reader(facts, sentence)`, worked out once per sentence of a document."""
    cache = facts.doc.user_data.setdefault("quizapp_sentence_references", {})
    key = (reader.__name__, sentence.index)
    if key not in cache:
        cache[key] = reader(facts, sentence)
    return cache[key]


def _not_from_the_title(candidate: QuestionCandidate, situation: Situation):
    return askable(candidate, situation.facts)


def _well_formed(candidate: QuestionCandidate, situation: Situation):
    if candidate.kind in ("cloze", "true_false"):
        # a sentence of the text, not a prompt built from its parse: whole, or not at all
        return candidate if reads_whole(candidate.prompt) else None
    return candidate if is_well_formed(candidate.prompt) else None


def _short_answer_span(candidate: QuestionCandidate, situation: Situation):
    if candidate.kind == "true_false":
        return candidate
    return None if len(candidate.answer.split()) > MAX_ANSWER_WORDS else candidate


def _no_everyday_term(candidate: QuestionCandidate, situation: Situation):
    if candidate.kind != "cloze" or candidate.fact[3:4] != ("term",):
        return candidate
    words = WORD.findall(candidate.answer)
    return None if words and all(zipf(w.lower()) >= EVERYDAY_ZIPF for w in words) else candidate


def _framed_by_lead(candidate: QuestionCandidate, situation: Situation):
    facts = situation.facts
    if facts is None or not facts.sentences:
        return candidate
    if facts.sentences[0].text in candidate.source_text:
        return candidate  # the lead sets its own scene
    prompt = candidate.prompt
    leans = any(says_whole(p, prompt) for p in leans_on(facts, candidate.source_text))
    frame = scene_for(facts, prompt, candidate.source_text, leans=leans)
    if candidate.kind == "true_false":
        # a statement to judge comes first, its scene after it; a scene that gives one of
        # its figures would tell the true statement from the false one
        if set(FIGURE.findall(frame)) & set(FIGURE.findall(candidate.source_text)):
            return candidate
        prompt = framed(prompt, "", frame, after=True)
    else:
        prompt = framed(prompt, candidate.answer, frame)
    return candidate if prompt is None else replace(candidate, prompt=prompt)


def _valid(candidate: QuestionCandidate, situation: Situation):
    return None if candidate.problems() else candidate


RULES: tuple[Rule, ...] = (
    Rule(
        "name_references",
        'A question is read alone: "she", "it" or "they" becomes the name it stands for, '
        '"the delta" the name it shortens ("the Danube Delta"), "Meyer" the full name the '
        'text gave ("Hans Meyer"), and a question whose pronoun names nobody is not asked.',
        _name_references,
    ),
    Rule(
        "dated_occasion",
        'A question is read alone and later: "yesterday", "on Sunday" or "last year" becomes '
        'the date it means from the day the text was written, "that December day" or '
        '"eight years later" the date the text gave before.',
        _dated_occasion,
    ),
    Rule(
        "no_back_reference",
        'A question that says "do this", "this step", "such ridges" or "proposed one" asks '
        "about something said in a sentence it does not show.",
        _no_back_reference,
    ),
    Rule(
        "not_from_the_title",
        "A question about the text's own subject, or naming its answer, is answered "
        "without reading.",
        _not_from_the_title,
    ),
    Rule(
        "well_formed",
        "A prompt built from a wrong parse reads as a garbled fragment, and a sentence shown "
        "as it is reads whole (not cut inside a quotation or before a colon).",
        _well_formed,
    ),
    Rule(
        "short_answer_span",
        "An answer a student types or picks is a name, a number or a term, not a sentence "
        "(a longer answer belongs on a flashcard).",
        _short_answer_span,
    ),
    Rule(
        "no_everyday_term",
        'A blanked term of everyday words ("freedom", "orbit", "software company") is '
        "guessed from its sentence or is no fact worth knowing; a subject's own words "
        '("stroma", "mitral valve") are what a teacher blanks.',
        _no_everyday_term,
    ),
    Rule(
        "framed_by_lead",
        'A question from a news report, or one that says "the disaster" or "the hoard", '
        "is read with the lead's main clause, which tells what happened and when (see "
        "`frame`); the scene is set, not guessed.",
        _framed_by_lead,
    ),
    Rule(
        "valid_question",
        "The rules every saved question keeps (choices, blanks, true/false answers).",
        _valid,
    ),
)

# Kinds of answer whose distractors are sure to be of the answer's sort. Not people: a
# text's other people hold other roles, sides and sexes ("the German midfielder _____"
# among a goalkeeper and the other side's coach), and teachers kept 3 of 22 such choices.
CHOICE_KINDS = ("place", "date")
# A blank place that its sentence sets in a region: "born in _____, Lincolnshire".
REGION_AFTER_BLANK = re.compile(r"_{3,}, [A-Z]")


def offered_as_choices(
    candidate: QuestionCandidate, situation: Situation
) -> QuestionCandidate | None:
    """The blank also offered as multiple choice, when three distractors of the answer's
    own sort exist (places for a place, years for a year)."""
    facts = situation.facts
    if facts is None or candidate.kind != "cloze" or not candidate.fact:
        return None
    kind = candidate.fact[3] if len(candidate.fact) > 3 else ""
    if kind not in CHOICE_KINDS or (kind == "place" and not sort_of(candidate.answer)):
        return None  # a building or a river: no sure sort to draw distractors of
    if kind == "place" and REGION_AFTER_BLANK.search(candidate.prompt):
        return None  # "_____, Minnesota": only its region's places are choices, and few are
    fact = WhFact(
        prompt=candidate.prompt,
        answer=candidate.answer,
        kind=kind,
        source_text=candidate.source_text,
        score=candidate.score,
        fact=candidate.fact,
        generator=candidate.generator,
    )
    pools = distractor_pools(fact, facts, situation.context)
    wrong = pick_distractors(candidate.answer, pools, avoid=_named_in(candidate.prompt, facts))
    if len(wrong) < WANTED:
        return None
    return replace(
        candidate,
        kind="multiple_choice",
        choices=fixed_order(candidate.answer, wrong, seed=candidate.prompt),
        alternatives=(),
        trace=(*candidate.trace, "offered_as_choices"),
    )


def _named_in(prompt: str, facts: DocFacts) -> list[str]:
    return [e.answer for e in facts.entities if e.text and e.text in prompt]


TRANSFORMATIONS: tuple[Rule, ...] = (
    Rule(
        "offered_as_choices",
        "A blank whose answer is a place the gazetteer knows or a date is also offered as "
        "multiple choice with distractors of the same sort.",
        offered_as_choices,
    ),
)


def apply_rules(
    candidate: QuestionCandidate, situation: Situation, *, rules=RULES
) -> tuple[QuestionCandidate | None, str]:
    """The candidate after every rule, and the name of the rule that dropped it ("" if none)."""
    for rule in rules:
        changed = rule.apply(candidate, situation)
        if changed is None:
            return None, rule.name
        if changed is not candidate:
            changed = replace(changed, trace=(*candidate.trace, rule.name))
        candidate = changed
    return candidate, ""


def described() -> list[tuple[str, str]]:
    """Every registered rule and transformation with its reason, in the order they run."""
    return [(rule.name, rule.why) for rule in (*RULES, *TRANSFORMATIONS)]
