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
from datetime import UTC, datetime, timedelta
from functools import cached_property

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Field,
    Func,
    OuterRef,
    Q,
    QuerySet,
    When,
)
from django.utils import timezone

from quizapp.content.models import Choice, Flashcard, Question, Status
from quizapp.study.models import Attempt, MemoryState, QuizQuestion, Response
from quizapp.study.scheduling import recall_after, recall_probability

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


def assignments_for_student(*, student) -> QuerySet[Assignment]:
    """Work set for `student` in every class they joined, soonest due first."""
    return (
        Assignment.objects.filter(classroom__enrollments__student=student)
        .select_related("classroom", "quiz", "document")
        .order_by("due_at", "title")
    )


# --- Memory -----------------------------------------------------------------


def retrievability(state: MemoryState, now: datetime) -> float:
    """FSRS predicted probability that the student recalls the item at `now` (0 to 1).

    The study app's own formula, so the report and the student's progress agree.
    """
    return recall_probability(state, now=now)


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
        attempts_by_cell[(attempt[2], attempt[1])].append(attempt)

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


def _analysed_answers(quiz_ids, student_ids) -> tuple[list[tuple], dict[int, list[tuple]]]:
    """The attempts of `student_ids` at `quiz_ids` (lists or subqueries), oldest first, and
    the answers of those the report reads: (attempt rows, {attempt id: [(question id, choice
    id, is_correct)]})."""
    # Plain rows, not model instances: a class has thousands of attempts and answers.
    attempts = list(
        Attempt.objects.filter(quiz_id__in=quiz_ids, student_id__in=student_ids)
        .order_by("started_at", "number")
        .values_list(
            "id",
            "quiz_id",
            "student_id",
            # Whether it is finished, and the questions only of unfinished attempts (for
            # completion): decoding a timestamp and a list for each attempt costs more.
            ExpressionWrapper(Q(finished_at__isnull=False), output_field=BooleanField()),
            "score",
            "max_score",
            Case(When(finished_at__isnull=True, then=F("question_ids")), default=None),
        )
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
    responses_by_attempt = defaultdict(list)
    for attempt_id, question_id, choice_id, is_correct in (
        Response.objects.filter(attempt__in=read)
        .order_by()
        .values_list("attempt_id", "question_id", "choice_id", "is_correct")
    ):
        responses_by_attempt[attempt_id].append((question_id, choice_id, is_correct))
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
    quizzes = [a.quiz for a in assignments if a.quiz_id]
    picked = defaultdict(list)
    for quiz_id, question_id in (
        QuizQuestion.objects.filter(quiz_id__in=[q.pk for q in quizzes])
        .order_by("quiz_id", "position")
        .values_list("quiz_id", "question_id")
    ):
        picked[quiz_id].append(question_id)
    draw_docs = {q.document_id for q in quizzes if q.document_id}
    published_questions = defaultdict(list)
    for qid, doc_id in (
        Question.objects.filter(document_id__in=draw_docs, status=Status.PUBLISHED)
        .order_by("document_id", "-score", "id")
        .values_list("id", "document_id")
    ):
        published_questions[doc_id].append(qid)
    deck_docs = {a.document_id for a in assignments if a.document_id}
    published_cards = defaultdict(list)
    for cid, doc_id in Flashcard.objects.filter(
        document_id__in=deck_docs, status=Status.PUBLISHED
    ).values_list("id", "document_id"):
        published_cards[doc_id].append(cid)

    result = {}
    for a in assignments:
        if a.quiz_id:
            ids = picked.get(a.quiz_id) or published_questions.get(a.quiz.document_id, [])
            result[a.pk] = ("question", ids)
        else:
            result[a.pk] = ("card", published_cards.get(a.document_id, []))
    return result


class _Microseconds(Func):
    """A datetime column as whole microseconds since 1970 UTC (NULL stays NULL).

    Parsing thousands of timestamps sent as text costs more than the rest of the report;
    an integer arrives almost for free, and whole days between two of them are exact.
    Both databases already return an int, so the output field is a plain `Field`: an
    integer field would make Django pass every one of the class's rows through `int()`.
    """

    output_field = Field()
    # SQLite keeps datetimes as UTC text "YYYY-MM-DD HH:MM:SS[.ffffff]"; "%%%%" reaches it as "%".
    template = (
        "(CAST(strftime('%%%%s', %(expressions)s) AS INTEGER) * 1000000"
        " + CAST(substr(%(expressions)s, 21, 6) AS INTEGER))"
    )

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="(EXTRACT(EPOCH FROM %(expressions)s) * 1000000)::bigint",
            **extra_context,
        )


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_DAY_US = 86_400_000_000


def _recall_by_student(student_ids, question_ids, card_ids, now):
    """{student id: {"question": {id: recall}, "card": {id: recall}}} for the items studied.

    The same numbers as `recall_probability` on each memory state: whole days since the
    last review (floored, as `timedelta.days` is) through the same forgetting curve.
    """
    recall = defaultdict(lambda: {"question": {}, "card": {}})
    if not student_ids or not (question_ids or card_ids):
        return recall
    now_us = (now - _EPOCH) // timedelta(microseconds=1)
    states = (
        MemoryState.objects.filter(student_id__in=student_ids)
        .filter(Q(question_id__in=question_ids) | Q(flashcard_id__in=card_ids))
        .order_by()
        .values_list(
            "student_id",
            "question_id",
            "flashcard_id",
            _Microseconds("last_review"),
            "stability",
        )
    )
    for student_id, question_id, card_id, reviewed_us, stability in states:
        if reviewed_us is None or stability is None:
            chance = 0.0  # a state with no review yet: seen, nothing to recall
        else:
            days = (now_us - reviewed_us) // _DAY_US
            chance = recall_after(elapsed_days=days, stability=stability)
        if question_id:
            recall[student_id]["question"][question_id] = chance
        else:
            recall[student_id]["card"][card_id] = chance
    return recall


def _quiz_cell(attempts: list[tuple], responses_by_attempt, mastery: float) -> Cell:
    """One quiz cell from the student's attempt rows (id, quiz, student, finished, score,
    max_score, question ids if unfinished), oldest first."""
    finished = [a for a in attempts if a[3]]
    if finished:
        best = max(finished, key=lambda a: (a[4] or 0) / a[5] if a[5] else 0)
        score = (best[4] or 0) / best[5] if best[5] else 0.0
        return Cell(score=score, completion=1.0, mastery=mastery, attempts=len(attempts))
    if attempts:
        latest = attempts[-1]
        total = len(latest[6]) or 1
        answered = len(responses_by_attempt.get(latest[0], []))
        return Cell(score=None, completion=min(answered / total, 1.0), mastery=mastery, attempts=1)
    return Cell(score=None, completion=0.0, mastery=mastery)


@dataclass
class _Answers:
    """One question's answers in the analysed attempts, gathered in a single pass."""

    items: list[int] = field(default_factory=list)  # 1 right, 0 wrong
    rests: list[int] = field(default_factory=list)  # right answers on the rest of the quiz
    picks: dict[int, int] = field(default_factory=lambda: defaultdict(int))


def _item_analysis(attempts: list[tuple], responses_by_attempt) -> list[QuestionStats]:
    # Each student's first finished attempt at each quiz, as Moodle analyses by default.
    first: dict[tuple[int, int], int] = {}
    for attempt_id, quiz_id, student_id, finished, *_ in attempts:
        if finished:
            first.setdefault((quiz_id, student_id), attempt_id)
    by_question: dict[int, _Answers] = defaultdict(_Answers)
    for attempt_id in first.values():
        answers = responses_by_attempt.get(attempt_id, [])
        total = sum(1 for _, _, is_correct in answers if is_correct)
        for question_id, choice_id, is_correct in answers:
            data = by_question[question_id]
            item = 1 if is_correct else 0
            data.items.append(item)
            data.rests.append(total - item)
            if choice_id is not None:
                data.picks[choice_id] += 1
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
