import pytest
from django.urls import reverse

from quizapp.content.models import Question
from quizapp.study import services
from quizapp.study.tests.factories import answer


@pytest.mark.parametrize("model", ["quiz", "attempt", "memorystate", "reviewlog"])
def test_admin_lists_show_student_history(client, make_user, student, document, model):
    quiz = services.quiz_for_document(document=document)
    attempt, _ = services.start_attempt(student=student, quiz=quiz)
    question = Question.objects.get(kind=Question.Kind.SHORT_ANSWER)
    answer(attempt, question, answer_text="Gediminas")
    services.finish_attempt(attempt=attempt)
    client.force_login(make_user("boss", is_staff=True, is_superuser=True))
    page = client.get(reverse(f"admin:study_{model}_changelist")).content.decode()
    assert "student_a" in page or "Quiz: About vilnius" in page


def test_attempt_detail_is_read_only(client, make_user, student, document):
    quiz = services.quiz_for_document(document=document)
    attempt, _ = services.start_attempt(student=student, quiz=quiz)
    client.force_login(make_user("boss", is_staff=True, is_superuser=True))
    url = reverse("admin:study_attempt_change", args=[attempt.pk])
    response = client.post(url, {"score": 99})
    attempt.refresh_from_db()
    assert response.status_code == 403 and attempt.score is None
