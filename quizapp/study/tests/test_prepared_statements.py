"""On PostgreSQL the statements every answer runs are planned once per connection."""

import pytest
from django.db import connection

from quizapp.content.models import Question
from quizapp.study import services
from quizapp.study.tests.factories import answer_right, start

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL statements"),
]


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_answering_runs_prepared_statements(student, document):
    quiz = services.quiz_for_document(document=document)
    answered = 0
    # psycopg prepares a statement on its sixth run with the same types of values (an
    # answer by option and a typed one differ in `choice_id`): six of each.
    while answered < 12:
        attempt = start(student, quiz)
        for pk in attempt.question_ids:
            answer_right(attempt, Question.objects.get(pk=pk))
            answered += 1
    statements = prepared_statements()
    assert any(s.startswith('INSERT INTO "study_response"') for s in statements), statements
    assert any(s.startswith('INSERT INTO "study_reviewlog"') for s in statements), statements
