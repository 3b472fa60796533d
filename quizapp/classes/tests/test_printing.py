"""Printing a class's assignment: a quiz or a deck, with an answer key for its teacher only."""

import re

import pytest
from django.urls import reverse

from quizapp.accounts.tests.factories import UserFactory
from quizapp.classes.tests.factories import AssignmentFactory, ClassroomFactory
from quizapp.content.models import Question, Status
from quizapp.content.tests.factories import DocumentFactory, FlashcardFactory
from quizapp.study.tests.factories import QuizFactory


@pytest.fixture
def assignment(document, teacher):
    """ "Friday test" in class "Year 9" (PRINT9AB): a quiz drawing the best three of the
    document's questions, its short-answer question a draft that must not be printed."""
    Question.objects.filter(key="short-0").update(status=Status.DRAFT)
    quiz = QuizFactory(slug="lt", title="Lithuania", document=document, question_count=3)
    classroom = ClassroomFactory(name="Year 9", teacher=teacher, join_code="PRINT9AB")
    return AssignmentFactory(classroom=classroom, title="Friday test", quiz=quiz)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_students_never_get_the_answer_key(client, student, assignment):
    client.force_login(student)
    response = client.get(reverse("classes:assignment_print", args=["PRINT9AB", assignment.pk]))
    assert response.status_code == 403
    assert "Vilnius lies where" not in response.content.decode()


def test_teacher_prints_a_class_assignment_under_its_title(client, teacher, assignment):
    client.force_login(teacher)
    page = client.get(reverse("classes:detail", args=["PRINT9AB"])).content.decode()
    url = reverse("classes:assignment_print", args=["PRINT9AB", assignment.pk])
    assert f'href="{url}"' in page
    text = text_of(client.get(url))
    assert "Friday test" in text and "Year 9" in text and "Answer key: Friday test" in text


def test_other_teachers_and_strangers_cannot_print_a_class_assignment(client, assignment):
    url = reverse("classes:assignment_print", args=["PRINT9AB", assignment.pk])
    assert client.get(url).status_code == 302  # to the login page
    other = UserFactory(username="teacher_o", teacher=True)
    client.force_login(other)
    assert client.get(url).status_code == 404


def test_a_flashcard_assignment_prints_its_fronts_with_the_backs_as_the_key(
    client, teacher, assignment, document
):
    FlashcardFactory(document=document, front="What river meets the Neris?", back="The Vilnia.")
    FlashcardFactory(document=document, front="Draft card?", status=Status.DRAFT)
    deck = AssignmentFactory(classroom=assignment.classroom, title="Cards", document=document)
    client.force_login(teacher)
    url = reverse("classes:assignment_print", args=["PRINT9AB", deck.pk])
    page = client.get(reverse("classes:detail", args=["PRINT9AB"])).content.decode()
    assert f'href="{url}"' in page
    text = text_of(client.get(url))
    fronts, key = text.split("Answer key: Cards")
    numbered = re.search(r"(\d+)\. What river meets the Neris\? Answer:", fronts)
    assert numbered is not None
    assert "The Vilnia." not in fronts and f"{numbered.group(1)}. The Vilnia." in key
    assert "Draft card?" not in text


def test_an_empty_deck_says_so(client, teacher, assignment):
    empty = DocumentFactory(slug="empty-deck")
    deck = AssignmentFactory(classroom=assignment.classroom, title="None", document=empty)
    client.force_login(teacher)
    text = text_of(client.get(reverse("classes:assignment_print", args=["PRINT9AB", deck.pk])))
    assert "no published flashcards yet" in text and "Answer key" not in text
