"""Build a synthetic school for data-scale benchmarks: students, classes, questions, answers.

Defaults: 2,000 students in 40 classes, 100 documents with 5,000 published questions (and
2,000 flashcards), 100 quizzes, 50,000 finished attempts holding 1,000,000 responses, and
the memory states and review log those answers leave behind. Rows go in with `bulk_create`
in large batches, except the three biggest tables, which PostgreSQL fills with COPY (see
`write_rows`); one class per transaction, so a run takes a few minutes.
"""

from __future__ import annotations

import hashlib
import math
import random
import time
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from psycopg import sql

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


class Command(BaseCommand):
    help = (
        "Build a synthetic school (students, classes, questions, quiz answers) for the "
        "data-scale benchmark. Refuses to run twice unless --rebuild; the password of every "
        "synthetic account is given by --password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--students", type=int, default=2000)
        parser.add_argument("--classes", type=int, default=40)
        parser.add_argument("--questions", type=int, default=5000)
        parser.add_argument("--responses", type=int, default=1_000_000)
        parser.add_argument("--quizzes-per-class", type=int, default=10)
        parser.add_argument("--password", default="school-pass", help="Every account's password.")
        parser.add_argument(
            "--seed", type=int, default=7, help="Random seed (same seed, same school)."
        )
        parser.add_argument(
            "--rebuild", action="store_true", help="Delete an existing synthetic school first."
        )

    def handle(self, *args, **options):
        students, classes = options["students"], options["classes"]
        questions, responses = options["questions"], options["responses"]
        per_class = options["quizzes_per_class"]
        if min(students, classes, questions, per_class) < 1 or responses < 0:
            raise CommandError(
                "--students, --classes, --questions and --quizzes-per-class must be positive."
            )
        if students % classes:
            raise CommandError(
                f"--students ({students}) must be a multiple of --classes ({classes})."
            )
        if questions % QUESTIONS_PER_DOCUMENT:
            raise CommandError(
                f"--questions must be a multiple of {QUESTIONS_PER_DOCUMENT} (got {questions}): "
                f"each document gets {QUESTIONS_PER_DOCUMENT}."
            )
        documents = questions // QUESTIONS_PER_DOCUMENT
        if documents < max(per_class, DECKS_PER_CLASS):
            raise CommandError(
                f"--questions {questions} makes {documents} quiz(zes), fewer than the "
                f"{max(per_class, DECKS_PER_CLASS)} each class is assigned; raise --questions "
                "or lower --quizzes-per-class."
            )
        answers_per_student = responses / students
        attempts_per_student = answers_per_student / QUESTIONS_PER_QUIZ
        if attempts_per_student < per_class and responses:
            raise CommandError(
                f"--responses ({responses}) is too few for {per_class} quizzes per student "
                f"of {QUESTIONS_PER_QUIZ} questions; raise it or lower --quizzes-per-class."
            )

        if Document.objects.filter(slug__startswith=f"{PREFIX}-").exists():
            if not options["rebuild"]:
                self.stdout.write("A synthetic school exists already; --rebuild to build it anew.")
                return
            self._delete()

        self.rng = random.Random(options["seed"])
        self.now = timezone.now()
        self.started = time.monotonic()
        self.password = make_password(options["password"])
        self.written = 0
        self.pending_attempts, self.pending_states, self.pending_logs = [], [], []
        with transaction.atomic():
            docs, quiz_items, decks = self._content(documents, QUESTIONS_PER_DOCUMENT)
            teachers = self._people(classes, students)
        self._classes(classes, students, per_class, responses, docs, quiz_items, decks, teachers)
        if connection.vendor == "postgresql":
            self._say("analysing tables")
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self._say("done")
        self.stdout.write(self._counts())

    # --- helpers ------------------------------------------------------------

    def _say(self, message: str) -> None:
        self.stdout.write(f"[{time.monotonic() - self.started:6.1f}s] {message}")
        self.stdout.flush()

    def _counts(self) -> str:
        models = [User, Classroom, Enrollment, Document, Question, Choice, Flashcard, Quiz]
        models += [Attempt, Answer, MemoryState, ReviewLog]
        return "\n".join(f"  {m._meta.label:24} {m.objects.count():>10,}" for m in models)

    def _delete(self) -> None:
        self.started = time.monotonic()
        self._say("deleting the existing synthetic school")
        if connection.vendor == "postgresql":
            # Rows added since the last build (e.g. a load test's answers) leave the planner
            # thinking the tables are nearly empty; its nested loops then take minutes.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
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

    def _content(self, documents: int, per_document: int):
        """Documents with published questions (4 choices each) and flashcards, one quiz each."""
        self._say(f"{documents} documents, {documents * per_document:,} questions")
        docs = Document.objects.bulk_create(
            [
                Document(
                    slug=f"{PREFIX}-doc-{d:03}",
                    title=f"School reading {d:03}",
                    date=(self.now - timedelta(days=d)).date(),
                    source_name=f"{PREFIX}-{d:03}.txt",
                    text=f"Synthetic reading number {d}.",
                    content_hash=hashlib.sha256(str(d).encode()).hexdigest(),
                )
                for d in range(documents)
            ]
        )
        questions = []
        for doc in docs:
            for q in range(per_document):
                questions.append(
                    Question(
                        document=doc,
                        key=f"q{q:03}",
                        source_text=f"Sentence {q} of {doc.title}.",
                        generator="synthetic",
                        score=self.rng.random(),
                        status=Status.PUBLISHED,
                        kind=Question.Kind.MULTIPLE_CHOICE,
                        prompt=f"Question {q} about {doc.title}?",
                        answer=f"Answer {q}",
                    )
                )
        questions = Question.objects.bulk_create(questions, batch_size=BATCH)
        choices = []
        self.correct_choice, self.wrong_choices = {}, {}
        for question in questions:
            right = self.rng.randrange(CHOICES)
            for position in range(CHOICES):
                text = question.answer if position == right else f"Wrong {position}"
                choices.append(
                    Choice(
                        question=question,
                        text=text,
                        is_correct=position == right,
                        position=position,
                    )
                )
        for choice in Choice.objects.bulk_create(choices, batch_size=BATCH):
            if choice.is_correct:
                self.correct_choice[choice.question_id] = choice.pk
            else:
                self.wrong_choices.setdefault(choice.question_id, []).append(choice.pk)
        # How hard each question is, for answers that look like a real class's.
        self.difficulty = {q.pk: self.rng.gauss(0, 1) for q in questions}

        cards = Flashcard.objects.bulk_create(
            [
                Flashcard(
                    document=doc,
                    key=f"c{c:03}",
                    source_text=f"Card {c} of {doc.title}.",
                    generator="synthetic",
                    status=Status.PUBLISHED,
                    kind=Flashcard.Kind.FACT,
                    front=f"Front {c} of {doc.title}",
                    back=f"Back {c}",
                )
                for doc in docs
                for c in range(CARDS_PER_DOCUMENT)
            ],
            batch_size=BATCH,
        )
        decks: dict[int, list[int]] = {}
        for card in cards:
            decks.setdefault(card.document_id, []).append(card.pk)

        by_doc: dict[int, list[int]] = {}
        for question in questions:
            by_doc.setdefault(question.document_id, []).append(question.pk)
        quizzes = Quiz.objects.bulk_create(
            [
                Quiz(slug=f"{PREFIX}-quiz-{i:03}", title=f"Quiz on {doc.title}", document=doc)
                for i, doc in enumerate(docs)
            ]
        )
        links, quiz_items = [], []
        for quiz, doc in zip(quizzes, docs, strict=True):
            picked = self.rng.sample(by_doc[doc.pk], QUESTIONS_PER_QUIZ)
            quiz_items.append((quiz, picked))
            links += [
                QuizQuestion(quiz=quiz, question_id=qid, position=i) for i, qid in enumerate(picked)
            ]
        QuizQuestion.objects.bulk_create(links, batch_size=BATCH)
        return docs, quiz_items, decks

    def _people(self, classes: int, students: int) -> list[User]:
        """One teacher per class (staff, in the Teachers group) and the students."""
        self._say(f"{classes} teachers, {students:,} students")
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

    def _classes(self, classes, students, per_class, responses, docs, quiz_items, decks, teachers):
        """Each class: its students, quiz and deck assignments, and the answers given."""
        size = students // classes
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
                members = student_ids[c * size : (c + 1) * size]
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
                    index = c * size + i
                    count = base + (1 if index < extra else 0)
                    self._answers(student_id, assigned, count)
                    self._deck_reviews(student_id, [decks[d.pk] for d in deck_docs])
                self._flush()
            self._say(f"class {c + 1}/{classes}: {self.written:,} responses so far")

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


def write_rows(model, columns: list[str], rows) -> None:
    """Insert plain rows (tuples in `columns` order) into `model`'s table.

    On PostgreSQL this uses COPY: `bulk_create` wrote about 5,000 rows a second here, which
    makes 2.7 million rows take ten minutes; COPY takes well under one. Elsewhere the rows
    become model instances for `bulk_create`.
    """
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(
            [model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=BATCH
        )
        return
    fields = [model._meta.get_field(name.removesuffix("_id")).column for name in columns]
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(model._meta.db_table), sql.SQL(", ").join(map(sql.Identifier, fields))
    )
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
