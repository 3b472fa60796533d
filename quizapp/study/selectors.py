"""Reads for studying: due cards, progress, assignments. Each runs a fixed number of queries."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import connection
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from quizapp import rows
from quizapp.content.models import Choice, Document, Flashcard, Question, Status

from . import scheduling
from .models import Attempt, MemoryState, Quiz, Response, ReviewLog

ACCURACY_DAYS = 30
DUE_DAYS = 14
WEAKEST_COUNT = 5


def _due_flashcards(*, student, document=None, now: datetime):
    """Published flashcards that are new to the student or due, annotated with `state_due`."""
    state_due = MemoryState.objects.filter(student=student, flashcard=OuterRef("pk")).values("due")[
        :1
    ]
    cards = Flashcard.objects.published().annotate(state_due=Subquery(state_due))
    if document is not None:
        cards = cards.filter(document=document)
    return cards.filter(Q(state_due__isnull=True) | Q(state_due__lte=now))


def due_cards(*, student, document=None, now=None):
    """Flashcards to review now: overdue ones first (oldest due first), then new ones."""
    now = now or timezone.now()
    return (
        _due_flashcards(student=student, document=document, now=now)
        .select_related("document")
        .order_by(F("state_due").asc(nulls_last=True), "document_id", "-score", "id")
    )


def due_count(*, student, now=None) -> int:
    """How many flashcards (new or due) the student can review now, in every document."""
    return _due_flashcards(student=student, now=now or timezone.now()).count()


def next_due_at(*, student, document=None, now=None) -> datetime | None:
    """When the student's next flashcard comes due after `now`, or None if none is scheduled."""
    now = now or timezone.now()
    states = MemoryState.objects.filter(
        student=student, flashcard__status=Status.PUBLISHED, due__gt=now
    )
    if document is not None:
        states = states.filter(flashcard__document=document)
    return states.order_by("due").values_list("due", flat=True).first()


@dataclass
class DocumentMastery:
    document: Document
    mastery: float  # mean predicted recall of its published items now, 0 for unstudied ones
    studied: int
    total: int

    @property
    def percent(self) -> int:
        return round(self.mastery * 100)


@dataclass
class DayAccuracy:
    day: date
    correct: int
    total: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass
class DayDue:
    day: date
    count: int


@dataclass
class WeakItem:
    """A studied item the student is most likely to have forgotten."""

    kind: str  # "flashcard" or "question"
    item: Flashcard | Question
    document: Document
    recall: float

    @property
    def text(self) -> str:
        return self.item.front if self.kind == "flashcard" else self.item.prompt

    @property
    def percent(self) -> int:
        return round(self.recall * 100)


@dataclass
class StudentProgress:
    documents: list[DocumentMastery] = field(default_factory=list)
    daily_accuracy: list[DayAccuracy] = field(default_factory=list)
    due_per_day: list[DayDue] = field(default_factory=list)
    streak: int = 0
    weakest: list[WeakItem] = field(default_factory=list)
    reviews_total: int = 0


def _published_states(*, student):
    return (
        MemoryState.objects.filter(student=student)
        .filter(Q(flashcard__status=Status.PUBLISHED) | Q(question__status=Status.PUBLISHED))
        .select_related("flashcard__document", "question__document")
    )


def _streak(days_with_reviews: set[date], today: date) -> int:
    """Consecutive days with a review, ending today (or yesterday, if none yet today)."""
    day = today if today in days_with_reviews else today - timedelta(days=1)
    streak = 0
    while day in days_with_reviews:
        streak += 1
        day -= timedelta(days=1)
    return streak


def student_progress(*, student, now=None) -> StudentProgress:
    """Mastery per document, 30 days of accuracy, 14 days of due reviews, streak, weakest items.

    Predicted recall is computed in Python from the memory states fetched in one query, so
    the page costs the same few queries however many items the student has studied.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    progress = StudentProgress()

    recall_by_doc: dict[int, list[float]] = defaultdict(list)
    due_by_day: dict[date, int] = defaultdict(int)
    weak: list[WeakItem] = []
    stabilities: list[float] = []
    for state in _published_states(student=student):
        recall = scheduling.recall_probability(state, now=now)
        item = state.flashcard or state.question
        kind = "flashcard" if state.flashcard_id else "question"
        recall_by_doc[item.document_id].append(recall)
        weak.append(WeakItem(kind=kind, item=item, document=item.document, recall=recall))
        stabilities.append(state.stability or 0.0)
        if kind == "flashcard":
            due_day = max(timezone.localdate(state.due), today)
            due_by_day[due_day] += 1
    # Ties (items all just reviewed) go to the least stable memory: the one forgotten first.
    stability = {id(w): s for w, s in zip(weak, stabilities, strict=True)}
    weak.sort(key=lambda w: (round(w.recall, 3), stability[id(w)], w.item.pk))
    progress.weakest = weak[:WEAKEST_COUNT]
    progress.due_per_day = [
        DayDue(day=today + timedelta(days=i), count=due_by_day.get(today + timedelta(days=i), 0))
        for i in range(DUE_DAYS)
    ]

    flashcard_count = (
        Flashcard.objects.published()
        .filter(document=OuterRef("pk"))
        .order_by()
        .values("document")
        .annotate(n=Count("pk"))
        .values("n")
    )
    question_count = (
        Question.objects.published()
        .filter(document=OuterRef("pk"))
        .order_by()
        .values("document")
        .annotate(n=Count("pk"))
        .values("n")
    )
    documents = Document.objects.annotate(
        n_cards=Coalesce(Subquery(flashcard_count, output_field=IntegerField()), Value(0)),
        n_questions=Coalesce(Subquery(question_count, output_field=IntegerField()), Value(0)),
    )
    for document in documents:
        total = document.n_cards + document.n_questions
        recalls = recall_by_doc.get(document.pk, [])
        if not total and not recalls:
            continue
        progress.documents.append(
            DocumentMastery(
                document=document,
                mastery=sum(recalls) / max(total, len(recalls)),
                studied=len(recalls),
                total=max(total, len(recalls)),
            )
        )

    start = today - timedelta(days=ACCURACY_DAYS - 1)
    rows = (
        ReviewLog.objects.filter(student=student)
        .annotate(day=TruncDate("reviewed_at"))
        .values("day")
        .annotate(total=Count("pk"), correct=Count("pk", filter=Q(rating__gt=scheduling.AGAIN)))
        .order_by("day")
    )
    by_day = {row["day"]: row for row in rows}
    progress.reviews_total = sum(row["total"] for row in by_day.values())
    progress.daily_accuracy = [
        DayAccuracy(
            day=start + timedelta(days=i),
            correct=by_day.get(start + timedelta(days=i), {}).get("correct", 0),
            total=by_day.get(start + timedelta(days=i), {}).get("total", 0),
        )
        for i in range(ACCURACY_DAYS)
    ]
    progress.streak = _streak(set(by_day), today)
    return progress


def assignments_for(*, student):
    """Work assigned to the student's classes, soonest due first, with what it points at."""
    from quizapp.classes.models import Assignment

    return (
        Assignment.objects.filter(classroom__enrollments__student=student)
        .select_related("classroom", "quiz", "document")
        .order_by(F("due_at").asc(nulls_last=True), "title")
        .distinct()
    )


def student_attempt(*, attempt_id: int, student_id: int, lock: bool = False) -> Attempt | None:
    """The student's attempt with its quiz, or None if it is not theirs or does not exist.

    `lock` takes the attempt's row lock (SELECT ... FOR UPDATE, inside a transaction), as
    answering does. Both requests of every quiz step read it, so it is one hand-written
    query (see `quizapp.rows`).
    """
    a, z = rows.columns(Attempt, "a"), rows.columns(Quiz, "z")
    sql = (
        f"SELECT {a.sql}, {z.sql} FROM {rows.table(Attempt)} a"
        f" INNER JOIN {rows.table(Quiz)} z ON z.id = a.quiz_id"
        " WHERE a.id = %s AND a.student_id = %s"
    )
    if lock:
        sql += rows.for_update("a")
    with connection.cursor() as cursor:
        cursor.execute(sql, [attempt_id, student_id])
        row = cursor.fetchone()
    if row is None:
        return None
    attempt = a.instance(row)
    attempt.quiz = z.instance(row, start=a.width)
    return attempt


def question_with_choices(*, question_id: int) -> Question | None:
    """One question with its choices (in `question.choices.all()`), or None if it is gone.

    Every request of a quiz step reads one question, so this is one hand-written query
    (see `quizapp.rows`): the question joined to its choices, typed questions included.
    """
    q, c = rows.columns(Question, "q"), rows.columns(Choice, "c")
    sql = (
        f"SELECT {q.sql}, {c.sql} FROM {rows.table(Question)} q"
        f" LEFT JOIN {rows.table(Choice)} c ON c.question_id = q.id"
        " WHERE q.id = %s ORDER BY c.position, c.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [question_id])
        found = cursor.fetchall()
    if not found:
        return None
    question = q.instance(found[0])
    choices = []
    for row in found:
        if row[q.width] is None:  # a typed question: the join found no choice
            break
        choice = c.instance(row, start=q.width)
        choice.question = question
        choices.append(choice)
    cache_choices(question, choices)
    return question


def cache_choices(question: Question, choices: list[Choice]) -> None:
    """Hand `question.choices.all()` the rows already read, as prefetch_related would."""
    cached = question.choices.all()
    cached._result_cache = choices
    cached._prefetch_done = True
    question._prefetched_objects_cache = {"choices": cached}


def attempt_questions(*, attempt: Attempt) -> list[Question]:
    """The attempt's questions in its order, with their choices, in two queries."""
    questions = Question.objects.filter(pk__in=attempt.question_ids).prefetch_related("choices")
    by_id = {q.pk: q for q in questions}
    return [by_id[pk] for pk in attempt.question_ids if pk in by_id]


def answered_question_ids(*, attempt_id: int) -> list[int]:
    """The questions of an attempt that have an answer, in no particular order.

    Read by both requests of every quiz step, so in hand-written SQL (see `quizapp.rows`).
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT question_id FROM {rows.table(Response)} WHERE attempt_id = %s", [attempt_id]
        )
        return [question_id for (question_id,) in cursor.fetchall()]


def attempt_responses(*, attempt: Attempt) -> dict[int, Response]:
    """The attempt's responses by question id."""
    return {r.question_id: r for r in attempt.responses.select_related("choice")}


def student_attempts(*, student, quiz: Quiz):
    """The student's attempts at one quiz, newest first."""
    return Attempt.objects.filter(student=student, quiz=quiz).order_by("-number")


def shown_choices(*, attempt: Attempt, question: Question) -> list:
    """The question's choices in an order fixed per attempt, so position never hints.

    Forms post a choice's place in this order (1, 2, ...), not its id: ids follow the
    order a teacher typed the options in, often the right one first. Uses the question's
    prefetched choices when it has them.
    """
    choices = list(question.choices.all())
    random.Random(f"{attempt.pk}:{question.pk}").shuffle(choices)
    return choices
