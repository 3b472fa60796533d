"""`GET /api/quizzes/{id}/export?format=qti|moodle`: a quiz for a learning platform."""

from __future__ import annotations

import io
import zipfile

from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizapp.content.exchange import moodle, qti
from quizapp.content.models import Question
from quizapp.content.tests.factories import DocumentFactory, QuestionFactory
from quizapp.study.tests.factories import QuizFactory


def test_qti_export_is_a_named_zip_that_reads_back_to_the_quiz(client_for, teacher, etna_quiz):
    response = client_for(teacher).get(f"/api/quizzes/{etna_quiz.pk}/export?format=qti")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="etna-qti.zip"'
    with zipfile.ZipFile(io.BytesIO(response.content)) as package:
        assert "imsmanifest.xml" in package.namelist()
    questions, errors = qti.parse(response.content)
    assert errors == []
    expected = list(
        etna_quiz.quiz_questions.order_by("position").values_list("question__prompt", flat=True)
    )
    assert [q.prompt for q in questions] == expected
    assert {q.document for q in questions} == {
        etna_quiz.quiz_questions.first().question.document.slug
    }


def test_moodle_export_is_named_xml(client_for, teacher, etna_quiz):
    response = client_for(teacher).get(f"/api/quizzes/{etna_quiz.pk}/export?format=moodle")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="etna-moodle.xml"'
    questions, errors = moodle.parse(response.content)
    assert errors == [] and len(questions) == etna_quiz.quiz_questions.count()


def test_students_never_get_the_answers(client_for, student, etna_quiz):
    response = client_for(student).get(f"/api/quizzes/{etna_quiz.pk}/export?format=qti")
    assert response.status_code == 403
    assert response.json() == {"detail": "Only teachers can do this."}
    assert (
        client_for(None).get(f"/api/quizzes/{etna_quiz.pk}/export?format=moodle").status_code == 401
    )


def test_an_unknown_or_missing_format_is_a_clear_400(client_for, teacher, etna_quiz):
    client = client_for(teacher)
    response = client.get(f"/api/quizzes/{etna_quiz.pk}/export?format=pdf")
    assert response.status_code == 400
    assert response.json() == {"format": ['"pdf" is not a valid choice.']}
    assert client.get(f"/api/quizzes/{etna_quiz.pk}/export").json() == {
        "format": ["This field is required."]
    }
    assert client.get("/api/quizzes/999999/export?format=qti").status_code == 404


def test_the_export_runs_the_same_queries_for_5_questions_as_for_200(client_for, teacher):
    client = client_for(teacher)
    counts = []
    for n in (5, 200):
        document = DocumentFactory(slug=f"bank-{n}")
        QuestionFactory.create_many(
            n,
            document=document,
            key=lambda i: f"k{i}",
            kind=Question.Kind.MULTIPLE_CHOICE,
            choices=["Vilnius", "Riga"],
            answer="Vilnius",
        )
        quiz = QuizFactory(slug=f"all-{n}", questions=list(document.questions.all()))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/api/quizzes/{quiz.pk}/export?format=moodle")
        assert response.status_code == 200
        assert len(moodle.parse(response.content)[0]) == n
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
