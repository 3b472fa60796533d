"""A quiz of three questions (multiple choice, true/false, typed) and a class to play it."""

import pytest

from quizapp.accounts.tests.factories import UserFactory
from quizapp.classes.tests.factories import AssignmentFactory, ClassroomFactory
from quizapp.content.models import Question
from quizapp.content.tests.factories import QuestionFactory
from quizapp.study.tests.factories import QuizFactory


@pytest.fixture
def live_quiz(db):
    mc = QuestionFactory(
        kind=Question.Kind.MULTIPLE_CHOICE,
        prompt="Which city is the capital of France?",
        answer="Paris",
        choices=["Lyon", "Paris", "Nice", "Lille"],
    )
    tf = QuestionFactory(
        kind=Question.Kind.TRUE_FALSE, prompt="The Seine flows through Paris.", answer="True"
    )
    typed = QuestionFactory(prompt="Which river flows through Paris?", answer="the Seine")
    return QuizFactory(title="Paris", questions=[mc, tf, typed])


@pytest.fixture
def classroom(teacher, make_user):
    students = [make_user(name) for name in ("ann", "ben", "cat")]
    return ClassroomFactory(teacher=teacher, students=students)


@pytest.fixture
def assignment(classroom, live_quiz):
    return AssignmentFactory(classroom=classroom, quiz=live_quiz, title="Paris live")


@pytest.fixture
def class_students(classroom):
    return list(classroom.students.order_by("username"))


@pytest.fixture
def outsider(db):
    return UserFactory(username="outsider")
