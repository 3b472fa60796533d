import pytest
from django.urls import reverse

from quizapp.content.models import Question
from quizapp.content.tests.factories import build_sectioned_document
from quizapp.study import services
from quizapp.study.models import Quiz
from quizapp.study.selectors import quiz_question_ids
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


def _quiz_form(quiz, **changes) -> dict:
    """The admin's change form of `quiz` as a browser posts it, with `changes`."""
    data = {
        "title": quiz.title,
        "slug": quiz.slug,
        "document": "",
        "section": "",
        "question_count": "",
        "shuffle": "on",
        "feedback": quiz.feedback,
        "time_limit_seconds": "",
        "max_attempts": "",
        "live_seconds": quiz.live_seconds,
        "quiz_questions-TOTAL_FORMS": "0",
        "quiz_questions-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


def test_a_teacher_sets_a_quizs_live_seconds_in_the_admin(client, teacher):
    from quizapp.study.tests.factories import QuizFactory

    quiz = QuizFactory(title="Paris", questions=[])
    client.force_login(teacher)
    url = reverse("admin:study_quiz_change", args=[quiz.pk])
    page = client.get(url).content.decode()
    assert "Seconds per question when run live" in page
    assert "How long each question stays open in a live game, from 5 to 300 seconds." in page
    assert 'name="live_seconds"' in page and 'value="20"' in page

    response = client.post(url, _quiz_form(quiz, live_seconds="3", title="Renamed"))
    assert "Ensure this value is greater than or equal to 5." in response.content.decode()
    quiz.refresh_from_db()
    assert (quiz.title, quiz.live_seconds) == ("Paris", 20)

    response = client.post(url, _quiz_form(quiz, live_seconds="301"))
    assert "Ensure this value is less than or equal to 300." in response.content.decode()

    response = client.post(url, _quiz_form(quiz, live_seconds="45"))
    assert response.status_code == 302
    quiz.refresh_from_db()
    assert quiz.live_seconds == 45


def test_a_quiz_may_draw_only_from_a_section_of_its_own_document(client, teacher):
    client.force_login(teacher)
    canals = build_sectioned_document(sections=2)
    other = build_sectioned_document("rivers", sections=1)
    url = reverse("admin:study_quiz_add")
    data = {
        "title": "Canals part 2",
        "slug": "canals-part-2",
        "document": canals.pk,
        "section": other.sections.get().pk,
        "feedback": "each",
        "shuffle": "on",
        "live_seconds": "20",
        "quiz_questions-TOTAL_FORMS": "0",
        "quiz_questions-INITIAL_FORMS": "0",
    }

    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Choose a section of the quiz&#x27;s document." in refused.content.decode()

    data["section"] = canals.sections.get(position=1).pk
    assert client.post(url, data).status_code == 302
    quiz = Quiz.objects.get(slug="canals-part-2")
    prompts = Question.objects.filter(pk__in=quiz_question_ids([quiz])[quiz.pk])
    assert sorted(prompts.values_list("prompt", flat=True)) == [
        "Part 2 question 0?",
        "Part 2 question 1?",
    ]
