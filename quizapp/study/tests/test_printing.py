"""Print pages of a quiz or a deck: laid out for paper, with an answer key only teachers get."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizapp.classes.models import Assignment, Classroom
from quizapp.content.models import Question, Status
from quizapp.content.tests.factories import DocumentFactory, FlashcardFactory, QuestionFactory
from quizapp.study import printing
from quizapp.study.models import Quiz, QuizQuestion


@pytest.mark.parametrize(("index", "name"), [(0, "A"), (3, "D"), (25, "Z"), (26, "AA"), (27, "AB")])
def test_options_are_lettered_from_a(index, name):
    assert printing.letter(index) == name


def test_sheet_numbers_questions_and_letters_the_right_option(document):
    questions = document.questions.prefetch_related("choices").order_by("-score")
    sheet = printing.print_sheet(questions)
    assert [q.number for q in sheet] == [1, 2, 3, 4]
    mc, tf, cloze, short = sheet
    assert [(o.letter, o.text) for o in mc.options] == [
        ("A", "Kaunas"),
        ("B", "Vilnius"),
        ("C", "Riga"),
    ]
    assert mc.answer == "B. Vilnius" and tf.answer == "A. True"
    assert cloze.typed and cloze.answer == "Vilnius" and short.answer == "Gediminas"
    assert short.source_text == "Vilnius was founded by Grand Duke Gediminas."


@pytest.fixture
def quiz(document):
    """The document's quiz, drawing three questions: the best three get printed."""
    Question.objects.filter(key="short-0").update(status=Status.DRAFT)
    return Quiz.objects.create(slug="lt", title="Lithuania", document=document, question_count=3)


@pytest.fixture
def assignment(quiz, teacher):
    classroom = Classroom.objects.create(name="Year 9", teacher=teacher, join_code="PRINT9AB")
    return Assignment.objects.create(classroom=classroom, title="Friday test", quiz=quiz)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_teacher_prints_a_quiz_with_its_answer_key_last(client, teacher, quiz):
    client.force_login(teacher)
    response = client.get(reverse("study:quiz_print", args=[quiz.slug]))
    assert response.status_code == 200
    text = text_of(response)
    questions, key = text.split("Answer key: Lithuania")
    assert "1. Which city is the capital of Lithuania (0)?" in questions
    assert "A. Kaunas B. Vilnius C. Riga" in questions
    assert "2. True or false: Vilnius lies on the Neris (0)." in questions
    assert "3. The Old Town of _____ is a World Heritage Site (0). Answer:" in questions
    assert "Gediminas" not in text  # a draft question is never printed
    assert "1. B. Vilnius" in key and "2. A. True" in key and "3. Vilnius" in key
    assert "Vilnius lies where the Vilnia meets the Neris." in key
    assert 'class="site-header"' not in response.content.decode()  # no navigation


def test_teacher_prints_a_class_assignment_under_its_title(client, teacher, assignment):
    client.force_login(teacher)
    page = client.get(reverse("classes:detail", args=["PRINT9AB"])).content.decode()
    url = reverse("classes:assignment_print", args=["PRINT9AB", assignment.pk])
    assert f'href="{url}"' in page
    text = text_of(client.get(url))
    assert "Friday test" in text and "Year 9" in text and "Answer key: Friday test" in text


def test_the_quiz_page_links_the_print_page_for_teachers_only(client, teacher, student, quiz):
    url = reverse("study:quiz_print", args=[quiz.slug])
    client.force_login(teacher)
    assert f'href="{url}"' in client.get(reverse("study:quiz", args=[quiz.slug])).content.decode()
    client.force_login(student)
    assert url not in client.get(reverse("study:quiz", args=[quiz.slug])).content.decode()


def test_students_never_get_the_answer_key(client, student, quiz, assignment):
    client.force_login(student)
    for url in [
        reverse("study:quiz_print", args=[quiz.slug]),
        reverse("classes:assignment_print", args=["PRINT9AB", assignment.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 403
        assert "Vilnius lies where" not in response.content.decode()


def test_other_teachers_and_strangers_cannot_print_a_class_assignment(
    client, make_user, assignment
):
    url = reverse("classes:assignment_print", args=["PRINT9AB", assignment.pk])
    assert client.get(url).status_code == 302  # to the login page
    from django.contrib.auth.models import Group

    other = make_user("teacher_o", is_staff=True)
    other.groups.add(Group.objects.get(name="Teachers"))
    client.force_login(other)
    assert client.get(url).status_code == 404


def test_a_flashcard_assignment_prints_its_fronts_with_the_backs_as_the_key(
    client, teacher, assignment, document
):
    FlashcardFactory(document=document, front="What river meets the Neris?", back="The Vilnia.")
    FlashcardFactory(document=document, front="Draft card?", status=Status.DRAFT)
    deck = Assignment.objects.create(
        classroom=assignment.classroom, title="Cards", document=document
    )
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
    deck = Assignment.objects.create(classroom=assignment.classroom, title="None", document=empty)
    client.force_login(teacher)
    text = text_of(client.get(reverse("classes:assignment_print", args=["PRINT9AB", deck.pk])))
    assert "no published flashcards yet" in text and "Answer key" not in text


def test_an_empty_quiz_says_so(client, teacher):
    quiz = Quiz.objects.create(slug="empty", title="Empty")
    client.force_login(teacher)
    text = text_of(client.get(reverse("study:quiz_print", args=[quiz.slug])))
    assert "no published questions yet" in text and "Answer key" not in text


def print_page_queries(client, document, n: int) -> int:
    """Queries for the print page of a hand-picked quiz of `n` multiple-choice questions."""
    quiz = Quiz.objects.create(slug=f"picked-{n}", title=f"Picked {n}", shuffle=False)
    for i in range(n):
        question = QuestionFactory(
            document=document,
            key=f"picked-{n}-{i}",
            kind=Question.Kind.MULTIPLE_CHOICE,
            prompt=f"Question {i}?",
            answer="Right",
            choices=["Right", "Wrong", "Also wrong"],
            source_text="Source.",
        )
        QuizQuestion.objects.create(quiz=quiz, question=question, position=i)
    url = reverse("study:quiz_print", args=[quiz.slug])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="sheet-question"') == n
    return len(queries.captured_queries)


def test_print_page_queries_do_not_grow_with_the_quiz(client, teacher, document):
    client.force_login(teacher)
    assert print_page_queries(client, document, 3) == print_page_queries(client, document, 30)
