"""The pipeline: every candidate through the rules, ranked, the best few published, and
`explain` telling a teacher what happened to each."""

import pytest

from quizapp.content.generation.candidates import CardCandidate, QuestionCandidate
from quizapp.content.generation.faq import faq_items
from quizapp.content.generation.pipeline import (
    DEFAULT_THRESHOLD,
    explain,
    generate,
    overgenerate,
    rank,
    status_for,
)
from quizapp.content.generation.rules import described
from quizapp.content.generation.selection import budget_for, same_answer

PRIZE = (
    "date 2023-05-04 The Harlow Prize for poetry was awarded to Anna Novak in Lisbon on "
    "3 May 2023. Novak, a teacher from Porto, wrote the winning collection in 2021. "
    "The jury was led by Tomas Reyes, the director of the Iberian Poetry Society. "
    "Reyes met Carla Moniz in Madrid. The ceremony was held at the Belem Cultural Centre.\n\n"
    "Last year the Harlow Prize went to Omar Haddad of Madrid. Haddad later moved to Paris."
)
GLAZE = (
    "Potters fire their work twice. The first firing hardens the clay.\n\n"
    "FAQ\n\n"
    "What is a glaze?\n\n"
    "A glassy coat fused to pottery in the kiln. It seals the clay.\n\n"
    "How hot is a kiln?\n\n"
    "Hot enough to melt glass."
)
TWO_PEOPLE = "Marta Kowalski met Helen Brandt in Leeds. She directed a play in 1990."
RULE_NAMES = {name for name, _ in described()}


@pytest.fixture(scope="module")
def texts(read):
    return read(PRIZE, GLAZE, TWO_PEOPLE)


@pytest.fixture(scope="module")
def prize(texts):
    return texts[0]


@pytest.fixture(scope="module")
def explained(prize):
    return explain(prize.document, prize.doc)


def test_explain_lists_published_then_drafts_then_dropped(explained):
    outcomes = [row.outcome for row in explained]
    assert set(outcomes) == {"published", "draft", "dropped"}
    order = {"published": 0, "draft": 1, "dropped": 2}
    assert outcomes == sorted(outcomes, key=order.get)


def test_explain_publishes_at_most_the_budget_each_answer_once(prize, explained):
    published = [row.question for row in explained if row.outcome == "published"]
    assert 0 < len(published) <= budget_for(prize.document.word_count)
    answers = [q.answer for q in published]
    for i, answer in enumerate(answers):
        assert not any(same_answer(answer, other) for other in answers[i + 1 :]), answer


def test_each_dropped_candidate_names_the_rule_that_dropped_it(explained):
    dropped = [row for row in explained if row.outcome == "dropped"]
    assert dropped
    assert all(row.dropped_by in RULE_NAMES for row in dropped)
    # The prize is what the text is about: asking its name tests nothing.
    assert any(
        row.question.answer == "Harlow Prize" and row.dropped_by == "not_from_the_title"
        for row in dropped
    )


def test_each_row_carries_the_rules_that_shaped_it_and_its_reasons(explained):
    for row in explained:
        assert set(row.rules) <= RULE_NAMES
        if row.outcome != "dropped":
            assert row.question.reasons, row.question.prompt
    offered = [row for row in explained if "offered_as_choices" in row.rules]
    assert offered and all(row.question.kind == "multiple_choice" for row in offered)


def test_generate_publishes_what_explain_says(prize, explained):
    items = generate(prize.document, prize.doc)
    published = [q.prompt for q in items.questions if q.published]
    assert published == [row.question.prompt for row in explained if row.outcome == "published"]
    scores = [q.score for q in items.questions]
    assert scores == sorted(scores, reverse=True)


def test_no_draft_shows_a_score_at_or_above_the_threshold(prize):
    items = generate(prize.document, prize.doc, threshold=DEFAULT_THRESHOLD)
    drafts = [q for q in items.questions if not q.published]
    assert drafts
    assert all(q.score < DEFAULT_THRESHOLD for q in drafts)


def test_an_faq_gives_verbatim_cards_a_term_card_and_short_answers_for_short_answers(texts):
    glaze = texts[1]
    items = generate(glaze.document, glaze.doc, generators=[faq_items])
    cards = {(c.kind, c.front) for c in items.flashcards}
    assert ("faq", "What is a glaze?") in cards
    assert ("term", "Glaze") in cards
    assert ("faq", "How hot is a kiln?") in cards
    # A short answer is typed: a two-sentence answer stays on its flashcard.
    assert [q.prompt for q in items.questions] == ["How hot is a kiln?"]
    found = overgenerate(glaze.document, glaze.doc, generators=[faq_items])
    assert [(q.prompt, rule) for q, rule in found.dropped] == [
        ("What is a glaze?", "short_answer_span")
    ]


def test_overgenerate_keeps_the_best_of_one_question_and_drops_unclear_pronouns(texts):
    people = texts[2]
    sentence = people.facts.sentences[1].text

    def made_up(document, analysis, context):
        yield QuestionCandidate(
            "cloze", "She directed a play in _____.", "1990", sentence, "x", 0.8
        )
        for score in (0.5, 0.7):
            yield QuestionCandidate(
                "short_answer",
                "Whom did Marta Kowalski meet in Leeds?",
                "Helen Brandt",
                people.facts.sentences[0].text,
                "x",
                score,
            )
        yield CardCandidate("term", "Play", "A story acted on a stage.", sentence, "x", 0.4)

    found = overgenerate(people.document, people.doc, generators=[made_up])
    assert [(q.prompt, q.score) for q in found.questions] == [
        ("Whom did Marta Kowalski meet in Leeds?", 0.7)
    ]
    assert [(q.prompt, rule) for q, rule in found.dropped] == [
        ("She directed a play in _____.", "name_references")
    ]
    assert [c.front for c in found.flashcards] == ["Play"]


def test_rank_without_an_analysis_keeps_the_generators_scores():
    question = QuestionCandidate("short_answer", "Who?", "Ada", "", "x", 0.42)
    assert rank([question], None) == [question]


def test_status_for_follows_selection_or_else_the_threshold():
    question = QuestionCandidate("short_answer", "Who built it?", "Ada", "", "x", 0.9)
    assert status_for(question, 0.6) == "published"
    assert status_for(question, 0.95) == "draft"
    assert (
        status_for(QuestionCandidate(**{**question.__dict__, "published": False}), 0.6) == "draft"
    )
    card = CardCandidate("term", "Kiln", "An oven for pottery.", "", "x", 0.3)
    assert status_for(card, 0.6) == "draft"
