"""Class test fixtures from the factories: quizzes with questions, attempts, enrolments.

`classroom`, `document`, `teacher` and `student` are the shared ones (root conftest.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quizapp.classes.tests.factories import EnrollmentFactory
from quizapp.content.models import Question
from quizapp.content.tests.factories import DocumentFactory, QuestionFactory
from quizapp.study.models import Attempt, Quiz
from quizapp.study.tests.factories import AttemptFactory, QuizFactory, ResponseFactory


@pytest.fixture
def make_question(db):
    """A published multiple-choice question, its first choice right, on a document of its own
    (so the shared `document`'s questions never enter a report)."""

    def make(prompt: str, choices=("Right", "Wrong 1", "Wrong 2")) -> Question:
        return QuestionFactory(
            document=DocumentFactory(slug="doc", title="A document"),
            kind=Question.Kind.MULTIPLE_CHOICE,
            prompt=prompt,
            answer=choices[0],
            choices=choices,
            source_text="Source.",
        )

    return make


@pytest.fixture
def make_quiz():
    def make(slug: str, questions: list[Question]) -> Quiz:
        return QuizFactory(slug=slug, title=slug.title(), questions=questions)

    return make


@pytest.fixture
def take_quiz():
    """Record a finished attempt: `picks` maps question to the chosen choice position."""

    def take(student, quiz: Quiz, picks: dict[Question, int], *, finished=True) -> Attempt:
        number = Attempt.objects.filter(quiz=quiz, student=student).count() + 1
        started = timezone.now() - timedelta(minutes=10) + timedelta(seconds=number)
        attempt = AttemptFactory(
            quiz=quiz,
            student=student,
            number=number,
            question_ids=[q.pk for q in quiz.questions.all()],
            started_at=started,
            max_score=quiz.questions.count(),
            # As the answer service keeps it, beside the responses written below.
            answered_ids=[q.pk for q in picks],
        )
        right = 0
        for question, position in picks.items():
            choice = question.choices.get(position=position)
            right += choice.is_correct
            ResponseFactory(
                attempt=attempt,
                question=question,
                choice=choice,
                answer_text=choice.text,
                is_correct=choice.is_correct,
                answered_at=started + timedelta(seconds=30),
            )
        if finished:
            attempt.finished_at = started + timedelta(minutes=5)
            attempt.score = right
            attempt.save()
        return attempt

    return take


@pytest.fixture
def enrol():
    def enrol(classroom, *students):
        for student in students:
            EnrollmentFactory(classroom=classroom, student=student)

    return enrol
