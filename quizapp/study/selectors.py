"""Reads for studying: due cards, progress, assignments. Each runs a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Floor, Greatest, Power, TruncDate
from django.utils import timezone

from quizapp.compiled import CompiledPerCount, CompiledQuery, Id, Time
from quizapp.content.models import Document, Flashcard, Question, Section, Status
from quizapp.dbfunctions import EpochSeconds

from . import scheduling, scope
from .models import Attempt, MemoryState, Quiz, QuizQuestion, Response, ReviewLog

ACCURACY_DAYS = 30
DUE_DAYS = 14
WEAKEST_COUNT = 5


def predicted_recall(*, now: datetime):
    """A memory state's predicted recall at `now`, as a database expression: the twin of
    `scheduling.recall_from_seconds` (whole days since the last review through the same
    forgetting curve, 0 for a state never reviewed), for sums over thousands of states."""
    decay, factor = scheduling.forgetting_curve()
    elapsed_days = Greatest(
        Floor((Value(now.timestamp()) - EpochSeconds("last_review")) / Value(86400.0)),
        Value(0.0),
    )
    return Case(
        When(
            last_review__isnull=False,
            stability__isnull=False,
            then=Power(Value(1.0) + Value(factor) * elapsed_days / F("stability"), Value(decay)),
        ),
        default=Value(0.0),
        output_field=FloatField(),
    )


def due_cards(*, student, document=None, section=None, now=None):
    """Flashcards to review now: overdue ones first (oldest due first), then new ones.

    From one section of a document, from one document, or from every document of the
    student's scope (see `scope`).
    """
    now = now or timezone.now()
    if section is not None:
        document = section.document
    ids = [document.pk] if document is not None else scope.scope_ids(student=student)
    cards = _due_cards(student_id=student.pk, document_ids=ids, now=now)
    if section is not None:
        cards = cards.filter(section_id=section.pk)
    return cards.select_related("document")


def _due_cards(*, student_id: int, document_ids: list[int], now: datetime):
    state_due = MemoryState.objects.filter(student_id=student_id, flashcard=OuterRef("pk")).values(
        "due"
    )[:1]
    return (
        Flashcard.objects.published()
        .filter(document_id__in=document_ids)
        .annotate(state_due=Subquery(state_due))
        .filter(Q(state_due__isnull=True) | Q(state_due__lte=now))
        .order_by(F("state_due").asc(nulls_last=True), "document_id", "-score", "id")
    )


# The next card is asked for after every rating: its query is compiled once per number of
# documents it may come from (a student's scope holds a few dozen at most; more than
# `_COMPILED_SCOPE_SIZE` are read through the ORM as they are).
_NEXT_CARD = CompiledPerCount(
    lambda ids, student, now: _due_cards(student_id=student, document_ids=ids, now=now)[:1],
    student=Id,
    now=Time,
)
_NEXT_SECTION_CARD = CompiledQuery(
    lambda document, section, student, now: _due_cards(
        student_id=student, document_ids=[document], now=now
    ).filter(section_id=section)[:1],
    document=Id,
    section=Id,
    student=Id,
    now=Time,
)
_COMPILED_SCOPE_SIZE = 64
_PUBLISHED_CARD = CompiledQuery(
    lambda card: Flashcard.objects.published().filter(pk=card).order_by(), card=Id
)
_DOCUMENT = CompiledQuery(lambda document: Document.objects.filter(pk=document), document=Id)


def _with_document(card: Flashcard, document=None) -> Flashcard:
    """The card with its document set: `document` when given, else read (compiled)."""
    card.document = document if document is not None else _DOCUMENT.first(document=card.document_id)
    return card


def published_card(*, card_id: int, document=None, section=None) -> Flashcard | None:
    """A published flashcard with its document; None if it is not one (of `document`, or of
    `section`)."""
    if section is not None:
        document = section.document
    card = _PUBLISHED_CARD.first(card=card_id)
    if card is None or (document is not None and card.document_id != document.pk):
        return None
    if section is not None and card.section_id != section.pk:
        return None
    return _with_document(card, document)


def next_due_card(*, student, document=None, section=None, now=None) -> Flashcard | None:
    """The first of `due_cards`, with its document."""
    now = now or timezone.now()
    if section is not None:
        card = _NEXT_SECTION_CARD.first(
            document=section.document_id, section=section.pk, student=student.pk, now=now
        )
        return _with_document(card, section.document) if card is not None else None
    ids = [document.pk] if document is not None else scope.scope_ids(student=student)
    if not ids:
        return None
    if len(ids) > _COMPILED_SCOPE_SIZE:
        cards = _due_cards(student_id=student.pk, document_ids=ids, now=now)
        return cards.select_related("document").first()
    card = _NEXT_CARD.first(ids, student=student.pk, now=now)
    return _with_document(card, document) if card is not None else None


def next_due_at(*, student, document=None, section=None, now=None) -> datetime | None:
    """When the student's next flashcard (of `document` or `section`, when given) comes due
    after `now`, or None if none is scheduled."""
    now = now or timezone.now()
    states = MemoryState.objects.filter(
        student=student, flashcard__status=Status.PUBLISHED, due__gt=now
    )
    if section is not None:
        states = states.filter(flashcard__section=section)
    elif document is not None:
        states = states.filter(flashcard__document=document)
    return states.order_by("due").values_list("due", flat=True).first()


@dataclass
class SectionStudy:
    """One section of a document as a student sees it: what is due, new, and quizzable."""

    section: Section
    due: int  # published cards the student has seen that are due again now
    new: int  # published cards the student has never reviewed
    question_count: int  # published questions, for the section's quiz


def _count(queryset) -> Coalesce:
    """The number of `queryset`'s rows for the outer section, as a subquery (0 for none)."""
    return scope.subquery_total(queryset.order_by(), Count("pk"))


def with_sections_flag(documents=None):
    """`documents` (every document by default), each with `has_sections` (whether it has
    headings), read with it: a page that lists sections skips reading none."""
    documents = Document.objects.all() if documents is None else documents
    return documents.annotate(has_sections=Exists(Section.objects.filter(document=OuterRef("pk"))))


def sections_with_item_counts():
    """Sections in reading order, each with `flashcard_count` and `question_count` (its
    published items), read with it."""
    in_section = Q(section=OuterRef("pk"), status=Status.PUBLISHED)
    return Section.objects.order_by("document_id", "position").annotate(
        flashcard_count=_count(Flashcard.objects.filter(in_section)),
        question_count=_count(Question.objects.filter(in_section)),
    )


def document_sections(*, student, document, now=None) -> list[SectionStudy]:
    """The document's sections in reading order, each with the student's due and new cards
    and its published questions: one query, however many sections."""
    now = now or timezone.now()
    states = MemoryState.objects.filter(
        student=student,
        flashcard__section=OuterRef("pk"),
        flashcard__status=Status.PUBLISHED,
    )
    rows = (
        sections_with_item_counts()
        .filter(document=document)
        .annotate(seen_total=_count(states), due_total=_count(states.filter(due__lte=now)))
    )
    return [
        SectionStudy(
            section=row,
            due=row.due_total,
            new=max(row.flashcard_count - row.seen_total, 0),
            question_count=row.question_count,
        )
        for row in rows
    ]


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
    """The student's states of published items as plain rows: (state id, item id, document
    id, last review as epoch seconds, stability, due day in the current time zone, is card).

    Rows, not instances: a student studies hundreds of items and the page needs numbers for
    each, the items themselves only for the few it names (`_weakest`).
    """
    return (
        MemoryState.objects.filter(student=student)
        .filter(Q(flashcard__status=Status.PUBLISHED) | Q(question__status=Status.PUBLISHED))
        .order_by()
        .values_list(
            "pk",
            Coalesce("flashcard_id", "question_id"),
            Coalesce("flashcard__document_id", "question__document_id"),
            EpochSeconds("last_review"),
            "stability",
            TruncDate("due"),
            Q(flashcard__isnull=False),
        )
    )


def _weakest(ranked: list[tuple[float, int]]) -> list[WeakItem]:
    """The items of these (recall, state id) pairs, in their order, with their documents."""
    states = MemoryState.objects.filter(pk__in=[pk for _, pk in ranked]).select_related(
        "flashcard__document", "question__document"
    )
    by_pk = {state.pk: state for state in states}
    weakest = []
    for recall, pk in ranked:
        state = by_pk.get(pk)
        if state is None:
            continue
        item = state.flashcard or state.question
        kind = "flashcard" if state.flashcard_id else "question"
        weakest.append(WeakItem(kind=kind, item=item, document=item.document, recall=recall))
    return weakest


def _streak(days_with_reviews: set[date], today: date) -> int:
    """Consecutive days with a review, ending today (or yesterday, if none yet today)."""
    day = today if today in days_with_reviews else today - timedelta(days=1)
    streak = 0
    while day in days_with_reviews:
        streak += 1
        day -= timedelta(days=1)
    return streak


def student_progress(*, student, now=None) -> StudentProgress:
    """Mastery per document of the student's scope, 30 days of accuracy, 14 days of due
    reviews, streak, weakest items.

    Predicted recall is computed in Python from the memory states fetched in one query, so
    the page costs the same few queries however many items the student has studied.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    progress = StudentProgress()

    recall_by_doc: dict[int, list[float]] = defaultdict(list)
    due_by_day: dict[date, int] = defaultdict(int)
    weak = []
    now_seconds = now.timestamp()
    for pk, item_id, document_id, reviewed, stability, due_day, is_card in _published_states(
        student=student
    ):
        recall = scheduling.recall_from_seconds(
            now_seconds=now_seconds, reviewed_seconds=reviewed, stability=stability
        )
        recall_by_doc[document_id].append(recall)
        # Ties (items all just reviewed) go to the least stable memory: the one forgotten first.
        weak.append((round(recall, 3), stability or 0.0, item_id, recall, pk))
        if is_card:
            due_by_day[max(due_day, today)] += 1
    weak.sort()
    progress.weakest = _weakest([(recall, pk) for *_, recall, pk in weak[:WEAKEST_COUNT]])
    progress.due_per_day = [
        DayDue(day=today + timedelta(days=i), count=due_by_day.get(today + timedelta(days=i), 0))
        for i in range(DUE_DAYS)
    ]

    in_scope = Document.objects.filter(pk__in=scope.documents_in_scope(student=student))
    for document in in_scope.with_item_counts():
        total = document.flashcard_count + document.question_count
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


def quiz_question_ids(quizzes) -> dict[int, list[int]]:
    """The published questions each quiz covers, in its order, by quiz id.

    A quiz drawn from a document covers the document's published questions (or those of
    its section, for a section's quiz), best score first; any other covers its hand-picked
    published questions by position. At most two queries for any number of quizzes.
    """
    quizzes = list(quizzes)
    picked, drawn = defaultdict(list), defaultdict(list)
    hand_picked = [q.pk for q in quizzes if not q.document_id]
    if hand_picked:
        rows = (
            QuizQuestion.objects.filter(quiz_id__in=hand_picked, question__status=Status.PUBLISHED)
            .order_by("quiz_id", "position", "id")
            .values_list("quiz_id", "question_id")
        )
        for quiz_id, question_id in rows:
            picked[quiz_id].append(question_id)
    documents = {q.document_id for q in quizzes if q.document_id}
    if documents:
        rows = (
            Question.objects.published()
            .filter(document_id__in=documents)
            .order_by("document_id", "-score", "id")
            .values_list("document_id", "section_id", "id")
        )
        for document_id, section_id, question_id in rows:
            drawn[document_id].append(question_id)
            drawn[document_id, section_id].append(question_id)

    def covered(quiz) -> list[int]:
        if not quiz.document_id:
            return picked[quiz.pk]
        if quiz.section_id:
            return drawn[quiz.document_id, quiz.section_id]
        return drawn[quiz.document_id]

    return {q.pk: covered(q) for q in quizzes}


# Every answer and every quiz step reads its attempt: compiled once per process.
def _students_attempt(attempt, student):
    return Attempt.objects.filter(pk=attempt, student_id=student).order_by()


_ATTEMPT = CompiledQuery(_students_attempt, attempt=Id, student=Id)
_LOCKED_ATTEMPT = CompiledQuery(
    lambda attempt, student: _students_attempt(attempt, student).select_for_update(),
    attempt=Id,
    student=Id,
)


def student_attempt(*, attempt_id: int, student_id: int, lock: bool = False) -> Attempt | None:
    """The student's attempt, or None if it is not theirs or does not exist.

    The attempt carries the rules a step needs (`shuffle`, `feedback`); its quiz is read
    only when something asks for it, such as a page's title. `lock` takes the attempt's
    row lock (inside a transaction), as answering does.
    """
    query = _LOCKED_ATTEMPT if lock else _ATTEMPT
    return query.first(attempt=attempt_id, student=student_id)


# A process keeps the questions it has read, with their choices, as long as their
# `updated_at` stays the same: a quiz step then reads one timestamp instead of two tables.
# Saving a question, or replacing its choices through the content services or the admin,
# moves `updated_at`.
_QUESTION_CACHE: dict[int, tuple[datetime, Question]] = {}
_QUESTION_CACHE_SIZE = 2000


def question_with_choices(*, question_id: int) -> Question | None:
    """One question with its choices (in `question.choices.all()`), or None if it is gone.

    The instance may be shared with other requests of the process: read it, never change it.
    """
    return questions_with_choices(question_ids=[question_id]).get(question_id)


def questions_with_choices(*, question_ids: list[int]) -> dict[int, Question]:
    """These questions with their choices, by id; a question that is gone is left out.

    Questions this process has read are checked with one query for all their `updated_at`;
    the others are read with their choices (two more queries). Read the instances, never
    change them: they may be shared with other requests of the process.
    """
    found: dict[int, Question] = {}
    missing = [pk for pk in question_ids if pk not in _QUESTION_CACHE]
    cached = {pk: _QUESTION_CACHE[pk] for pk in question_ids if pk in _QUESTION_CACHE}
    if cached:
        stamps = {q.pk: q.updated_at for q in _stamps(list(cached))}
        for pk, (stamp, question) in cached.items():
            if stamps.get(pk) == stamp:
                found[pk] = question
                continue
            _QUESTION_CACHE.pop(pk, None)
            if pk in stamps:  # changed since it was read: read it again
                missing.append(pk)
    if missing:
        questions = Question.objects.filter(pk__in=missing).prefetch_related("choices")
        if len(_QUESTION_CACHE) + len(missing) > _QUESTION_CACHE_SIZE:
            _QUESTION_CACHE.clear()
        for question in questions.order_by():
            _QUESTION_CACHE[question.pk] = (question.updated_at, question)
            found[question.pk] = question
    return found


_STAMPS = CompiledPerCount(
    lambda ids: Question.objects.filter(pk__in=ids).order_by().only("pk", "updated_at")
)


def _stamps(question_ids: list[int]) -> list[Question]:
    """The questions' ids and update times (compiled once per number of questions)."""
    return _STAMPS.instances(question_ids)


def forget_cached_questions() -> None:
    """Empty this process's question cache (tests start each from nothing)."""
    _QUESTION_CACHE.clear()


def quiz_questions(*, quiz: Quiz) -> list[Question]:
    """Every question the quiz covers, in its order, with its choices and document (two
    queries)."""
    ids = quiz_question_ids([quiz])[quiz.pk]
    by_id = Question.objects.select_related("document").prefetch_related("choices").in_bulk(ids)
    return [by_id[pk] for pk in ids]


def printed_questions(*, quiz: Quiz) -> list[Question]:
    """The questions a printed copy of the quiz holds, with their choices, in two queries.

    No shuffle, so every printed copy and its answer key agree; a quiz that draws a number
    of questions prints its best ones.
    """
    ids = quiz_question_ids([quiz])[quiz.pk]
    if quiz.question_count:
        ids = ids[: quiz.question_count]
    by_id = {q.pk: q for q in Question.objects.filter(pk__in=ids).prefetch_related("choices")}
    return [by_id[pk] for pk in ids if pk in by_id]


def printed_cards(*, document_id: int) -> list[Flashcard]:
    """The published flashcards a printed copy of a document's deck holds, best first."""
    return list(Flashcard.objects.published().filter(document_id=document_id))


def attempt_questions(*, attempt: Attempt) -> list[Question]:
    """The attempt's questions in its order, with their choices (see `questions_with_choices`:
    the process's cached ones cost one read of their update times)."""
    by_id = questions_with_choices(question_ids=attempt.question_ids)
    return [by_id[pk] for pk in attempt.question_ids if pk in by_id]


def student_attempts(*, student, quiz: Quiz):
    """The student's attempts at one quiz, newest first."""
    return Attempt.objects.filter(student=student, quiz=quiz).order_by("-number")


@dataclass(frozen=True)
class AnsweredQuestion:
    """A question of an attempt and the answer given to it, None while it is unanswered.

    The verdict, the right answer and the explanation are None unless `revealed`.
    """

    question: Question
    response: Response | None
    revealed: bool

    @property
    def given(self) -> AnsweredQuestion | None:
        """Itself when the question has an answer, else None."""
        return self if self.response is not None else None

    @property
    def is_correct(self) -> bool | None:
        return self.response.is_correct if self.revealed and self.response else None

    @property
    def correct_answer(self) -> str | None:
        return self.question.answer if self.revealed else None

    @property
    def correct_choice(self):
        return self.question.correct_choice if self.revealed else None

    @property
    def explanation(self) -> str | None:
        return self.question.explanation if self.revealed else None


def attempt_review(*, attempt: Attempt) -> list[AnsweredQuestion]:
    """Every question of the attempt in its order with the answer given, in three queries."""
    responses = {r.question_id: r for r in attempt.responses.select_related("choice")}
    revealed = attempt.reveals_answers
    return [
        AnsweredQuestion(question=q, response=responses.get(q.pk), revealed=revealed)
        for q in attempt_questions(attempt=attempt)
    ]


@dataclass
class AttemptStep:
    """Where a student is in an attempt, for a page or an API response to show.

    A finished attempt has its `review` (every question with its answer); an open one has
    the `answered` question's feedback when the quiz reveals it, and the next `question`
    to answer with its `choices` in the order this attempt shows them.
    """

    attempt: Attempt
    total: int
    answered_count: int = 0
    seconds_left: int | None = None
    answered: AnsweredQuestion | None = None
    question: Question | None = None
    choices: list = field(default_factory=list)
    review: list[AnsweredQuestion] = field(default_factory=list)

    @property
    def position(self) -> int:
        return self.answered_count + 1


def attempt_step(
    *,
    attempt: Attempt,
    now: datetime,
    answered: Response | None = None,
    next_question: Question | None = None,
    after: int | None = None,
) -> AttemptStep:
    """The step of `attempt` to show now.

    `answered` is a response just recorded (its question carrying its choices) and
    `next_question` the question after it that the answer service read with it; `after`
    names a question answered earlier whose feedback to show again (a page reloaded after
    answering), when the attempt reveals answers.
    """
    step = AttemptStep(attempt=attempt, total=len(attempt.question_ids))
    revealed = attempt.reveals_answers
    if answered is not None:
        step.answered = AnsweredQuestion(
            question=answered.question, response=answered, revealed=revealed
        )
    if attempt.is_finished:
        step.review = attempt_review(attempt=attempt)
        step.answered_count = sum(1 for row in step.review if row.response is not None)
        return step
    if attempt.deadline:
        step.seconds_left = max(int((attempt.deadline - now).total_seconds()), 0)
    step.answered_count = attempt.answered_count
    if answered is None and after in attempt.answered_ids and revealed:
        question = question_with_choices(question_id=after)
        response = attempt.responses.select_related("choice").get(question_id=after)
        step.answered = AnsweredQuestion(question=question, response=response, revealed=True)
    upcoming = attempt.unanswered_ids()
    if next_question is not None and upcoming and next_question.pk == upcoming[0]:
        step.question = next_question
    else:
        step.question = _first_existing_question(upcoming)
    if step.question is not None:
        step.choices = attempt.shown_choices(step.question) if step.question.has_choices else []
    return step


def _first_existing_question(question_ids: list[int]) -> Question | None:
    """The first of these questions that still exists, with its choices.

    A teacher may delete a question while an attempt is open; it is skipped, not a crash.
    """
    if not question_ids:
        return None
    question = question_with_choices(question_id=question_ids[0])
    if question is not None:
        return question
    existing = set(Question.objects.filter(pk__in=question_ids).values_list("pk", flat=True))
    first = next((pk for pk in question_ids if pk in existing), None)
    return question_with_choices(question_id=first) if first else None
