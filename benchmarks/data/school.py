"""A synthetic school for the benchmarks: students, classes, a library, and their answers.

`SchoolBuilder(size).build()` makes, by default, 2,000 students in 40 classes, 100 documents
with 5,000 published questions (and 2,000 flashcards), 100 quizzes, 50,000 finished attempts
holding 1,000,000 responses, and the memory states and review log those answers leave
behind. `grow_library(documents=N)` then adds documents nobody has studied yet (20
flashcards and 50 four-choice questions each, no quiz) until the library holds N, as a
school's library grows beside the work its classes do.

The big tables are filled with COPY on PostgreSQL (see `write_rows`); one class per
transaction, so a run takes a few minutes. `python -m benchmarks.data.build_school` is the
command.
"""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.db import connection, transaction
from django.utils import timezone
from psycopg import sql
from psycopg.types.json import Jsonb

from quizapp.classes.models import Assignment, Classroom, Enrollment
from quizapp.content.models import Choice, Document, Flashcard, Question, Status
from quizapp.study.models import Attempt, MemoryState, Quiz, QuizQuestion, ReviewLog
from quizapp.study.models import Response as Answer

PREFIX = "school"
BATCH = 5000
QUESTIONS_PER_QUIZ = 20
QUESTIONS_PER_DOCUMENT = 50
CHOICES = 4
CARDS_PER_DOCUMENT = 20
DECKS_PER_CLASS = 2
REVIEWS_PER_CARD = 3
HISTORY_DAYS = 60
LIBRARY_BATCH = 250  # documents written per transaction while the library grows
# Titles cycle through these, so searching the library by title finds some and not others.
SUBJECTS = (
    "Biology",
    "Chemistry",
    "Civics",
    "Economics",
    "Geography",
    "Geology",
    "History",
    "Literature",
    "Music",
    "Physics",
)


class SizeError(ValueError):
    """A school that cannot be built as asked; the message says what to change."""


@dataclass(frozen=True)
class Size:
    students: int = 2000
    classes: int = 40
    questions: int = 5000
    responses: int = 1_000_000
    quizzes_per_class: int = 10

    @property
    def documents(self) -> int:
        return self.questions // QUESTIONS_PER_DOCUMENT

    def check(self) -> None:
        """Raise SizeError unless a school of this size can be built."""
        per_class = self.quizzes_per_class
        if min(self.students, self.classes, self.questions, per_class) < 1 or self.responses < 0:
            raise SizeError(
                "--students, --classes, --questions and --quizzes-per-class must be positive."
            )
        if self.students % self.classes:
            raise SizeError(
                f"--students ({self.students}) must be a multiple of --classes ({self.classes})."
            )
        if self.questions % QUESTIONS_PER_DOCUMENT:
            raise SizeError(
                f"--questions must be a multiple of {QUESTIONS_PER_DOCUMENT} "
                f"(got {self.questions}): each document gets {QUESTIONS_PER_DOCUMENT}."
            )
        if self.documents < max(per_class, DECKS_PER_CLASS):
            raise SizeError(
                f"--questions {self.questions} makes {self.documents} quiz(zes), fewer than the "
                f"{max(per_class, DECKS_PER_CLASS)} each class is assigned; raise --questions "
                "or lower --quizzes-per-class."
            )
        attempts_per_student = self.responses / self.students / QUESTIONS_PER_QUIZ
        if self.responses and attempts_per_student < per_class:
            raise SizeError(
                f"--responses ({self.responses}) is too few for {per_class} quizzes per student "
                f"of {QUESTIONS_PER_QUIZ} questions; raise it or lower --quizzes-per-class."
            )


def exists() -> bool:
    """Whether a synthetic school is in the database."""
    return Document.objects.filter(slug__startswith=f"{PREFIX}-").exists()


def library_size() -> int:
    """How many documents the synthetic school's library holds."""
    return Document.objects.filter(slug__startswith=f"{PREFIX}-doc-").count()


def delete(say=print) -> None:
    """Delete the synthetic school: its people, classes, quizzes, documents and answers."""
    say("deleting the existing synthetic school")
    analyze()
    users = User.objects.filter(username__startswith=f"{PREFIX}-")
    with transaction.atomic():
        for model in (ReviewLog, MemoryState):
            model.objects.filter(student__in=users).delete()
        Answer.objects.filter(attempt__student__in=users).delete()
        Attempt.objects.filter(student__in=users).delete()
        Classroom.objects.filter(teacher__in=users).delete()
        Quiz.objects.filter(slug__startswith=f"{PREFIX}-").delete()
        Document.objects.filter(slug__startswith=f"{PREFIX}-").delete()
        users.delete()


def analyze() -> None:
    """Refresh PostgreSQL's statistics after rows came or went in bulk.

    Rows added since the last ANALYZE (a build, a load test's answers) leave the planner
    thinking the tables are nearly empty; its nested loops then take minutes.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def counts() -> str:
    """Rows per table, one line each."""
    models = [User, Classroom, Enrollment, Document, Question, Choice, Flashcard, Quiz]
    models += [Attempt, Answer, MemoryState, ReviewLog]
    return "\n".join(f"  {m._meta.label:24} {m.objects.count():>10,}" for m in models)


def grow_library(*, documents: int, seed: int = 7, say=print) -> int:
    """Add documents no class uses until the library holds `documents`; return how many."""
    have = library_size()
    if have >= documents:
        return 0
    rng = random.Random(seed * 1_000_003 + have)
    now = timezone.now()
    for first in range(have, documents, LIBRARY_BATCH):
        last = min(first + LIBRARY_BATCH, documents)
        with transaction.atomic():
            add_documents(range(first, last), rng=rng, now=now)
        say(f"library: {last:,}/{documents:,} documents")
    return documents - have


def add_documents(numbers: range, *, rng: random.Random, now: datetime) -> list[Document]:
    """Documents numbered `numbers`, each with published flashcards and four-choice questions."""
    docs = Document.objects.bulk_create(
        [
            Document(
                slug=f"{PREFIX}-doc-{d:04}",
                title=f"{SUBJECTS[d % len(SUBJECTS)]} reading {d:04}",
                date=(now - timedelta(days=d)).date(),
                source_name=f"{PREFIX}-{d:04}.txt",
                text=f"Synthetic reading number {d}.",
                content_hash=hashlib.sha256(str(d).encode()).hexdigest(),
            )
            for d in numbers
        ]
    )
    item = ("synthetic", Status.PUBLISHED, False, now, now)
    write_rows(
        Flashcard,
        CARD_COLUMNS,
        (
            (
                doc.pk,
                f"c{c:03}",
                f"Card {c} of {doc.title}.",
                0.5,
                *item,
                Flashcard.Kind.FACT,
                f"Front {c} of {doc.title}",
                f"Back {c}",
            )
            for doc in docs
            for c in range(CARDS_PER_DOCUMENT)
        ),
    )
    empty_list = Jsonb([]) if connection.vendor == "postgresql" else []
    write_rows(
        Question,
        QUESTION_COLUMNS,
        (
            (
                doc.pk,
                f"q{q:03}",
                f"Sentence {q} of {doc.title}.",
                rng.random(),
                *item,
                Question.Kind.MULTIPLE_CHOICE,
                f"Question {q} about {doc.title}?",
                f"Answer {q}",
                empty_list,  # alternatives
                "",
                empty_list,  # score reasons
            )
            for doc in docs
            for q in range(QUESTIONS_PER_DOCUMENT)
        ),
    )
    # Read whole before COPY starts: the connection runs one statement at a time.
    questions = list(Question.objects.filter(document__in=docs).values_list("pk", "answer"))
    write_rows(
        Choice,
        CHOICE_COLUMNS,
        (
            (pk, answer if position == right else f"Wrong {position}", position == right, position)
            for pk, answer in questions
            for right in [rng.randrange(CHOICES)]
            for position in range(CHOICES)
        ),
    )
    return docs


class SchoolBuilder:
    """Builds one school of a given `Size`; `say` reports progress."""

    def __init__(self, size: Size, *, password: str, seed: int = 7, say=print):
        size.check()
        self.size = size
        self.rng = random.Random(seed)
        self.now = timezone.now()
        self.password = make_password(password)
        self.say = say
        self.written = 0
        self.pending_attempts, self.pending_states, self.pending_logs = [], [], []

    def build(self) -> None:
        with transaction.atomic():
            docs, quiz_items, decks = self._content()
            teachers = self._people()
        self._classes(docs, quiz_items, decks, teachers)

    def _content(self):
        """The school's documents with their items, and one 20-question quiz per document."""
        size = self.size
        self.say(f"{size.documents} documents, {size.questions:,} questions")
        docs = add_documents(range(size.documents), rng=self.rng, now=self.now)
        by_doc: dict[int, list[int]] = {}
        for pk, doc_id in Question.objects.filter(document__in=docs).values_list(
            "pk", "document_id"
        ):
            by_doc.setdefault(doc_id, []).append(pk)
        self.correct_choice, self.wrong_choices = {}, {}
        for pk, question_id, is_correct in Choice.objects.filter(
            question__document__in=docs
        ).values_list("pk", "question_id", "is_correct"):
            if is_correct:
                self.correct_choice[question_id] = pk
            else:
                self.wrong_choices.setdefault(question_id, []).append(pk)
        # How hard each question is, for answers that look like a real class's.
        self.difficulty = {pk: self.rng.gauss(0, 1) for pk in sorted(self.correct_choice)}
        decks: dict[int, list[int]] = {}
        for pk, doc_id in Flashcard.objects.filter(document__in=docs).values_list(
            "pk", "document_id"
        ):
            decks.setdefault(doc_id, []).append(pk)

        quizzes = Quiz.objects.bulk_create(
            [
                Quiz(slug=f"{PREFIX}-quiz-{i:03}", title=f"Quiz on {doc.title}", document=doc)
                for i, doc in enumerate(docs)
            ]
        )
        links, quiz_items = [], []
        for quiz, doc in zip(quizzes, docs, strict=True):
            picked = self.rng.sample(sorted(by_doc[doc.pk]), QUESTIONS_PER_QUIZ)
            quiz_items.append((quiz, picked))
            links += [
                QuizQuestion(quiz=quiz, question_id=qid, position=i) for i, qid in enumerate(picked)
            ]
        QuizQuestion.objects.bulk_create(links, batch_size=BATCH)
        return docs, quiz_items, decks

    def _people(self) -> list[User]:
        """One teacher per class (staff, in the Teachers group) and the students."""
        classes, students = self.size.classes, self.size.students
        self.say(f"{classes} teachers, {students:,} students")
        group, _ = Group.objects.get_or_create(name="Teachers")
        teachers = User.objects.bulk_create(
            [
                User(
                    username=f"{PREFIX}-teacher-{c:02}",
                    first_name="Teacher",
                    last_name=f"{c:02}",
                    is_staff=True,
                    password=self.password,
                )
                for c in range(classes)
            ]
        )
        group.user_set.add(*teachers)
        User.objects.bulk_create(
            [
                User(
                    username=f"{PREFIX}-student-{s:04}",
                    first_name="Student",
                    last_name=f"{s:04}",
                    password=self.password,
                )
                for s in range(students)
            ],
            batch_size=BATCH,
        )
        return teachers

    def _classes(self, docs, quiz_items, decks, teachers):
        """Each class: its students, quiz and deck assignments, and the answers given."""
        size = self.size
        classes, students, per_class = size.classes, size.students, size.quizzes_per_class
        responses = size.responses
        class_size = students // classes
        student_ids = list(
            User.objects.filter(username__startswith=f"{PREFIX}-student-")
            .order_by("username")
            .values_list("pk", flat=True)
        )
        # Spread the answers evenly: the first `extra` students do one attempt more.
        total_attempts = responses // QUESTIONS_PER_QUIZ
        base, extra = divmod(total_attempts, students)
        for c in range(classes):
            with transaction.atomic():
                classroom = Classroom.objects.create(
                    name=f"Class {c:02}", teacher=teachers[c], join_code=f"SCHOOL{c:02}"
                )
                members = student_ids[c * class_size : (c + 1) * class_size]
                Enrollment.objects.bulk_create(
                    [Enrollment(classroom=classroom, student_id=s) for s in members]
                )
                assigned = [
                    quiz_items[(c * per_class + j) % len(quiz_items)] for j in range(per_class)
                ]
                deck_docs = [docs[(c * per_class + j) % len(docs)] for j in range(DECKS_PER_CLASS)]
                due = self.now + timedelta(days=7)
                Assignment.objects.bulk_create(
                    [
                        Assignment(classroom=classroom, title=quiz.title, quiz=quiz, due_at=due)
                        for quiz, _ in assigned
                    ]
                    + [
                        Assignment(
                            classroom=classroom,
                            title=f"Deck: {doc.title}",
                            document=doc,
                            due_at=due,
                        )
                        for doc in deck_docs
                    ]
                )
                for i, student_id in enumerate(members):
                    index = c * class_size + i
                    count = base + (1 if index < extra else 0)
                    self._answers(student_id, assigned, count)
                    self._deck_reviews(student_id, [decks[d.pk] for d in deck_docs])
                self._flush()
            self.say(f"class {c + 1}/{classes}: {self.written:,} responses so far")

    def _answers(self, student_id: int, assigned, count: int) -> None:
        """`count` finished attempts over the assigned quizzes, 20 answers each."""
        ability = self.rng.gauss(0.5, 1)
        last_seen: dict[int, tuple] = {}
        numbers: dict[int, int] = {}
        start = self.now - timedelta(days=HISTORY_DAYS)
        rng = self.rng
        for n in range(count):
            quiz, question_ids = assigned[n % len(assigned)]
            numbers[quiz.pk] = numbers.get(quiz.pk, 0) + 1
            started = start + timedelta(seconds=rng.uniform(0, HISTORY_DAYS * 86400 - 3600))
            order = question_ids[:]
            rng.shuffle(order)
            answers, at, score = [], started, 0
            for qid in order:
                at = at + timedelta(seconds=rng.uniform(5, 60))
                right = rng.random() < 1 / (1 + math.exp(self.difficulty[qid] - ability))
                score += right
                choice = self.correct_choice[qid] if right else rng.choice(self.wrong_choices[qid])
                duration = rng.randint(3000, 60000)
                # Filled in with the attempt's id once the attempt is saved.
                answers.append([None, qid, choice, "", right, at, duration])
                self.pending_logs.append(
                    (student_id, None, qid, 3 if right else 1, at, duration, "quiz")
                )
                last_seen[qid] = max(last_seen.get(qid, (at, right)), (at, right))
            attempt = Attempt(
                quiz=quiz,
                student_id=student_id,
                number=numbers[quiz.pk],
                question_ids=order,
                started_at=started,
                finished_at=at,
                score=score,
                max_score=len(order),
                answered_ids=list(order),
            )
            self.pending_attempts.append((attempt, answers))
        for qid, (at, right) in last_seen.items():
            self.pending_states.append(self._state(student_id, at, right, None, qid))

    def _deck_reviews(self, student_id: int, decks: list[list[int]]) -> None:
        """Every card of the assigned decks reviewed a few times."""
        rng = self.rng
        for card_ids in decks:
            for card_id in card_ids:
                at = self.now - timedelta(days=rng.uniform(1, HISTORY_DAYS))
                for _ in range(REVIEWS_PER_CARD):
                    rating = rng.choice((1, 3, 3, 3, 4))
                    duration = rng.randint(2000, 20000)
                    self.pending_logs.append(
                        (student_id, card_id, None, rating, at, duration, "flashcard")
                    )
                    at += timedelta(days=rng.uniform(0.2, 5))
                last = min(at, self.now)
                self.pending_states.append(self._state(student_id, last, rating > 1, card_id, None))

    def _state(self, student_id, last, right: bool, card_id, question_id) -> tuple:
        """A memory-state row consistent with the last answer (columns of STATE_COLUMNS)."""
        stability = self.rng.uniform(2, 40) if right else self.rng.uniform(0.2, 2)
        return (
            student_id,
            card_id,
            question_id,
            MemoryState.State.REVIEW if right else MemoryState.State.RELEARNING,
            None if right else 0,
            stability,
            self.rng.uniform(2, 9),
            last + timedelta(days=stability),
            last,
        )

    def _flush(self) -> None:
        """Write what the class produced: attempts first, for the ids the answers need."""
        attempts = Attempt.objects.bulk_create(
            [a for a, _ in self.pending_attempts], batch_size=BATCH
        )
        answers = []
        for attempt, (_, rows) in zip(attempts, self.pending_attempts, strict=True):
            for row in rows:
                row[0] = attempt.pk
            answers += rows
        write_rows(Answer, ANSWER_COLUMNS, answers)
        write_rows(MemoryState, STATE_COLUMNS, self.pending_states)
        write_rows(ReviewLog, LOG_COLUMNS, self.pending_logs)
        self.written += len(answers)
        self.pending_attempts, self.pending_states, self.pending_logs = [], [], []


ANSWER_COLUMNS = [
    "attempt_id",
    "question_id",
    "choice_id",
    "answer_text",
    "is_correct",
    "answered_at",
    "duration_ms",
]
STATE_COLUMNS = [
    "student_id",
    "flashcard_id",
    "question_id",
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
]
LOG_COLUMNS = [
    "student_id",
    "flashcard_id",
    "question_id",
    "rating",
    "reviewed_at",
    "duration_ms",
    "source",
]
ITEM_COLUMNS = [
    "document_id",
    "key",
    "source_text",
    "score",
    "generator",
    "status",
    "teacher_edited",
    "created_at",
    "updated_at",
    "kind",
]
CARD_COLUMNS = [*ITEM_COLUMNS, "front", "back"]
QUESTION_COLUMNS = [
    *ITEM_COLUMNS,
    "prompt",
    "answer",
    "alternatives",
    "explanation",
    "score_reasons",
]
CHOICE_COLUMNS = ["question_id", "text", "is_correct", "position"]


def write_rows(model, columns: list[str], rows) -> None:
    """Insert plain rows (tuples in `columns` order, any iterable) into `model`'s table.

    On PostgreSQL this uses COPY: `bulk_create` wrote about 5,000 rows a second here, which
    makes 2.7 million rows take ten minutes; COPY takes well under one. Elsewhere the rows
    become model instances for `bulk_create`.
    """
    if connection.vendor != "postgresql":
        instances = [model(**dict(zip(columns, row, strict=True))) for row in rows]
        model.objects.bulk_create(instances, batch_size=BATCH)
        return
    fields = [model._meta.get_field(name.removesuffix("_id")).column for name in columns]
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(model._meta.db_table), sql.SQL(", ").join(map(sql.Identifier, fields))
    )
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
