"""Reads for classes: a teacher's classes and the class report (a fixed number of queries).

The report crosses students with assignments (score, completion, mastery) and analyses
each question the class answered the way Moodle's quiz statistics do:

- facility: the share of answers that were right;
- discrimination index: the correlation between getting this question right and the score
  on the rest of the quiz (Moodle's "discrimination index"), from each student's first
  finished attempt; it needs at least two students and some spread, otherwise it is None;
- distractor counts: how often each choice was picked.

A question is flagged for review when its facility is under 0.2 or its discrimination is
negative (stronger students got it wrong more often than weaker ones).
"""

from __future__ import annotations

import math
import operator
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import NamedTuple

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    When,
)
from django.utils import timezone

from quizapp.content.models import Choice, Flashcard, Question, Status
from quizapp.dbfunctions import EpochSeconds
from quizapp.study.models import Attempt, MemoryState, Response
from quizapp.study.scheduling import recall_from_seconds
from quizapp.study.selectors import quiz_question_ids

from .models import Assignment, Classroom, Enrollment

FLAG_FACILITY = 0.2


def classrooms_for_teacher(*, teacher) -> QuerySet[Classroom]:
    """The classes `teacher` runs, with student and assignment counts."""
    return (
        Classroom.objects.filter(teacher=teacher)
        .annotate(
            student_count=Count("enrollments", distinct=True),
            assignment_count=Count("assignments", distinct=True),
        )
        .order_by("name")
    )


def classrooms_for_student(*, student) -> QuerySet[Classroom]:
    """The classes `student` is enrolled in."""
    return Classroom.objects.filter(enrollments__student=student).select_related("teacher")


# --- The report ---------------------------------------------------------------


@dataclass
class Cell:
    """One student's standing on one assignment."""

    score: float | None  # share right on the best finished attempt; None for decks/no attempt
    completion: float  # 0 to 1
    mastery: float  # mean predicted recall now of the assignment's items, unseen items as 0
    attempts: int = 0


@dataclass
class StudentRow:
    """A student and their cells, in the report's assignment order."""

    student: object
    cells: list[Cell]

    @property
    def name(self) -> str:
        return self.student.get_full_name() or self.student.get_username()

    @property
    def mean_score(self) -> float | None:
        scores = [c.score for c in self.cells if c.score is not None]
        return sum(scores) / len(scores) if scores else None

    @property
    def mean_completion(self) -> float:
        return sum(c.completion for c in self.cells) / len(self.cells) if self.cells else 0.0

    @property
    def mean_mastery(self) -> float:
        return sum(c.mastery for c in self.cells) / len(self.cells) if self.cells else 0.0


@dataclass
class DistractorCount:
    choice: Choice
    picked: int


@dataclass
class QuestionStats:
    """Item analysis of one question over the class's first finished attempts."""

    question: Question
    answered: int
    right: int
    facility: float | None
    discrimination: float | None
    choices: list[DistractorCount] = field(default_factory=list)

    @cached_property
    def flags(self) -> list[str]:
        """Why this question needs a look, in words for the teacher."""
        reasons = []
        if self.facility is not None and self.facility < FLAG_FACILITY:
            reasons.append("fewer than 1 in 5 got it right")
        if self.discrimination is not None and self.discrimination < 0:
            reasons.append("stronger students did worse on it than weaker ones")
        return reasons

    @property
    def flagged(self) -> bool:
        return bool(self.flags)

    @property
    def discrimination_text(self) -> str:
        """The index to two places ("0.35", "-0.10"), or "" when there is none."""
        return "" if self.discrimination is None else f"{self.discrimination:.2f}"


@dataclass
class ClassReport:
    classroom: Classroom
    now: datetime
    assignments: list[Assignment]
    rows: list[StudentRow]
    questions: list[QuestionStats]

    @property
    def columns(self) -> list[tuple[Assignment, str]]:
        """Each assignment with the sort key of its column in the report."""
        return [(a, f"a{a.pk}") for a in self.assignments]

    @property
    def flagged_questions(self) -> list[QuestionStats]:
        return [q for q in self.questions if q.flagged]


class _AttemptRow(NamedTuple):
    id: int
    quiz_id: int
    student_id: int
    finished: bool
    score: int | None
    max_score: int
    open_question_ids: list[int] | None  # None once finished


class _AnswerRow(NamedTuple):
    attempt_id: int
    question_id: int
    choice_id: int | None
    is_correct: bool


def class_report(*, classroom: Classroom, now: datetime | None = None) -> ClassReport:
    """Students by assignments, and item analysis of every question the class answered."""
    now = now or timezone.now()
    students = [
        e.student
        for e in Enrollment.objects.filter(classroom=classroom)
        .select_related("student")
        .order_by("student__last_name", "student__first_name", "student__username")
    ]
    student_ids = [s.pk for s in students]
    assignments = list(
        Assignment.objects.filter(classroom=classroom).select_related("quiz", "document")
    )
    quiz_ids = {a.quiz_id for a in assignments if a.quiz_id}

    items = _assignment_items(assignments)
    attempts, responses_by_attempt = _analysed_answers(quiz_ids, student_ids)

    attempts_by_cell = defaultdict(list)
    for attempt in attempts:
        attempts_by_cell[(attempt.student_id, attempt.quiz_id)].append(attempt)

    all_questions = {qid for kind, ids in items.values() if kind == "question" for qid in ids}
    all_cards = {cid for kind, ids in items.values() if kind == "card" for cid in ids}
    recall = _recall_by_student(student_ids, all_questions, all_cards, now)

    rows = []
    for student in students:
        cells = []
        for assignment in assignments:
            kind, ids = items[assignment.pk]
            recalled = recall[student.pk][kind]
            mastery = sum(recalled.get(i, 0.0) for i in ids) / len(ids) if ids else 0.0
            if assignment.quiz_id:
                cells.append(
                    _quiz_cell(
                        attempts_by_cell.get((student.pk, assignment.quiz_id), []),
                        responses_by_attempt,
                        mastery,
                    )
                )
            else:
                seen = sum(1 for i in ids if i in recalled)
                completion = seen / len(ids) if ids else 0.0
                cells.append(Cell(score=None, completion=completion, mastery=mastery))
        rows.append(StudentRow(student=student, cells=cells))

    questions = _item_analysis(attempts, responses_by_attempt)
    return ClassReport(
        classroom=classroom, now=now, assignments=assignments, rows=rows, questions=questions
    )


def _analysed_answers(
    quiz_ids, student_ids
) -> tuple[list[_AttemptRow], dict[int, list[_AnswerRow]]]:
    """The attempts of `student_ids` at `quiz_ids` (lists or subqueries), oldest first, and
    the answers of those the report reads, by attempt id."""
    # Plain rows, not model instances: a class has thousands of attempts and answers.
    attempts: list[_AttemptRow] = list(
        Attempt.objects.filter(quiz_id__in=quiz_ids, student_id__in=student_ids)
        .order_by("started_at", "number")
        .annotate(
            # Whether it is finished, and the questions only of unfinished attempts (for
            # completion): decoding a timestamp and a list for each attempt costs more.
            finished=ExpressionWrapper(Q(finished_at__isnull=False), output_field=BooleanField()),
            open_question_ids=Case(When(finished_at__isnull=True, then=F("question_ids"))),
        )
        .values_list(*_AttemptRow._fields, named=True)
    )
    # The answers the report reads: those of each student's first finished attempt (item
    # analysis) and of unfinished attempts (completion). Later finished attempts only count
    # through their score, so their answers stay in the database. A subquery, not a list of
    # attempt ids: a big class can have thousands of attempts.
    earlier_finished = Attempt.objects.filter(
        quiz_id=OuterRef("quiz_id"),
        student_id=OuterRef("student_id"),
        finished_at__isnull=False,
    ).filter(
        Q(started_at__lt=OuterRef("started_at"))
        | Q(started_at=OuterRef("started_at"), number__lt=OuterRef("number"))
    )
    read = Attempt.objects.filter(quiz_id__in=quiz_ids, student_id__in=student_ids).filter(
        Q(finished_at__isnull=True) | ~Exists(earlier_finished)
    )
    # Answer order does not matter (one answer per question per attempt), so no sort.
    responses_by_attempt: dict[int, list[_AnswerRow]] = defaultdict(list)
    for answer in (
        Response.objects.filter(attempt__in=read)
        .order_by()
        .values_list(*_AnswerRow._fields, named=True)
    ):
        responses_by_attempt[answer.attempt_id].append(answer)
    return attempts, responses_by_attempt


def question_analysis(*, teacher) -> list[QuestionStats]:
    """The item analysis of every question answered in `teacher`'s classes, as the class
    report computes it (a superuser's covers every class), flagged questions first."""
    classrooms = Classroom.objects.all()
    if not teacher.is_superuser:
        classrooms = classrooms.filter(teacher=teacher)
    quiz_ids = Assignment.objects.filter(classroom__in=classrooms, quiz__isnull=False).values(
        "quiz_id"
    )
    student_ids = Enrollment.objects.filter(classroom__in=classrooms).values("student_id")
    return _item_analysis(*_analysed_answers(quiz_ids, student_ids))


def _assignment_items(assignments: list[Assignment]) -> dict[int, tuple[str, list[int]]]:
    """For each assignment, the ids of the items it covers: ("question", ids) or ("card", ids)."""
    questions = quiz_question_ids(a.quiz for a in assignments if a.quiz_id)
    deck_docs = {a.document_id for a in assignments if a.document_id}
    published_cards = defaultdict(list)
    for cid, doc_id in Flashcard.objects.filter(
        document_id__in=deck_docs, status=Status.PUBLISHED
    ).values_list("id", "document_id"):
        published_cards[doc_id].append(cid)

    result = {}
    for a in assignments:
        if a.quiz_id:
            result[a.pk] = ("question", questions[a.quiz_id])
        else:
            result[a.pk] = ("card", published_cards.get(a.document_id, []))
    return result


def _recall_by_student(student_ids, question_ids, card_ids, now):
    """{student id: {"question": {id: recall}, "card": {id: recall}}} for the items studied.

    The same numbers as `recall_probability` on each memory state: whole days since the
    last review (as `timedelta.days` counts them) through the same forgetting curve.
    """
    recall = defaultdict(lambda: {"question": {}, "card": {}})
    if not student_ids or not (question_ids or card_ids):
        return recall
    # Review times as seconds, not datetimes: a class has thousands of states, and only
    # the whole days between the review and `now` are needed.
    states = (
        MemoryState.objects.filter(student_id__in=student_ids)
        .filter(Q(question_id__in=question_ids) | Q(flashcard_id__in=card_ids))
        .order_by()
        .values_list(
            "student_id", "question_id", "flashcard_id", EpochSeconds("last_review"), "stability"
        )
    )
    now_seconds = now.timestamp()
    for student_id, question_id, card_id, reviewed, stability in states:
        # A state with no review yet counts as seen with nothing to recall (0).
        chance = recall_from_seconds(
            now_seconds=now_seconds, reviewed_seconds=reviewed, stability=stability
        )
        if question_id:
            recall[student_id]["question"][question_id] = chance
        else:
            recall[student_id]["card"][card_id] = chance
    return recall


def _share_right(attempt: _AttemptRow) -> float:
    return (attempt.score or 0) / attempt.max_score if attempt.max_score else 0.0


def _quiz_cell(attempts: list[_AttemptRow], responses_by_attempt, mastery: float) -> Cell:
    """One quiz cell from the student's attempts at the quiz, oldest first."""
    finished = [a for a in attempts if a.finished]
    if finished:
        score = max(_share_right(a) for a in finished)
        return Cell(score=score, completion=1.0, mastery=mastery, attempts=len(attempts))
    if attempts:
        latest = attempts[-1]
        total = len(latest.open_question_ids) or 1
        answered = len(responses_by_attempt.get(latest.id, []))
        return Cell(score=None, completion=min(answered / total, 1.0), mastery=mastery, attempts=1)
    return Cell(score=None, completion=0.0, mastery=mastery)


@dataclass
class _Answers:
    """One question's answers in the analysed attempts, gathered in a single pass."""

    items: list[int] = field(default_factory=list)  # 1 right, 0 wrong
    rests: list[int] = field(default_factory=list)  # right answers on the rest of the quiz
    picks: dict[int, int] = field(default_factory=lambda: defaultdict(int))


def _item_analysis(attempts: list[_AttemptRow], responses_by_attempt) -> list[QuestionStats]:
    # Each student's first finished attempt at each quiz, as Moodle analyses by default.
    first: dict[tuple[int, int], int] = {}
    for attempt in attempts:
        if attempt.finished:
            first.setdefault((attempt.quiz_id, attempt.student_id), attempt.id)
    by_question: dict[int, _Answers] = defaultdict(_Answers)
    for attempt_id in first.values():
        answers = responses_by_attempt.get(attempt_id, [])
        total = sum(1 for answer in answers if answer.is_correct)
        for answer in answers:
            data = by_question[answer.question_id]
            item = 1 if answer.is_correct else 0
            data.items.append(item)
            data.rests.append(total - item)
            if answer.choice_id is not None:
                data.picks[answer.choice_id] += 1
    if not by_question:
        return []

    questions = Question.objects.filter(pk__in=by_question).order_by().prefetch_related("choices")
    stats = []
    for question in questions:
        data = by_question[question.pk]
        answered, right = len(data.items), sum(data.items)
        stats.append(
            QuestionStats(
                question=question,
                answered=answered,
                right=right,
                facility=right / answered if answered else None,
                discrimination=_correlation(data.items, data.rests),
                choices=[
                    DistractorCount(c, data.picks.get(c.pk, 0)) for c in question.choices.all()
                ]
                if question.has_choices
                else [],
            )
        )
    # Questions needing attention first, then the hardest.
    stats.sort(key=lambda s: (not s.flagged, s.facility if s.facility is not None else 1.0))
    return stats


def _correlation(xs: list[int], ys: list[int]) -> float | None:
    """Pearson correlation, or None when either side does not vary (nothing to compare).

    From plain sums in one pass each. The inputs are whole numbers (right or wrong, and a
    count of right answers), so the sums, and the test for "does not vary", are exact.
    """
    n = len(xs)
    if n < 2:
        return None
    sx, sy = sum(xs), sum(ys)
    sxx = n * sum(map(operator.mul, xs, xs)) - sx * sx
    syy = n * sum(map(operator.mul, ys, ys)) - sy * sy
    if sxx == 0 or syy == 0:
        return None
    sxy = n * sum(map(operator.mul, xs, ys)) - sx * sy
    return sxy / math.sqrt(sxx * syy)
