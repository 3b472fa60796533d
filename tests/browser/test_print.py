"""The print page as the browser prints it: Chromium's own PDF, read back with pypdf."""

import io
import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from quizapp.content.models import Question
from quizapp.content.tests.factories import QuestionFactory
from quizapp.study.models import Quiz, QuizQuestion
from tests.browser.pages import sign_in

pytestmark = pytest.mark.browser


def sign_in_as_teacher(page: Page, live_server):
    sign_in(page, live_server, "teacher_t")
    expect(page.get_by_role("heading", name="Study", level=1)).to_be_visible()


def pdf_pages(page: Page) -> list[str]:
    """The text of each page of the PDF Chromium prints, with whitespace folded."""
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages]


def test_a_short_quiz_prints_on_one_page_and_its_key_on_the_next(
    page, live_server, teacher, study_document, console_errors
):
    quiz = Quiz.objects.create(slug="vilnius-quiz", title="Vilnius quiz", document=study_document)
    sign_in_as_teacher(page, live_server)
    page.goto(f"{live_server.url}/quizzes/{quiz.slug}/")
    page.get_by_role("link", name="Print this quiz with its answer key").click()
    expect(page.get_by_role("heading", name="Vilnius quiz", level=1)).to_be_visible()

    questions, key = pdf_pages(page)
    for question in Question.objects.all():
        assert question.prompt in questions
        assert question.prompt not in key
    assert "A. Kaunas" in questions and "D. Riga" in questions
    assert "Answer:" in questions  # the typed questions leave lines to write on
    assert key.startswith("Answer key: Vilnius quiz")
    assert "B. Vilnius" in key and "Gediminas" in key
    assert "Vilnius was founded by Grand Duke Gediminas." in key  # the source sentence
    assert "Print" not in questions.replace("Print:", "")  # the screen's toolbar is not printed
    assert console_errors == []


def test_a_long_quiz_never_splits_a_question_across_pages(
    page, live_server, teacher, study_document
):
    quiz = Quiz.objects.create(slug="long", title="Long quiz", shuffle=False)
    for n in range(1, 31):
        question = QuestionFactory(
            document=study_document,
            key=f"long-{n}",
            kind=Question.Kind.MULTIPLE_CHOICE,
            prompt=f"Long question number {n} asks which of these four options is right?",
            answer=f"Q{n} option A",
            choices=[f"Q{n} option {letter}" for letter in "ABCD"],
            source_text=f"Source sentence {n}.",
        )
        QuizQuestion.objects.create(quiz=quiz, question=question, position=n)
    sign_in_as_teacher(page, live_server)
    page.goto(f"{live_server.url}/quizzes/long/print/")

    pages = pdf_pages(page)
    first_key = next(i for i, text in enumerate(pages) if "Answer key: Long quiz" in text)
    assert first_key >= 2  # thirty questions need more than one page
    for n in range(1, 31):
        prompt = f"Long question number {n} asks"
        holding = [i for i, text in enumerate(pages[:first_key]) if prompt in text]
        assert len(holding) == 1, f"question {n} is on pages {holding}"
        text = pages[holding[0]]
        assert all(f"{letter}. Q{n} option {letter}" in text for letter in "ABCD"), n
    key = " ".join(pages[first_key:])
    assert all(f"Source sentence {n}." in key for n in range(1, 31))
    assert not any("Long question number" in text for text in pages[first_key:])
