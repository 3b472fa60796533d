"""A student's scope: their classes' assignments and what they started; the library beside it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from quizapp.content.models import Flashcard, Status
from quizapp.study import scope, selectors, services
from quizapp.study.tests.factories import QuizFactory, answer_right, start

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def library(build_document):
    """Four documents; none is the student's until assigned or started."""
    return [build_document(slug) for slug in ("vilnius", "kaunas", "riga", "tallinn")]


@pytest.fixture
def client_in(client, student):
    client.force_login(student)
    return client


def test_scope_is_what_is_assigned_or_started(student, other_student, library, assign):
    vilnius, kaunas, riga, tallinn = library
    assert scope.scope_ids(student=student) == []
    assign(student, document=vilnius)
    quiz = services.quiz_for_document(document=kaunas)
    services.start_attempt(student=student, quiz=quiz)
    services.record_review(student=student, flashcard=riga.flashcards.first(), rating=3)
    assert set(scope.scope_ids(student=student)) == {vilnius.pk, kaunas.pk, riga.pk}
    assert scope.scope_ids(student=other_student) == []


def test_a_hand_picked_quiz_brings_the_documents_of_what_is_answered(student, library, assign):
    vilnius, kaunas = library[:2]
    picked = [vilnius.questions.first(), kaunas.questions.first()]
    quiz = QuizFactory(slug="mixed", title="Mixed", shuffle=True, questions=picked)
    assign(student, quiz=quiz)
    attempt = start(student, quiz)
    assert scope.scope_ids(student=student) == []  # drawn from no one document
    answer_right(attempt, vilnius.questions.first())
    assert scope.scope_ids(student=student) == [vilnius.pk]


def test_due_count_covers_the_scope_only(student, library, assign):
    now = timezone.now()
    vilnius, kaunas = library[:2]
    assert scope.due_count(student=student, now=now) == 0
    assign(student, document=vilnius)
    assert scope.due_count(student=student, now=now) == 3
    # Reviewing a card of another document brings that document's cards in.
    first, *rest = kaunas.flashcards.all()
    services.record_review(student=student, flashcard=first, rating=4, now=now)
    assert scope.due_count(student=student, now=now) == 3 + len(rest)
    # Unpublished cards are not due, studied or not.
    Flashcard.objects.filter(pk=rest[0].pk).update(status=Status.DRAFT)
    assert scope.due_count(student=student, now=now) == 3 + len(rest) - 1
    # The count agrees with the review queue, card for card, now and later.
    for when in (now, now + timezone.timedelta(days=30)):
        queue = list(selectors.due_cards(student=student, now=when))
        assert scope.due_count(student=student, now=when) == len(queue)
        assert {card.document_id for card in queue} <= {vilnius.pk, kaunas.pk}


def test_new_student_home_points_at_the_library_and_classes(client_in, library):
    page = client_in.get(reverse("study:home")).content.decode()
    assert "You have not started a document yet" in page
    assert reverse("study:library") in page and "/classes/join/" in page
    assert "About vilnius" not in page
    assert '<span class="badge">0</span>' in page


def test_home_lists_the_students_documents_with_what_is_due(client_in, student, library, assign):
    vilnius, kaunas = library[:2]
    assign(student, document=vilnius)
    services.record_review(student=student, flashcard=kaunas.flashcards.first(), rating=4)
    page = client_in.get(reverse("study:home")).content.decode()
    assert "About vilnius" in page and "3 due" in page
    assert "About kaunas" in page and "2 due" in page
    assert "About riga" not in page and "About tallinn" not in page
    assert '<span class="badge">5</span>' in page


def test_review_everything_due_covers_the_scope(client_in, student, library, assign):
    page = client_in.get(reverse("study:review")).content.decode()
    assert "Nothing due right now" in page and reverse("study:library") in page
    assign(student, document=library[2])
    page = client_in.get(reverse("study:review")).content.decode()
    assert "About riga" in page


def test_progress_shows_mastery_for_the_scope(client_in, student, library, assign):
    assign(student, document=library[0])
    page = client_in.get(reverse("study:progress")).content.decode()
    assert "About vilnius" in page and "About kaunas" not in page


def test_library_pages_and_searches_titles(client_in, student, build_document, assign):
    documents = [build_document(f"doc-{i:02}", cards=1) for i in range(scope.LIBRARY_PAGE_SIZE + 5)]
    assign(student, document=documents[0])
    page = client_in.get(reverse("study:library")).content.decode()
    assert f"{len(documents)} documents" in page and "page 1 of 2" in page
    assert page.count('class="document-row"') == scope.LIBRARY_PAGE_SIZE
    assert 'rel="next"' in page and "1 card, 4 questions" in page
    second = client_in.get(reverse("study:library"), {"page": 2}).content.decode()
    assert second.count('class="document-row"') == 5 and 'rel="prev"' in second
    # Nonsense page numbers show the last page rather than an error.
    assert client_in.get(reverse("study:library"), {"page": "x"}).status_code == 200
    found = client_in.get(reverse("study:library"), {"q": "DOC-00"}).content.decode()
    assert "About doc-00" in found and "About doc-01" not in found
    assert "in your documents" in found
    fragment = client_in.get(reverse("study:library"), {"q": "doc-01"}, **HTMX).content.decode()
    assert "<html" not in fragment and "About doc-01" in fragment
    nothing = client_in.get(reverse("study:library"), {"q": "<b>zzz</b>"}).content.decode()
    assert "No document has" in nothing and "<b>zzz</b>" not in nothing


def test_library_is_linked_from_home_and_the_header(client_in):
    page = client_in.get(reverse("study:home")).content.decode()
    assert page.count(f'href="{reverse("study:library")}"') >= 2
