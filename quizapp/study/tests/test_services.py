from datetime import timedelta

import pytest
from django.utils import timezone

from quizapp.content.models import Question, Status
from quizapp.study import services
from quizapp.study.exceptions import (
    AttemptClosed,
    AttemptLimitReached,
    InvalidAnswer,
    InvalidRating,
    QuizEmpty,
    TimeUp,
)
from quizapp.study.models import Attempt, MemoryState, Quiz, Response, ReviewLog
from quizapp.study.tests.factories import QuizFactory, answer, answer_right


def test_record_review_creates_state_and_logs(student, document):
    card = document.flashcards.first()
    now = timezone.now()
    state = services.record_review(
        student=student, flashcard=card, rating=3, duration_ms=4200, now=now
    )
    assert state.last_review == now and state.due > now
    state = services.record_review(
        student=student, flashcard=card, rating=1, now=now + timedelta(minutes=20)
    )
    assert MemoryState.objects.filter(student=student).count() == 1
    logs = list(
        ReviewLog.objects.filter(student=student).values_list("rating", "duration_ms", "source")
    )
    assert logs == [(3, 4200, "flashcard"), (1, None, "flashcard")]


def test_record_review_refuses_bad_rating_and_draft(student, document):
    card = document.flashcards.first()
    with pytest.raises(InvalidRating):
        services.record_review(student=student, flashcard=card, rating=7)
    card.status = Status.DRAFT
    card.save()
    with pytest.raises(Exception, match="not published"):
        services.record_review(student=student, flashcard=card, rating=3)
    assert not ReviewLog.objects.exists()


def test_start_attempt_draws_published_questions_and_reuses_open_one(student, document, quiz):
    attempt, _ = services.start_attempt(student=student, quiz=quiz)
    assert attempt.max_score == 4 and attempt.number == 1
    assert services.start_attempt(student=student, quiz=quiz) == (attempt, False)


def test_start_attempt_hand_picked_and_count(student, document):
    questions = list(Question.objects.order_by("id"))
    quiz = QuizFactory(slug="hp", title="HP", question_count=2, questions=questions[::-1])
    attempt, _ = services.start_attempt(student=student, quiz=quiz)
    assert attempt.question_ids == [questions[-1].pk, questions[-2].pk]


def test_start_attempt_limits(student, document, quiz):
    quiz.max_attempts = 1
    quiz.save()
    attempt, _ = services.start_attempt(student=student, quiz=quiz)
    services.finish_attempt(attempt=attempt)
    with pytest.raises(AttemptLimitReached, match="all 1 attempt"):
        services.start_attempt(student=student, quiz=quiz)


def test_empty_quiz(student):
    with pytest.raises(QuizEmpty):
        services.start_attempt(student=student, quiz=QuizFactory(slug="e", title="E"))


def test_submit_answer_counts_once_and_feeds_memory(student, document, quiz):
    attempt, _ = services.start_attempt(student=student, quiz=quiz)
    question = Question.objects.get(pk=attempt.question_ids[0])
    first = answer_right(attempt, question)
    wrong_choice = question.choices.filter(is_correct=False).first()
    second = answer(attempt, question, choice=wrong_choice)
    assert first.pk == second.pk and second.is_correct
    assert Response.objects.count() == 1
    assert ReviewLog.objects.get().rating == 3
    state = MemoryState.objects.get(student=student, question=question)
    assert state.last_review is not None


def test_wrong_typed_answer_rates_again(student, document, quiz):
    attempt, _ = services.start_attempt(student=student, quiz=quiz)
    question = Question.objects.get(kind=Question.Kind.SHORT_ANSWER)
    response = answer(attempt, question, answer_text="Mindaugas")
    assert not response.is_correct
    assert ReviewLog.objects.get().rating == 1


def test_lenient_typed_answer(student, document, quiz):
    attempt, _ = services.start_attempt(student=student, quiz=quiz)
    question = Question.objects.get(kind=Question.Kind.SHORT_ANSWER)
    response = answer(attempt, question, answer_text="gedimnas")
    assert response.is_correct


@pytest.mark.parametrize(
    ("kind", "kwargs", "message"),
    [
        ("multiple_choice", {}, "Choose one of the options"),
        ("multiple_choice", {"choice_id": 999999}, "not part of this question"),
        ("cloze", {"answer_text": "  "}, "Type an answer"),
    ],
)
def test_invalid_answers(student, document, quiz, kind, kwargs, message):
    attempt, _ = services.start_attempt(student=student, quiz=quiz)
    question = Question.objects.get(kind=kind)
    with pytest.raises(InvalidAnswer, match=message):
        answer(attempt, question, **kwargs)
    assert not Response.objects.exists() and not ReviewLog.objects.exists()


def test_finished_attempt_refuses_answers(student, document, quiz):
    attempt, _ = services.start_attempt(student=student, quiz=quiz)
    services.finish_attempt(attempt=attempt)
    question = Question.objects.get(pk=attempt.question_ids[0])
    with pytest.raises(AttemptClosed, match="finished"):
        answer_right(attempt, question)


def test_time_limit_enforced_with_request_time(student, document, quiz):
    quiz.time_limit_seconds = 60
    quiz.save()
    start = timezone.now()
    attempt, _ = services.start_attempt(student=student, quiz=quiz, now=start)
    q1, q2 = (Question.objects.get(pk=pk) for pk in attempt.question_ids[:2])
    answer_right(attempt, q1, now=start + timedelta(seconds=59))
    with pytest.raises(TimeUp):
        answer_right(attempt, q2, now=start + timedelta(seconds=61))
    finished = services.finish_attempt(attempt=attempt, now=start + timedelta(hours=1))
    assert finished.score == 1
    assert finished.finished_at == attempt.deadline


def test_expired_open_attempt_is_finished_when_starting_again(student, document, quiz):
    quiz.time_limit_seconds = 60
    quiz.save()
    start = timezone.now()
    first, _ = services.start_attempt(student=student, quiz=quiz, now=start)
    second, _ = services.start_attempt(student=student, quiz=quiz, now=start + timedelta(minutes=5))
    assert second.number == 2
    first.refresh_from_db()
    assert first.is_finished and first.score == 0


def test_finish_is_idempotent_and_scores(student, document, quiz):
    attempt, _ = services.start_attempt(student=student, quiz=quiz)
    for pk in attempt.question_ids[:3]:
        answer_right(attempt, Question.objects.get(pk=pk))
    first = services.finish_attempt(attempt=attempt)
    again = services.finish_attempt(attempt=attempt, now=timezone.now() + timedelta(days=1))
    assert (
        (first.score, first.finished_at)
        == (again.score, again.finished_at)
        == (3, first.finished_at)
    )
    assert Attempt.objects.filter(finished_at__isnull=False).count() == 1


def test_quiz_for_document_is_made_once(document):
    quiz = services.quiz_for_document(document=document)
    assert quiz.slug == "vilnius-quiz" and quiz.question_count == 10 and quiz.shuffle
    assert services.quiz_for_document(document=document) == quiz


def test_the_last_answer_sent_twice_returns_the_first(student, document, quiz):
    attempt, _ = services.start_attempt(student=student, quiz=quiz)
    questions = [Question.objects.get(pk=pk) for pk in attempt.question_ids]
    for question in questions:
        answer_right(attempt, question)
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.answered_count == len(questions)
    again = services.answer_question(
        student=student, attempt_id=attempt.pk, question_id=questions[-1].pk, answer_text="x"
    )
    assert not again.created and again.response.is_correct
    assert Response.objects.count() == len(questions)


def test_an_option_by_its_shown_place_or_by_its_id(student, document, quiz):
    attempt, _ = services.start_attempt(student=student, quiz=quiz)
    mc = Question.objects.get(kind=Question.Kind.MULTIPLE_CHOICE)
    tf = Question.objects.get(kind=Question.Kind.TRUE_FALSE)
    shown = attempt.shown_choices(mc)
    by_place = services.answer_question(
        student=student, attempt_id=attempt.pk, question_id=mc.pk, choice_place=2
    )
    assert by_place.created and by_place.response.choice == shown[1]
    by_id = answer(attempt, tf, choice=tf.correct_choice)
    assert by_id.choice == tf.choices.get(is_correct=True) and by_id.is_correct


def test_someone_elses_attempt_or_question_is_refused(student, other_student, document, quiz):
    attempt, _ = services.start_attempt(student=student, quiz=quiz)
    question = Question.objects.get(pk=attempt.question_ids[0])
    with pytest.raises(Attempt.DoesNotExist):
        services.answer_question(
            student=other_student, attempt_id=attempt.pk, question_id=question.pk
        )
    with pytest.raises(InvalidAnswer, match="not part of this attempt"):
        services.answer_question(student=student, attempt_id=attempt.pk, question_id=10**6)
    assert not Response.objects.exists()


def test_an_attempt_keeps_the_rules_it_started_with(student, document, quiz):
    attempt, _ = services.start_attempt(student=student, quiz=quiz)
    assert attempt.reveals_answers and not attempt.shuffle
    quiz.feedback, quiz.shuffle = Quiz.Feedback.END, True
    quiz.save()
    mc = Question.objects.get(kind=Question.Kind.MULTIPLE_CHOICE)
    under_way = Attempt.objects.get(pk=attempt.pk)
    assert under_way.reveals_answers and under_way.shown_choices(mc) == list(mc.choices.all())
    services.finish_attempt(attempt=attempt)
    later, _ = services.start_attempt(student=student, quiz=quiz)
    assert not later.reveals_answers and later.shuffle


def test_options_keep_their_order_unless_the_quiz_shuffles(student, document, quiz):
    attempt, _ = services.start_attempt(student=student, quiz=quiz)
    mc = Question.objects.get(kind=Question.Kind.MULTIPLE_CHOICE)
    stored = list(mc.choices.all())
    assert attempt.shown_choices(mc) == stored
    quiz.shuffle = True
    quiz.save()
    orders = set()
    for _ in range(8):
        services.finish_attempt(attempt=attempt)
        attempt, _ = services.start_attempt(student=student, quiz=quiz)
        shown = attempt.shown_choices(mc)
        assert shown == attempt.shown_choices(mc) and sorted(shown, key=stored.index) == stored
        orders.add(tuple(c.pk for c in shown))
    assert len(orders) > 1


def test_a_quizs_live_seconds_stay_within_bounds(db):
    from django.core.exceptions import ValidationError

    quiz = QuizFactory(title="Paris", questions=[])
    services.set_live_seconds(quiz=quiz, seconds=60)
    quiz.refresh_from_db()
    assert quiz.live_seconds == 60
    with pytest.raises(ValidationError, match="less than or equal to 300"):
        services.set_live_seconds(quiz=quiz, seconds=600)
    quiz.refresh_from_db()
    assert quiz.live_seconds == 60
