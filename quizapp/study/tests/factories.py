"""Study rows for tests: quizzes, attempts, answers, memory states and review logs.

`answer`, `answer_right` and `start` go through the study services, as a student's
answers do; the factories build rows directly, for tests that need a given history.
"""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from quizapp.accounts.tests.factories import UserFactory
from quizapp.content.tests.factories import FlashcardFactory, QuestionFactory
from quizapp.study import services
from quizapp.study.models import Attempt, MemoryState, Quiz, QuizQuestion, Response, ReviewLog


class QuizFactory(DjangoModelFactory):
    """A quiz in a fixed order; `questions=[...]` hand-picks them in that order."""

    class Meta:
        model = Quiz
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"quiz-{n}")
    title = factory.LazyAttribute(lambda q: q.slug.replace("-", " ").title())
    shuffle = False

    @factory.post_generation
    def questions(quiz, create, extracted, **kwargs):
        if create and extracted:
            QuizQuestion.objects.bulk_create(
                QuizQuestion(quiz=quiz, question=q, position=i) for i, q in enumerate(extracted)
            )


class AttemptFactory(DjangoModelFactory):
    """An open attempt at a quiz, started ten minutes ago, over the questions given."""

    class Meta:
        model = Attempt

    quiz = factory.SubFactory(QuizFactory)
    student = factory.SubFactory(UserFactory)
    started_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=10))


class ResponseFactory(DjangoModelFactory):
    """A stored answer; `choice` (when given) decides the text and whether it is right."""

    class Meta:
        model = Response

    attempt = factory.SubFactory(AttemptFactory)
    question = factory.SubFactory(QuestionFactory)
    choice = None
    answer_text = factory.LazyAttribute(lambda r: r.choice.text if r.choice else "")
    is_correct = factory.LazyAttribute(lambda r: bool(r.choice and r.choice.is_correct))
    answered_at = factory.LazyFunction(timezone.now)


class MemoryStateFactory(DjangoModelFactory):
    """A student's memory of a flashcard (or, given `question=`, of that question), due now."""

    class Meta:
        model = MemoryState

    student = factory.SubFactory(UserFactory)
    question = None
    flashcard = factory.Maybe("question", None, factory.SubFactory(FlashcardFactory))
    due = factory.LazyFunction(timezone.now)


class ReviewLogFactory(DjangoModelFactory):
    """One logged review of a flashcard (or, given `question=`, an answer), rated Good, now."""

    class Meta:
        model = ReviewLog

    student = factory.SubFactory(UserFactory)
    question = None
    flashcard = factory.Maybe("question", None, factory.SubFactory(FlashcardFactory))
    rating = 3
    reviewed_at = factory.LazyFunction(timezone.now)
    source = ReviewLog.Source.FLASHCARD


def answer(attempt, question, *, choice=None, **kwargs):
    """Answer `question` in `attempt` as its student, through the one answer service.

    `choice` is a Choice (its id is sent); other keywords pass through. Returns the response.
    """
    if choice is not None:
        kwargs["choice_id"] = choice.pk
    answered = services.answer_question(
        student=attempt.student, attempt_id=attempt.pk, question_id=question.pk, **kwargs
    )
    return answered.response


def answer_right(attempt, question, **kwargs):
    """Answer `question` correctly: its right option, or its answer typed."""
    if question.has_choices:
        return answer(attempt, question, choice=question.choices.get(is_correct=True), **kwargs)
    return answer(attempt, question, answer_text=question.answer, **kwargs)


def start(student, quiz, **kwargs):
    """The student's new (or open) attempt at `quiz`."""
    attempt, _created = services.start_attempt(student=student, quiz=quiz, **kwargs)
    return attempt
