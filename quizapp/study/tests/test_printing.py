"""Print pages of a quiz or a deck: laid out for paper, with an answer key only teachers get."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizapp.content.models import Question, Status
from quizapp.content.tests.factories import QuestionFactory
from quizapp.study import printing
from quizapp.study.tests.factories import QuizFactory


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
    """Printing needs a quiz that draws three of the document's questions, and a draft
    question that must not be printed: "lt", drawing the best three, short-0 a draft."""
    Question.objects.filter(key="short-0").update(status=Status.DRAFT)
    return QuizFactory(slug="lt", title="Lithuania", document=document, question_count=3)


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


def test_the_quiz_page_links_the_print_page_for_teachers_only(client, teacher, student, quiz):
    url = reverse("study:quiz_print", args=[quiz.slug])
    client.force_login(teacher)
    assert f'href="{url}"' in client.get(reverse("study:quiz", args=[quiz.slug])).content.decode()
    client.force_login(student)
    assert url not in client.get(reverse("study:quiz", args=[quiz.slug])).content.decode()


def test_students_never_get_the_answer_key(client, student, quiz):
    client.force_login(student)
    response = client.get(reverse("study:quiz_print", args=[quiz.slug]))
    assert response.status_code == 403
    assert "Vilnius lies where" not in response.content.decode()


def test_an_empty_quiz_says_so(client, teacher):
    quiz = QuizFactory(slug="empty", title="Empty")
    client.force_login(teacher)
    text = text_of(client.get(reverse("study:quiz_print", args=[quiz.slug])))
    assert "no published questions yet" in text and "Answer key" not in text


def print_page_queries(client, document, n: int) -> int:
    """Queries for the print page of a hand-picked quiz of `n` multiple-choice questions."""
    questions = [
        QuestionFactory(
            document=document,
            key=f"picked-{n}-{i}",
            kind=Question.Kind.MULTIPLE_CHOICE,
            prompt=f"Question {i}?",
            answer="Right",
            choices=["Right", "Wrong", "Also wrong"],
            source_text="Source.",
        )
        for i in range(n)
    ]
    quiz = QuizFactory(slug=f"picked-{n}", title=f"Picked {n}", questions=questions)
    url = reverse("study:quiz_print", args=[quiz.slug])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="sheet-question"') == n
    return len(queries.captured_queries)


def test_print_page_queries_do_not_grow_with_the_quiz(client, teacher, document):
    client.force_login(teacher)
    assert print_page_queries(client, document, 3) == print_page_queries(client, document, 30)
