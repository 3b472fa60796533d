"""Quizzes, attempts, responses, and the memory model (FSRS state and review log)."""

from __future__ import annotations

import random
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from quizapp.content.models import Document, Flashcard, Question, Section

# Seconds each question of a live game stays open: the quiz's default, and its bounds.
LIVE_SECONDS_DEFAULT = 20
LIVE_SECONDS_MIN = 5
LIVE_SECONDS_MAX = 300


class QuizManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Quiz(models.Model):
    """A set of published questions: picked by hand, or drawn from a document per attempt."""

    class Feedback(models.TextChoices):
        EACH = "each", "After each question"
        END = "end", "At the end"

    slug = models.SlugField(max_length=200, unique=True)
    title = models.CharField(max_length=200)
    document = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="quizzes",
        help_text="Draw questions from this document's published questions.",
    )
    # A section that leaves the document (one heading fewer) leaves its quiz, attempts and
    # answers in place: the quiz draws from the whole document until the section is back.
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quizzes",
        help_text="Draw only from this section of the document.",
    )
    questions = models.ManyToManyField(
        Question, through="QuizQuestion", blank=True, related_name="quizzes"
    )
    question_count = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How many questions to draw; empty means all."
    )
    shuffle = models.BooleanField(
        default=True, help_text="Shuffle questions and their options for each attempt."
    )
    feedback = models.CharField(max_length=8, choices=Feedback.choices, default=Feedback.EACH)
    time_limit_seconds = models.PositiveIntegerField(
        null=True, blank=True, help_text="Empty means no time limit."
    )
    max_attempts = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Empty means unlimited attempts."
    )
    live_seconds = models.PositiveSmallIntegerField(
        "seconds per question when run live",
        default=LIVE_SECONDS_DEFAULT,
        validators=[MinValueValidator(LIVE_SECONDS_MIN), MaxValueValidator(LIVE_SECONDS_MAX)],
        help_text=f"How long each question stays open in a live game, from {LIVE_SECONDS_MIN} "
        f"to {LIVE_SECONDS_MAX} seconds. The teacher may change it for one game in its "
        "settings; a question closes early once everyone has answered.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QuizManager()

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "quizzes"

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        if self.section_id and self.section.document_id != self.document_id:
            raise ValidationError({"section": "Choose a section of the quiz's document."})


class QuizQuestion(models.Model):
    """A hand-picked question's place in a quiz."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="quiz_questions")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["quiz", "position"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "question"], name="quizquestion_unique"),
        ]

    def __str__(self):
        return f"{self.quiz} #{self.position}"


class Attempt(models.Model):
    """One student's attempt at a quiz; `question_ids` fixes the order when it starts."""

    # No index of their own: each leads one below (quiz in the unique number, student in
    # (student, finished_at)), and every index is one more write per attempt saved.
    quiz = models.ForeignKey(
        Quiz, on_delete=models.CASCADE, related_name="attempts", db_index=False
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts", db_index=False
    )
    number = models.PositiveSmallIntegerField(default=1)
    question_ids = models.JSONField(default=list)
    started_at = models.DateTimeField()
    deadline = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    max_score = models.PositiveSmallIntegerField(default=0)
    # The questions answered so far, kept by the answer service under the attempt's row lock:
    # the next question and the end of the attempt follow from the row alone, without
    # reading its responses on every step.
    answered_ids = models.JSONField(default=list, blank=True)
    # The quiz's rules as they stood when the attempt started (like its questions and its
    # deadline): a teacher who changes them changes later attempts, never one under way,
    # and a step of the attempt needs its own row only.
    shuffle = models.BooleanField(default=True, help_text="Options shown in a shuffled order.")
    feedback = models.CharField(
        max_length=8, choices=Quiz.Feedback.choices, default=Quiz.Feedback.EACH
    )

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "student", "number"], name="attempt_unique_number"
            ),
        ]
        indexes = [models.Index(fields=["student", "finished_at"])]

    def __str__(self):
        return f"{self.student} · {self.quiz} #{self.number}"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None

    @property
    def percent(self) -> float:
        """The score as a percentage of the maximum, to one decimal; 0 before it is scored."""
        return round(100 * (self.score or 0) / self.max_score, 1) if self.max_score else 0.0

    @property
    def answered_count(self) -> int:
        return len(self.answered_ids)

    def unanswered_ids(self) -> list[int]:
        """The attempt's questions without an answer yet, in the order it asks them."""
        answered = set(self.answered_ids)
        return [pk for pk in self.question_ids if pk not in answered]

    def is_expired(self, now: datetime) -> bool:
        """True when the attempt has a time limit and `now` is past it."""
        return self.deadline is not None and now > self.deadline

    @property
    def reveals_answers(self) -> bool:
        """Whether its student may see verdicts and right answers of the questions answered.

        After each answer when the quiz gave feedback then as the attempt started; otherwise
        once it is finished.
        """
        return self.is_finished or self.feedback == Quiz.Feedback.EACH

    def shown_choices(self, question: Question) -> list:
        """The question's choices in the order this attempt shows them.

        Shuffled once per attempt and question when the attempt shuffles (choices are often
        typed with the right one first), else in their stored order. Answers by position
        count in this order. Uses the question's prefetched choices when it has them.
        """
        choices = list(question.choices.all())
        if self.shuffle:
            random.Random(f"{self.pk}:{question.pk}").shuffle(choices)
        return choices


class Response(models.Model):
    """A student's answer to one question within an attempt; recorded once."""

    # Found through the indexes they lead, (attempt, question) and (question, is_correct):
    # one of their own each would be two more index writes per answer.
    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="responses", db_index=False
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="responses", db_index=False
    )
    choice = models.ForeignKey(
        "content.Choice", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answer_text = models.CharField(max_length=500, blank=True)
    is_correct = models.BooleanField()
    answered_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["answered_at"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="response_once"),
        ]
        indexes = [models.Index(fields=["question", "is_correct"])]

    def __str__(self):
        return f"{self.attempt}: {self.question_id}"


class ItemTarget(models.Model):
    """Points at exactly one study item: a flashcard or a question."""

    flashcard = models.ForeignKey(
        Flashcard, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def item(self):
        return self.flashcard or self.question


ONE_TARGET = Q(flashcard__isnull=False, question__isnull=True) | Q(
    flashcard__isnull=True, question__isnull=False
)


class MemoryState(ItemTarget):
    """The FSRS state of one student for one item, from flashcard reviews and quiz answers."""

    class State(models.IntegerChoices):
        LEARNING = 1
        REVIEW = 2
        RELEARNING = 3

    # Indexed first in (student, due) and in both unique constraints.
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memory_states",
        db_index=False,
    )
    state = models.PositiveSmallIntegerField(choices=State.choices, default=State.LEARNING)
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    due = models.DateTimeField()
    last_review = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=ONE_TARGET, name="memorystate_one_target"),
            models.UniqueConstraint(
                fields=["student", "flashcard"],
                condition=Q(flashcard__isnull=False),
                name="memorystate_unique_card",
            ),
            models.UniqueConstraint(
                fields=["student", "question"],
                condition=Q(question__isnull=False),
                name="memorystate_unique_question",
            ),
        ]
        indexes = [models.Index(fields=["student", "due"])]

    def __str__(self):
        return f"{self.student} · {self.item} due {self.due:%Y-%m-%d %H:%M}"


class ReviewLog(ItemTarget):
    """Every review and quiz answer, kept so FSRS parameters can be fitted to a class later."""

    class Source(models.TextChoices):
        FLASHCARD = "flashcard", "Flashcard review"
        QUIZ = "quiz", "Quiz answer"

    # Indexed first in (student, reviewed_at).
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_logs",
        db_index=False,
    )
    rating = models.PositiveSmallIntegerField()  # fsrs.Rating: 1 Again, 2 Hard, 3 Good, 4 Easy
    reviewed_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices)

    class Meta:
        ordering = ["reviewed_at"]
        constraints = [models.CheckConstraint(condition=ONE_TARGET, name="reviewlog_one_target")]
        indexes = [models.Index(fields=["student", "reviewed_at"])]

    def __str__(self):
        return f"{self.student} rated {self.item} {self.rating}"
