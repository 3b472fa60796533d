import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizapp.content.models import Question
from quizapp.study import services
from quizapp.study.models import Attempt, MemoryState, Quiz, Response, ReviewLog


@pytest.fixture
def client_in(client, student):
    client.force_login(student)
    return client


HTMX = {"HTTP_HX_REQUEST": "true"}


def test_login_required_and_htmx_redirect(client, document):
    response = client.get(reverse("study:home"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.get(reverse("study:review"), **HTMX)
    assert response.status_code == 204 and "/accounts/login/" in response["HX-Redirect"]


def test_login_page_explains_wrong_password(client, student):
    response = client.post(reverse("login"), {"username": "student_a", "password": "nope"})
    assert "did not match" in response.content.decode()
    response = client.post(reverse("login"), {"username": "student_a", "password": "pw-student_a"})
    assert response.status_code == 302


def test_home_lists_documents_due_and_join_link(client_in, student, document, assign):
    assign(student, document=document)
    page = client_in.get(reverse("study:home")).content.decode()
    assert "About vilnius" in page and "3 due" in page
    assert "/classes/join/" in page
    assert 'id="due-badge"' in page


def test_review_front_then_reveal_then_rate_without_js(client_in, student, document):
    url = reverse("study:deck", args=[document.slug])
    page = client_in.get(url).content.decode()
    card = document.flashcards.order_by("-score", "id").first()
    assert card.front in page and card.back not in page
    reveal = re.search(r'href="([^"]*reveal=1[^"]*)"', page).group(1).replace("&amp;", "&")
    page = client_in.get(reveal).content.decode()
    assert card.back in page and 'value="3"' in page
    shown = re.search(r'name="shown" value="(\d+)"', page).group(1)
    response = client_in.post(url, {"card": card.pk, "rating": 3, "shown": shown})
    assert response.status_code == 302 and response["Location"] == url
    assert ReviewLog.objects.get().rating == 3
    # The same press again (double click, retried POST) does not count twice.
    client_in.post(url, {"card": card.pk, "rating": 3, "shown": shown})
    assert ReviewLog.objects.count() == 1
    page = client_in.get(url).content.decode()
    assert card.front not in page


def test_review_htmx_swaps_next_card_and_the_badge_in_one_reply(client_in, document):
    url = reverse("study:deck", args=[document.slug])
    cards = list(document.flashcards.order_by("-score", "id"))
    response = client_in.post(url, {"card": cards[0].pk, "rating": 4}, **HTMX)
    body = response.content.decode()
    assert "<html" not in body and cards[1].front in body
    # The header's badge comes with it, for htmx to swap out of band: 2 of 3 cards left.
    assert 'id="due-badge"' in body and 'hx-swap-oob="true"' in body
    assert '<span class="badge">2</span>' in body
    badge = client_in.get(reverse("study:due_badge"), **HTMX).content.decode()
    assert '<span class="badge">2</span>' in badge and "hx-swap-oob" not in badge
    # Showing a card's answer changes nothing due: no badge in that reply.
    reveal = client_in.get(url, {"card": cards[1].pk, "reveal": "1"}, **HTMX).content.decode()
    assert 'id="due-badge"' not in reveal


def test_review_bad_rating_says_what_to_do(client_in, document):
    url = reverse("study:deck", args=[document.slug])
    card = document.flashcards.first()
    body = client_in.post(url, {"card": card.pk, "rating": 9}, **HTMX).content.decode()
    assert "Rate with Again, Hard, Good or Easy" in body
    assert not ReviewLog.objects.exists()


def test_nothing_due_says_when_next(client_in, student, document):
    for card in document.flashcards.all():
        services.record_review(student=student, flashcard=card, rating=4)
    page = client_in.get(reverse("study:deck", args=[document.slug])).content.decode()
    assert "Nothing due right now" in page and "The next card is due in" in page


def start_quiz(client_in, document, **settings):
    """Start the document's practice quiz, its `settings` changed first."""
    if settings:
        quiz = services.quiz_for_document(document=document)
        Quiz.objects.filter(pk=quiz.pk).update(**settings)
    response = client_in.post(reverse("study:document_quiz", args=[document.slug]))
    attempt = Attempt.objects.get()
    assert response["Location"] == reverse("study:attempt", args=[attempt.pk])
    return attempt


def shown_place(attempt, question, choice) -> int:
    """Where `choice` appears (1-based) in the order the attempt shows the options."""
    return [c.pk for c in attempt.shown_choices(question)].index(choice.pk) + 1


def correct_post(attempt, question):
    if question.has_choices:
        right = question.choices.get(is_correct=True)
        return {"question": question.pk, "choice": shown_place(attempt, question, right)}
    return {"question": question.pk, "answer": question.answer.lower()}


def test_no_answer_leaks_before_answering(client_in, document):
    attempt = start_quiz(client_in, document)
    url = reverse("study:attempt", args=[attempt.pk])
    for _ in attempt.question_ids:
        page = client_in.get(url).content.decode()
        question = Question.objects.get(
            pk=int(re.search(r'name="question" value="(\d+)"', page)[1])
        )
        assert "is_correct" not in page and "correct" not in page.replace("incorrect", "")
        if not question.has_choices:
            assert question.answer not in page.split(question.prompt, 1)[1]
        else:
            # Options carry only their place in a per-attempt order and their text.
            values = re.findall(r'<input type="radio" name="choice" value="(\d+)" required>', page)
            assert values == [str(i) for i in range(1, question.choices.count() + 1)]
        client_in.post(url, correct_post(attempt, question))


def test_whole_quiz_with_feedback_and_review_without_js(client_in, document):
    attempt = start_quiz(client_in, document)
    url = reverse("study:attempt", args=[attempt.pk])
    for pk in attempt.question_ids:
        question = Question.objects.get(pk=pk)
        data = correct_post(attempt, question)
        if question.kind == Question.Kind.SHORT_ANSWER:
            data["answer"] = "Mindaugas"  # wrong on purpose
        response = client_in.post(url, data)
        assert response.status_code == 302
        page = client_in.get(response["Location"]).content.decode()
        if pk != attempt.question_ids[-1]:
            assert ("Right!" in page) != ("Not quite." in page)
            assert question.source_text in page
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == 3
    page = client_in.get(url).content.decode()
    assert "Your score: 3 / 4" in page and "Mindaugas" in page and "Gediminas" in page


def test_htmx_answer_returns_feedback_fragment(client_in, document):
    attempt = start_quiz(client_in, document)
    url = reverse("study:attempt", args=[attempt.pk])
    question = Question.objects.get(pk=attempt.question_ids[0])
    response = client_in.post(url, correct_post(attempt, question), **HTMX)
    body = response.content.decode()
    assert "<html" not in body and "Right!" in body and "Next question" in body
    # The due badge counts flashcards, which an answer does not change: no refresh request.
    assert "HX-Trigger" not in response
    # A second tab or a retried POST changes nothing.
    client_in.post(url, correct_post(attempt, question), **HTMX)
    assert Response.objects.count() == 1 and ReviewLog.objects.count() == 1


def test_invalid_answer_shows_message_in_fragment(client_in, document):
    attempt = start_quiz(client_in, document)
    url = reverse("study:attempt", args=[attempt.pk])
    question = Question.objects.get(pk=attempt.question_ids[0])
    body = client_in.post(url, {"question": question.pk}, **HTMX).content.decode()
    assert 'role="alert"' in body
    assert not Response.objects.exists()


def test_finished_attempt_refuses_answers_clearly(client_in, document):
    attempt = start_quiz(client_in, document)
    client_in.post(reverse("study:finish", args=[attempt.pk]))
    question = Question.objects.get(pk=attempt.question_ids[0])
    response = client_in.post(
        reverse("study:attempt", args=[attempt.pk]), correct_post(attempt, question), follow=True
    )
    page = response.content.decode()
    assert "This attempt is finished" in page and "Your score: 0 / 4" in page
    assert not Response.objects.exists()


def test_feedback_at_end_goes_straight_to_next_question(client_in, document):
    attempt = start_quiz(client_in, document, feedback=Quiz.Feedback.END)
    url = reverse("study:attempt", args=[attempt.pk])
    question = Question.objects.get(pk=attempt.question_ids[0])
    body = client_in.post(url, correct_post(attempt, question), **HTMX).content.decode()
    assert "Right!" not in body and "Question 2 of 4" in body


def test_other_students_attempt_is_not_found(client, other_student, student, document):
    quiz = services.quiz_for_document(document=document)
    attempt, _ = services.start_attempt(student=student, quiz=quiz)
    client.force_login(other_student)
    assert client.get(reverse("study:attempt", args=[attempt.pk])).status_code == 404


def test_attempt_limit_message(client_in, document):
    quiz = services.quiz_for_document(document=document)
    Quiz.objects.filter(pk=quiz.pk).update(max_attempts=1)
    client_in.post(reverse("study:quiz", args=[quiz.slug]))
    client_in.post(reverse("study:finish", args=[Attempt.objects.get().pk]))
    page = client_in.post(reverse("study:quiz", args=[quiz.slug]), follow=True).content.decode()
    assert "You have used all 1 attempt" in page and Attempt.objects.count() == 1


def test_progress_page_moves(client_in, student, document):
    url = reverse("study:progress")
    page = client_in.get(url).content.decode()
    assert "About vilnius" not in page and '<strong class="stat" id="streak">0</strong>' in page
    assert "No documents yet" in page and reverse("study:library") in page
    services.record_review(student=student, flashcard=document.flashcards.first(), rating=3)
    page = client_in.get(url).content.decode()
    assert "About vilnius" in page and "1 / 7" in page
    assert '<strong class="stat" id="streak">1</strong>' in page
    assert "<svg" in page and "100%" in page and "Practise" in page
    assert MemoryState.objects.count() == 1


def test_option_places_map_to_the_shown_order(client_in, document):
    attempt = start_quiz(client_in, document)
    question = Question.objects.get(kind=Question.Kind.MULTIPLE_CHOICE)
    shown = attempt.shown_choices(question)
    assert [c.pk for c in attempt.shown_choices(question)] == [c.pk for c in shown]
    wrong_place = next(i for i, c in enumerate(shown, 1) if not c.is_correct)
    url = reverse("study:attempt", args=[attempt.pk])
    client_in.post(url, {"question": question.pk, "choice": wrong_place})
    response = Response.objects.get()
    assert response.choice == shown[wrong_place - 1] and not response.is_correct
    other = Question.objects.get(kind=Question.Kind.TRUE_FALSE)
    body = client_in.post(url, {"question": other.pk, "choice": 7}, **HTMX).content.decode()
    assert "not part of this question" in body


def test_expired_session_explains_itself(client, student, document):
    response = client.get(reverse("study:review"), follow=True)
    page = response.content.decode()
    assert "your session has ended" in page and 'name="next" value="/review/"' in page
    response = client.post(
        response.redirect_chain[-1][0],
        {"username": "student_a", "password": "pw-student_a", "next": "/review/"},
    )
    assert response["Location"] == "/review/"


def test_answer_after_time_limit_is_refused_and_attempt_ends(client_in, document):
    attempt = start_quiz(client_in, document, time_limit_seconds=60)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    question = Question.objects.get(pk=attempt.question_ids[0])
    url = reverse("study:attempt", args=[attempt.pk])
    page = client_in.post(url, correct_post(attempt, question), follow=True).content.decode()
    assert "Time is up" in page and "Your score: 0 / 4" in page
    assert not Response.objects.exists()


def test_weakest_card_link_opens_that_card(client_in, student, document):
    card = document.flashcards.order_by("id").last()
    services.record_review(student=student, flashcard=card, rating=4)
    page = client_in.get(
        reverse("study:deck", args=[document.slug]), {"card": card.pk}
    ).content.decode()
    assert card.front in page and card.back not in page


def test_question_deleted_mid_attempt_is_skipped(client_in, document):
    attempt = start_quiz(client_in, document)
    first = Question.objects.get(pk=attempt.question_ids[0])
    first.delete()
    page = client_in.get(reverse("study:attempt", args=[attempt.pk])).content.decode()
    assert "Question 1 of 4" in page and first.prompt not in page
    second = Question.objects.get(pk=attempt.question_ids[1])
    assert second.prompt in page


def test_the_next_question_comes_with_the_feedback(client_in, document):
    attempt = start_quiz(client_in, document)
    url = reverse("study:attempt", args=[attempt.pk])
    first, second = (Question.objects.get(pk=pk) for pk in attempt.question_ids[:2])
    body = client_in.post(url, correct_post(attempt, first), **HTMX).content.decode()
    assert "Right!" in body and first.source_text in body
    # Shown by the "Next question" button without another request.
    assert '<div id="next-question" hidden>' in body and second.prompt in body
    assert f'name="question" value="{second.pk}"' in body
