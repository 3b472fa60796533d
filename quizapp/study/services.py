"""Writes for studying: flashcard reviews, quiz attempts and answers, the memory model.

Every function takes keyword arguments only and runs in one transaction. Rows that
concurrent requests could both change (an attempt, a memory state) are locked first, so
a double click, a retried POST or two tabs can never record an answer twice.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import wraps

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from quizapp.compiled import CompiledQuery, Id
from quizapp.content.models import Document, Flashcard, Question, Section, Status

from . import scheduling, selectors
from .exceptions import (
    AttemptClosed,
    AttemptLimitReached,
    InvalidAnswer,
    InvalidRating,
    ItemUnavailable,
    QuestionNotInAttempt,
    QuizEmpty,
    TimeUp,
)
from .models import Attempt, MemoryState, Quiz, Response, ReviewLog

DOCUMENT_QUIZ_QUESTIONS = 10
MAX_DURATION_MS = 60 * 60 * 1000  # longer than an hour means the tab was left open


def _desired_retention() -> float:
    return float(getattr(settings, "QUIZAPP_DESIRED_RETENTION", 0.9))


def _clean_duration(duration_ms) -> int | None:
    """A review's duration in ms, or None when it is missing or not believable."""
    try:
        value = int(duration_ms)
    except (TypeError, ValueError):
        return None
    if value < 0:
        return None
    return min(value, MAX_DURATION_MS)


def _locked_state_query(item_field: str) -> CompiledQuery:
    """A student's memory state of one item (by `item_field`), under its row lock."""
    return CompiledQuery(
        lambda student, item: (
            MemoryState.objects.filter(student_id=student, **{item_field: item})
            .order_by()
            .select_for_update()
        ),
        student=Id,
        item=Id,
    )


# Every rating and every answer reads one memory state under its lock: compiled once.
_LOCKED_CARD_STATE = _locked_state_query("flashcard_id")
_LOCKED_QUESTION_STATE = _locked_state_query("question_id")


def _locked_state(*, student_id: int, flashcard=None, question=None) -> MemoryState | None:
    """The student's memory state for one item, locked until the transaction ends."""
    if flashcard is not None:
        return _LOCKED_CARD_STATE.first(student=student_id, item=flashcard.pk)
    return _LOCKED_QUESTION_STATE.first(student=student_id, item=question.pk)


def once_more_on_conflict(service):
    """Run a write service a second time if it lost a race to create a row.

    Two first reviews of one item at the same moment (two tabs, two quizzes sharing a
    question) both find no memory state and both insert one; the unique constraint stops
    the second, whose transaction rolls back whole, and its second run finds the state.
    That costs nothing on the usual path, unlike a savepoint around every first review.
    Put it outside `transaction.atomic`, so each run is its own transaction (or savepoint).
    """

    @wraps(service)
    def wrapper(*args, **kwargs):
        try:
            return service(*args, **kwargs)
        except IntegrityError:
            return service(*args, **kwargs)

    return wrapper


_NOT_READ = object()  # `_apply_rating` reads the memory state itself


def _apply_rating(
    *,
    student_id: int,
    rating: int,
    now: datetime,
    duration_ms,
    source: str,
    flashcard=None,
    question=None,
    state=_NOT_READ,
) -> MemoryState:
    """Move one item's memory state through FSRS and log the review, under a row lock.

    `state` is the item's state (or None) when the caller has locked and read it. A new state
    is inserted without a savepoint: callers run again should a concurrent insert win (see
    `once_more_on_conflict`).
    """
    if state is _NOT_READ:
        state = _locked_state(student_id=student_id, flashcard=flashcard, question=question)
    fields = scheduling.review(
        state, rating=rating, now=now, desired_retention=_desired_retention()
    )
    if state is None:
        state = MemoryState(student_id=student_id, flashcard=flashcard, question=question)
    _copy_fields(state, fields)
    state.full_clean(
        exclude=["student", "flashcard", "question"],
        validate_unique=False,
        validate_constraints=False,
    )
    state.save()
    ReviewLog.objects.create(
        student_id=student_id,
        flashcard=flashcard,
        question=question,
        rating=rating,
        reviewed_at=now,
        duration_ms=_clean_duration(duration_ms),
        source=source,
    )
    return state


def _copy_fields(state: MemoryState, fields: scheduling.MemoryFields) -> None:
    state.state = fields.state
    state.step = fields.step
    state.stability = fields.stability
    state.difficulty = fields.difficulty
    state.due = fields.due
    state.last_review = fields.last_review


@once_more_on_conflict
@transaction.atomic
def record_review(
    *,
    student,
    flashcard: Flashcard,
    rating: int,
    duration_ms: int | None = None,
    now=None,
    shown_at: datetime | None = None,
) -> MemoryState:
    """Rate one flashcard (1 Again, 2 Hard, 3 Good, 4 Easy): update its FSRS state, log it.

    `shown_at` is when the card was put in front of the student. A rating for a card that
    has been rated since then is a repeat of the same press (double click, retried POST,
    second tab) and returns the state unchanged instead of counting twice.
    """
    now = now or timezone.now()
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        raise InvalidRating() from None
    if rating not in scheduling.RATING_LABELS:
        raise InvalidRating()
    if flashcard.status != Status.PUBLISHED:
        raise ItemUnavailable()
    state = _locked_state(student_id=student.pk, flashcard=flashcard)
    if shown_at and state is not None and state.last_review and state.last_review >= shown_at:
        return state
    return _apply_rating(
        student_id=student.pk,
        flashcard=flashcard,
        rating=rating,
        now=now,
        duration_ms=duration_ms,
        source=ReviewLog.Source.FLASHCARD,
        state=state,
    )


def set_live_seconds(*, quiz: Quiz, seconds: int) -> None:
    """Make `seconds` the quiz's time per question in live games. The field's validators
    decide what is allowed (a ValidationError names the bounds); nothing else is written."""
    seconds = Quiz._meta.get_field("live_seconds").clean(seconds, quiz)
    Quiz.objects.filter(pk=quiz.pk).update(live_seconds=seconds)
    quiz.live_seconds = seconds


@transaction.atomic
def start_fixed_attempt(*, student, quiz: Quiz, question_ids: list[int], now=None) -> Attempt:
    """A new attempt at `quiz` over these questions in this order, shown without shuffling.

    For a quiz a teacher runs live: the game fixes the questions for everyone, and its
    attempts do not count against the quiz's limit. Answers go through `answer_question`
    like any others, so they feed the memory model and the class report.
    """
    now = now or timezone.now()
    for _ in range(2):
        used = Attempt.objects.filter(quiz=quiz, student=student).count()
        attempt = Attempt(
            quiz=quiz,
            student=student,
            number=used + 1,
            question_ids=list(question_ids),
            started_at=now,
            max_score=len(question_ids),
            shuffle=False,
            feedback=Quiz.Feedback.EACH,
        )
        attempt.full_clean(validate_unique=False, validate_constraints=False)
        try:
            with transaction.atomic():
                attempt.save()
            return attempt
        except IntegrityError:
            continue  # another attempt took the number a moment ago: count again
    raise IntegrityError("Could not number a new attempt.")


def _draw_question_ids(quiz: Quiz) -> list[int]:
    """The questions for a new attempt, in the order the student will see them."""
    ids = list(selectors.quiz_question_ids([quiz])[quiz.pk])
    if quiz.shuffle:
        random.shuffle(ids)
    if quiz.question_count:
        ids = ids[: quiz.question_count]
    return ids


@transaction.atomic
def start_attempt(*, student, quiz: Quiz, now=None) -> tuple[Attempt, bool]:
    """Start an attempt at `quiz`, or return the student's open one: (attempt, created).

    An open attempt whose time ran out is finished first. Raises AttemptLimitReached when
    the quiz allows no more attempts and QuizEmpty when it has no published questions.
    """
    now = now or timezone.now()
    attempts = Attempt.objects.select_for_update().filter(quiz=quiz, student=student)
    open_attempt = attempts.filter(finished_at__isnull=True).order_by("-number").first()
    if open_attempt is not None:
        if not open_attempt.is_expired(now):
            return open_attempt, False
        _finish_locked(open_attempt, now=now)
    used = attempts.count()
    if quiz.max_attempts and used >= quiz.max_attempts:
        raise AttemptLimitReached(
            f"You have used all {quiz.max_attempts} attempt(s) this quiz allows."
        )
    question_ids = _draw_question_ids(quiz)
    if not question_ids:
        raise QuizEmpty()
    attempt = Attempt(
        quiz=quiz,
        student=student,
        number=used + 1,
        question_ids=question_ids,
        started_at=now,
        deadline=now + timedelta(seconds=quiz.time_limit_seconds)
        if quiz.time_limit_seconds
        else None,
        max_score=len(question_ids),
        shuffle=quiz.shuffle,
        feedback=quiz.feedback,
    )
    attempt.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            attempt.save()
    except IntegrityError:
        # Another request started the same attempt number a moment ago: use that one.
        existing = attempts.filter(finished_at__isnull=True).order_by("-number").first()
        if existing is None:
            raise
        return existing, False
    return attempt, True


def grade_answer(question: Question, *, answer_text: str, choice_id):
    """(is_correct, chosen choice, cleaned typed text), or InvalidAnswer naming what to fix.

    The one rule of a right answer, for quizzes and live games alike: the chosen option is
    right, or the typed text matches the answer leniently (`grading.grade_typed_answer`).
    `question` carries its choices.
    """
    if question.has_choices:
        try:
            choice_pk = int(choice_id)
        except (TypeError, ValueError):
            raise InvalidAnswer("Choose one of the options, then submit.") from None
        choice = next((c for c in question.choices.all() if c.pk == choice_pk), None)
        if choice is None:
            raise InvalidAnswer("That option is not part of this question. Choose another.")
        return choice.is_correct, choice, ""
    from .grading import grade_typed_answer

    text = (answer_text or "").strip()
    if not text:
        raise InvalidAnswer("Type an answer in the box, then submit.")
    if len(text) > 500:
        raise InvalidAnswer("That answer is too long: keep it under 500 characters.")
    correct = grade_typed_answer(
        given=text, answer=question.answer, alternatives=list(question.alternatives or [])
    )
    return correct, None, text


@dataclass(frozen=True)
class Answered:
    """An answer recorded (or found recorded) for one question of an attempt.

    `attempt` carries its quiz and is finished when that was its last question;
    `response.question` carries its choices; `created` is False when the question had
    been answered already and `response` is that first answer. `next_question` is the
    question the attempt asks next, with its choices, when the service read it.
    """

    attempt: Attempt
    response: Response
    created: bool
    next_question: Question | None = None


def answer_question(
    *,
    student,
    attempt_id: int,
    question_id: int,
    answer_text: str = "",
    choice_id: int | None = None,
    choice_place: int | None = None,
    duration_ms=None,
    now=None,
) -> Answered:
    """Record the student's answer to one question of their attempt, once, and feed memory.

    The option is named by its id (`choice_id`) or by its 1-based place in the order the
    attempt shows them (`choice_place`, see `Attempt.shown_choices`). A second answer to
    the same question returns the first unchanged. The attempt is finished when this was
    its last question. Raises Attempt.DoesNotExist for someone else's attempt,
    QuestionNotInAttempt, Question.DoesNotExist for a question deleted since it was shown,
    AttemptClosed, TimeUp past the deadline (`now` should be when the request arrived) and
    InvalidAnswer for an unreadable answer.
    """
    now = now or timezone.now()
    arguments = {
        "student_id": student.pk,
        "attempt_id": attempt_id,
        "question_id": question_id,
        "answer_text": answer_text,
        "choice_id": choice_id,
        "choice_place": choice_place,
        "duration_ms": duration_ms,
        "now": now,
    }
    try:
        return _answer_once(**arguments)
    except IntegrityError:
        # The unique constraint on (attempt, question) refused a second answer, or a
        # concurrent first answer to the same item created its memory state. Either way
        # the transaction rolled back whole: return the first answer, else run again.
        first = _first_answer(student_id=student.pk, attempt_id=attempt_id, question_id=question_id)
        return first if first is not None else _answer_once(**arguments)


@transaction.atomic
def _answer_once(
    *, student_id, attempt_id, question_id, answer_text, choice_id, choice_place, duration_ms, now
) -> Answered:
    attempt = selectors.student_attempt(attempt_id=attempt_id, student_id=student_id, lock=True)
    if attempt is None:
        raise Attempt.DoesNotExist(f"Attempt {attempt_id} is not this student's.")
    if question_id not in attempt.question_ids:
        raise QuestionNotInAttempt()
    if question_id in attempt.answered_ids:
        first = _first_answer(attempt=attempt, question_id=question_id)
        if first is not None:
            return first
    if attempt.is_finished or attempt.is_expired(now):
        raise AttemptClosed() if attempt.is_finished else TimeUp()
    # The question answered and the one the student sees next, checked in one query.
    upcoming = [pk for pk in attempt.unanswered_ids() if pk != question_id][:1]
    questions = selectors.questions_with_choices(question_ids=[question_id, *upcoming])
    question = questions.get(question_id)
    if question is None:
        raise Question.DoesNotExist(f"Question {question_id} no longer exists.")
    if choice_place is not None:
        shown = attempt.shown_choices(question)
        choice_id = shown[choice_place - 1].pk if 1 <= choice_place <= len(shown) else 0
    is_correct, choice, text = grade_answer(question, answer_text=answer_text, choice_id=choice_id)
    response = Response(
        attempt=attempt,
        question=question,
        choice=choice,
        answer_text=text,
        is_correct=is_correct,
        answered_at=now,
        duration_ms=_clean_duration(duration_ms),
    )
    response.full_clean(
        exclude=["attempt", "question", "choice"], validate_unique=False, validate_constraints=False
    )
    # No savepoint: under the attempt's lock `answered_ids` already turned away a second
    # answer, and should it miss one, `response_once` refuses it and rolls the whole
    # transaction back (see answer_question).
    response.save()
    _apply_rating(
        student_id=student_id,
        question=question,
        rating=scheduling.GOOD if is_correct else scheduling.AGAIN,
        now=now,
        duration_ms=duration_ms,
        source=ReviewLog.Source.QUIZ,
    )
    attempt.answered_ids = [*attempt.answered_ids, question_id]
    if not attempt.unanswered_ids():
        _finish_locked(attempt, now=now)
    else:
        attempt.save(update_fields=["answered_ids"])
    next_question = questions.get(upcoming[0]) if upcoming else None
    return Answered(attempt=attempt, response=response, created=True, next_question=next_question)


def _first_answer(
    *, question_id: int, attempt: Attempt | None = None, student_id=None, attempt_id=None
) -> Answered | None:
    """The answer already recorded for the question, as `answer_question` returns it."""
    if attempt is None:
        attempt = selectors.student_attempt(attempt_id=attempt_id, student_id=student_id)
        if attempt is None:
            return None
    response = (
        Response.objects.select_related("choice")
        .filter(attempt=attempt, question_id=question_id)
        .first()
    )
    if response is None:
        return None
    question = selectors.question_with_choices(question_id=question_id)
    if question is not None:
        response.question = question
    return Answered(attempt=attempt, response=response, created=False)


def _finish_locked(attempt: Attempt, *, now: datetime) -> Attempt:
    if attempt.is_finished:
        return attempt
    attempt.score = attempt.responses.filter(is_correct=True).count()
    # Past the time limit the attempt ended at its deadline, whenever it is noticed.
    attempt.finished_at = min(now, attempt.deadline) if attempt.deadline else now
    attempt.save(update_fields=["score", "finished_at", "answered_ids"])
    return attempt


@transaction.atomic
def finish_attempt(*, attempt: Attempt, now=None) -> Attempt:
    """Finish the attempt and fix its score; finishing a finished attempt changes nothing."""
    now = now or timezone.now()
    locked = (
        Attempt.objects.select_for_update(of=("self",)).select_related("quiz").get(pk=attempt.pk)
    )
    return _finish_locked(locked, now=now)


def finish_if_expired(*, attempt: Attempt, now: datetime) -> tuple[Attempt, bool]:
    """(the attempt, True) finished at its deadline if its time ran out, else (it, False)."""
    if attempt.is_finished or not attempt.is_expired(now):
        return attempt, False
    return finish_attempt(attempt=attempt, now=now), True


@transaction.atomic
def quiz_for_document(*, document: Document, section: Section | None = None) -> Quiz:
    """The practice quiz of a document, or of one of its sections: 10 shuffled questions
    drawn from its published ones, made on first use.

    A section's quiz is titled "<document>: <heading>"; when a later ingest renames the
    heading, the title follows the next time the quiz is asked for. A quiz whose section
    left the document keeps its attempts and draws from the whole document until a section
    takes its place again.
    """
    if section is None:
        slug, title = f"{document.slug[:195]}-quiz", f"Quiz: {document.title}"
    elif section.document_id != document.pk:
        raise ValueError(f"Section {section.pk} is not a section of document {document.pk}.")
    else:
        # Ends in digits, so it never equals a document quiz's slug (which ends in "-quiz").
        slug = f"{document.slug[:189]}-quiz-{section.position}"
        title = f"{document.title}: {section.heading}"
    quiz, created = Quiz.objects.get_or_create(
        slug=slug,
        defaults={
            "title": title[:200],
            "document": document,
            "section": section,
            "question_count": DOCUMENT_QUIZ_QUESTIONS,
            "shuffle": True,
            "feedback": Quiz.Feedback.EACH,
        },
    )
    if not created and section is not None:
        # A renamed heading retitles the quiz; a section back after a later ingest (its
        # row new) takes its quiz back.
        changed = {"title": title[:200], "section": section}
        changed = {f: v for f, v in changed.items() if getattr(quiz, f) != v}
        if changed:
            for field, value in changed.items():
                setattr(quiz, field, value)
            quiz.save(update_fields=list(changed))
    return quiz
