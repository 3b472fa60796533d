"""Selection: the best few published under a budget, each answer asked once."""

from quizapp.content.generation.candidates import QuestionCandidate
from quizapp.content.generation.selection import (
    MIN_PUBLISHED,
    as_draft,
    budget_for,
    mentions,
    same_answer,
    select,
    statements,
)


def question(prompt, answer, score, *, kind="short_answer", source="", fact=()):
    return QuestionCandidate(
        kind=kind,
        prompt=prompt,
        answer=answer,
        source_text=source or f"{prompt} ({answer})",
        generator="test",
        score=score,
        choices=("True", "False") if kind == "true_false" else (),
        fact=fact,
    )


def many(count: int, *, score: float = 0.9) -> list[QuestionCandidate]:
    """Good questions about different answers from different sentences."""
    return [
        question(f"Who built tower {i}?", f"Builder Number{i}", score - i / 1000)
        for i in range(count)
    ]


def published(chosen):
    return [q for q in chosen if q.published]


def test_budget_grows_with_length_from_a_floor():
    assert budget_for(0) == budget_for(100) == MIN_PUBLISHED
    assert budget_for(1000) > MIN_PUBLISHED
    assert budget_for(2000) >= budget_for(1000)


def test_a_short_document_publishes_at_most_its_budget():
    chosen = select(many(30), words=120, threshold=0.6)
    assert len(published(chosen)) == budget_for(120)
    assert all(q.published is False for q in chosen if not q.published)


def test_a_longer_document_publishes_more():
    chosen = select(many(80), words=1000, threshold=0.6)
    assert len(published(chosen)) == budget_for(1000)


def test_each_answer_is_asked_once():
    questions = [
        question("Who signed the harbour charter?", "Joe Biden", 0.95),
        question("Who spoke at the opening?", "Biden", 0.9),
        question("Who cut the ribbon?", "Jill Moss", 0.85),
    ]
    chosen = published(select(questions, words=100, threshold=0.6))
    assert [q.answer for q in chosen] == ["Joe Biden", "Jill Moss"]


def test_below_the_threshold_stays_a_draft_scored_under_it_in_the_same_order():
    questions = [
        question("Who founded the mill?", "Ada Park", 0.9),
        question("Who sold the mill?", "Ben Hale", 0.3),
    ]
    chosen = select(questions, words=100, threshold=0.6)
    assert [(q.answer, q.published) for q in chosen] == [("Ada Park", True), ("Ben Hale", False)]
    assert chosen[1].score == 0.3


def test_a_document_of_nearly_good_questions_still_publishes_a_few():
    def blanks(score):
        return [
            question(f"Tower {i} was built by _____.", f"Builder Number{i}", score, kind="cloze")
            for i in range(2, 20)
        ]

    chosen = select([*many(2), *blanks(0.58)], words=700, threshold=0.6)
    assert len(published(chosen)) == MIN_PUBLISHED
    # far below the threshold, nothing is published to make up the number
    chosen = select([*many(2), *blanks(0.4)], words=700, threshold=0.6)
    assert len(published(chosen)) == 2


def test_drafts_keep_their_order_below_the_threshold():
    assert as_draft(0.95, 0.6) > as_draft(0.8, 0.6)
    assert as_draft(0.95, 0.6) < 0.6


def test_same_answer_tells_forms_of_one_name_from_two_things():
    assert same_answer("Biden", "Joe Biden")
    assert same_answer("joe biden", "Joe Biden")
    assert same_answer("US", "the United States")
    assert same_answer("Chiang Rai", "Chiang Rai province")
    assert same_answer("18 December", "December 18, 2022")
    assert not same_answer("the Danube", "the Danube Delta")
    assert not same_answer("Biden", "Jill Moss")


def test_mentions_count_a_persons_surname_alone():
    text = "Ada Park founded the mill. Park sold it in 1910, and Park died in 1930."
    assert mentions("Ada Park", text) == 3
    assert mentions("1910", text) == 1
    assert mentions("True", text) == 0


def test_statements_pick_one_false_and_one_true_about_different_facts():
    candidates = [
        question(
            "The mill opened in 1901.", "False", 0.9, kind="true_false", fact=("s", "F", "mill")
        ),
        question(
            "The mill opened in 1900.", "True", 0.8, kind="true_false", fact=("s", "T", "mill")
        ),
        question("Ada Park ran the mill.", "True", 0.7, kind="true_false", fact=("s", "T", "park")),
    ]
    picked = statements(candidates, 2)
    assert [q.answer for q in picked] == ["False", "True"]
    assert picked[1].prompt == "Ada Park ran the mill."
    assert len(statements(candidates, 1)) == 1


def test_a_mix_of_kinds_is_published():
    questions = [
        *many(10, score=0.95),
        question("The tower fell in 1903.", "False", 0.7, kind="true_false"),
        question(
            "_____ built the bridge.",
            "Cora Lin",
            0.7,
            kind="cloze",
            source="Cora Lin built the bridge.",
        ),
    ]
    kinds = {q.kind for q in published(select(questions, words=100, threshold=0.6))}
    assert kinds == {"short_answer", "true_false", "cloze"}


def test_multiple_choice_on_an_answer_wins_over_typing_it_and_asks_it_as_a_question():
    # Two forms of each fact compete for one answer: the choice, asked as a question
    # (which counts as asked and as chosen), is published before the typed form.
    questions = []
    for i in range(10):
        answer = f"Builder Number{i}"
        ask = f"Who built tower {i}?"
        questions.append(question(ask, answer, 0.9, source=ask))
        questions.append(question(ask, answer, 0.7, kind="multiple_choice", source=ask))
        blank = f"Tower {i} was built by _____."
        questions.append(question(blank, answer, 0.72, kind="multiple_choice", source=ask))
    chosen = published(select(questions, words=200, threshold=0.6))
    choices = [q for q in chosen if q.kind == "multiple_choice"]
    assert choices, [q.prompt for q in chosen]
    assert all(q.prompt.startswith("Who") for q in choices)
