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

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import NamedTuple

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from quizapp.content.models import Choice, Flashcard, Question, Status
from quizapp.study.models import Attempt, MemoryState, Response
from quizapp.study.selectors import predicted_recall, quiz_question_ids

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


def assigned_document_ids(student) -> QuerySet:
    """The ids of the documents the student's classes assign (a deck's, or a drawn quiz's
    document), as a one-column query for the UNION of the student's scope."""
    classes = Enrollment.objects.filter(student=student).values("classroom_id")
    return (
        Assignment.objects.filter(classroom_id__in=classes)
        .order_by()
        .values_list(Coalesce("document_id", "quiz__document_id"))
    )


def assignments_for(student) -> QuerySet[Assignment]:
    """Work assigned to the student's classes, soonest due first, with what it points at."""
    return (
        Assignment.objects.filter(classroom__enrollments__student=student)
        .select_related("classroom", "quiz", "document")
        .order_by(F("due_at").asc(nulls_last=True), "title")
        .distinct()
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


class ChoiceShown(NamedTuple):
    """What the report shows of a choice: read as a row, a class answers a thousand."""

    pk: int
    text: str
    is_correct: bool


@dataclass
class DistractorCount:
    choice: ChoiceShown
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
    open_answered_ids: list[int] | None  # None once finished


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
    # The quizzes for the questions they draw; of a deck only its id is needed, not the
    # document's text.
    assignments = list(Assignment.objects.filter(classroom=classroom).select_related("quiz"))
    quiz_ids = {a.quiz_id for a in assignments if a.quiz_id}

    items = _assignment_items(assignments)
    attempts = _attempts(quiz_ids, student_ids)

    attempts_by_cell = defaultdict(list)
    for attempt in attempts:
        attempts_by_cell[(attempt.student_id, attempt.quiz_id)].append(attempt)

    studied = _studied_by_student(student_ids, items, now)

    rows = []
    for student in students:
        cells = []
        for assignment in assignments:
            kind, ids = items[assignment.pk]
            recall_sum, seen = studied.get((student.pk, kind, tuple(ids)), (0.0, 0))
            mastery = recall_sum / len(ids) if ids else 0.0
            if assignment.quiz_id:
                cells.append(
                    _quiz_cell(attempts_by_cell.get((student.pk, assignment.quiz_id), []), mastery)
                )
            else:
                completion = seen / len(ids) if ids else 0.0
                cells.append(Cell(score=None, completion=completion, mastery=mastery))
        rows.append(StudentRow(student=student, cells=cells))

    questions = _item_analysis(attempts)
    return ClassReport(
        classroom=classroom, now=now, assignments=assignments, rows=rows, questions=questions
    )


def _attempts(quiz_ids, student_ids) -> list[_AttemptRow]:
    """The attempts of `student_ids` at `quiz_ids` (lists or subqueries), oldest first."""
    # Plain rows, not model instances: a class has thousands of attempts.
    return list(
        Attempt.objects.filter(quiz_id__in=quiz_ids, student_id__in=student_ids)
        .order_by("started_at", "number")
        .annotate(
            # Whether it is finished, and the questions only of unfinished attempts (for
            # completion): decoding a timestamp and a list for each attempt costs more.
            finished=ExpressionWrapper(Q(finished_at__isnull=False), output_field=BooleanField()),
            # Unfinished attempts count their answers from the list the answer service
            # keeps; finished ones count through their score, and the item analysis sums
            # their answers in the database.
            open_question_ids=Case(When(finished_at__isnull=True, then=F("question_ids"))),
            open_answered_ids=Case(When(finished_at__isnull=True, then=F("answered_ids"))),
        )
        .values_list(*_AttemptRow._fields, named=True)
    )


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
    return _item_analysis(_attempts(quiz_ids, student_ids))


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


def _studied_by_student(
    student_ids, items: dict[int, tuple[str, list[int]]], now: datetime
) -> dict[tuple[int, str, tuple[int, ...]], tuple[float, int]]:
    """{(student id, kind, item ids): (sum of predicted recall at `now`, items studied)}
    for each student and each set of items an assignment covers (see `_assignment_items`).

    Summed in the database, a column per set of items: a class has thousands of memory
    states and the report shows only their sums. A state with no review yet counts as
    studied with nothing to recall (0).
    """
    item_sets = list(dict.fromkeys((kind, tuple(ids)) for kind, ids in items.values() if ids))
    if not student_ids or not item_sets:
        return {}
    lookups = {"question": "question_id__in", "card": "flashcard_id__in"}
    sums = {}
    for index, (kind, ids) in enumerate(item_sets):
        covered = Q(**{lookups[kind]: ids})
        sums[f"recall_{index}"] = Sum("recall", filter=covered)
        if kind == "card":  # a quiz's completion comes from its attempts
            sums[f"seen_{index}"] = Count("pk", filter=covered)
    # Only the students, not the items too: every item is named in a sum already, and a
    # student's states outside them are few next to those of the work assigned.
    rows = (
        MemoryState.objects.filter(student_id__in=student_ids)
        .annotate(recall=predicted_recall(now=now))
        .order_by()
        .values("student_id")
        .annotate(**sums)
        .values_list("student_id", *sums)
    )
    studied = {}
    for row in rows:
        figures = dict(zip(sums, row[1:], strict=True))
        for index, (kind, ids) in enumerate(item_sets):
            recall_sum = figures[f"recall_{index}"] or 0.0
            studied[(row[0], kind, ids)] = (recall_sum, figures.get(f"seen_{index}", 0))
    return studied


def _share_right(attempt: _AttemptRow) -> float:
    return (attempt.score or 0) / attempt.max_score if attempt.max_score else 0.0


def _quiz_cell(attempts: list[_AttemptRow], mastery: float) -> Cell:
    """One quiz cell from the student's attempts at the quiz, oldest first."""
    finished = [a for a in attempts if a.finished]
    if finished:
        score = max(_share_right(a) for a in finished)
        return Cell(score=score, completion=1.0, mastery=mastery, attempts=len(attempts))
    if attempts:
        latest = attempts[-1]
        total = len(latest.open_question_ids) or 1
        completion = min(len(latest.open_answered_ids) / total, 1.0)
        return Cell(score=None, completion=completion, mastery=mastery, attempts=1)
    return Cell(score=None, completion=0.0, mastery=mastery)


class AnswerSums(NamedTuple):
    """Sums over one question's answers picking one choice (or typed), in the analysed
    attempts: x is 1 for a right answer, y the right answers on the rest of the attempt."""

    question_id: int
    choice_id: int | None
    n: int
    sx: int
    sy: int
    syy: int
    sxy: int


# Each answer's "rest of the quiz" needs its attempt's total (a window over the attempt),
# and the ORM cannot aggregate over a window, so the sums are read with SQL: a few rows per
# question instead of every answer.
_ANSWER_SUMS_SQL = """
SELECT question_id, choice_id, COUNT(*), SUM(x), SUM(total - x),
       SUM((total - x) * (total - x)), SUM(x * (total - x))
FROM (
    SELECT {question} AS question_id, {choice} AS choice_id,
           CASE WHEN {is_correct} THEN 1 ELSE 0 END AS x,
           SUM(CASE WHEN {is_correct} THEN 1 ELSE 0 END) OVER (PARTITION BY {attempt}) AS total
    FROM {response}
    WHERE {attempt} {in_ids}
) answers
GROUP BY question_id, choice_id
"""
# Any number of ids as one parameter (a school has tens of thousands of attempts, more
# than SQLite takes parameters): an array on PostgreSQL, a JSON list on SQLite.
_IN_IDS = {
    "postgresql": "= ANY(CAST(%s AS bigint[]))",
    "sqlite": "IN (SELECT value FROM json_each(%s))",
}


def answer_sums(attempt_ids: list[int]) -> list[AnswerSums]:
    """The answers of `attempt_ids` summed by question and choice (see `AnswerSums`)."""
    if not attempt_ids:
        return []
    quote = connection.ops.quote_name
    names = {
        "response": quote(Response._meta.db_table),
        **{
            name: quote(Response._meta.get_field(name).column)
            for name in ("question", "choice", "is_correct", "attempt")
        },
    }
    sql = _ANSWER_SUMS_SQL.format(in_ids=_IN_IDS[connection.vendor], **names)
    ids = attempt_ids if connection.vendor == "postgresql" else json.dumps(attempt_ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, [ids])
        # PostgreSQL sums big integers as numeric: back to int for exact arithmetic.
        return [
            AnswerSums(question_id, choice_id, *map(int, figures))
            for question_id, choice_id, *figures in cursor.fetchall()
        ]


def _item_analysis(attempts: list[_AttemptRow]) -> list[QuestionStats]:
    # Each student's first finished attempt at each quiz, as Moodle analyses by default.
    first: dict[tuple[int, int], int] = {}
    for attempt in attempts:
        if attempt.finished:
            first.setdefault((attempt.quiz_id, attempt.student_id), attempt.id)
    totals: dict[int, list[int]] = {}  # question id -> [n, sx, sy, syy, sxy]
    picks: dict[int, dict[int, int]] = defaultdict(dict)
    for sums in answer_sums(list(first.values())):
        figures = totals.setdefault(sums.question_id, [0, 0, 0, 0, 0])
        for index, value in enumerate(sums[2:]):
            figures[index] += value
        if sums.choice_id is not None:
            picks[sums.question_id][sums.choice_id] = sums.n
    if not totals:
        return []

    questions = Question.objects.filter(pk__in=totals).order_by()
    choices = defaultdict(list)
    for question_id, *shown in Choice.objects.filter(question_id__in=totals).values_list(
        "question_id", "pk", "text", "is_correct"
    ):
        choices[question_id].append(ChoiceShown(*shown))
    stats = []
    for question in questions:
        answered, right, sy, syy, sxy = totals[question.pk]
        chosen = picks.get(question.pk, {})
        stats.append(
            QuestionStats(
                question=question,
                answered=answered,
                right=right,
                facility=right / answered if answered else None,
                # x is 0 or 1, so the sum of its squares is the number right.
                discrimination=correlation_of_sums(answered, right, sy, right, syy, sxy),
                choices=[DistractorCount(c, chosen.get(c.pk, 0)) for c in choices[question.pk]]
                if question.has_choices
                else [],
            )
        )
    # Questions needing attention first, then the hardest.
    stats.sort(key=lambda s: (not s.flagged, s.facility if s.facility is not None else 1.0))
    return stats


def correlation_of_sums(n: int, sx: int, sy: int, sxx: int, syy: int, sxy: int) -> float | None:
    """Pearson correlation from the plain sums of n pairs (x, y), or None when either side
    does not vary (nothing to compare).

    The inputs are whole numbers (right or wrong, and a count of right answers), so the sums,
    and the test for "does not vary", are exact.
    """
    if n < 2:
        return None
    sxx = n * sxx - sx * sx
    syy = n * syy - sy * sy
    if sxx == 0 or syy == 0:
        return None
    sxy = n * sxy - sx * sy
    return sxy / math.sqrt(sxx * syy)
