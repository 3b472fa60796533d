"""A student's document page lists its sections; a student reviews or quizzes one section."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quizapp.content.ingest import ingest_text
from quizapp.content.models import Flashcard, Question, Section, Status
from quizapp.content.tests.factories import build_sectioned_document
from quizapp.content.tests.test_sections import CHAPTER
from quizapp.study import services
from quizapp.study.models import Attempt, MemoryState, Quiz, Response
from quizapp.study.tests.factories import answer_right

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def client_in(client, student):
    client.force_login(student)
    return client


def section_url(document, position: int) -> str:
    return reverse("study:section", args=[document.slug, position])


def quiz_url(document, position: int) -> str:
    return reverse("study:section_quiz", args=[document.slug, position])


def publish_everything(document) -> None:
    Question.objects.for_document(document).update(status=Status.PUBLISHED)
    Flashcard.objects.for_document(document).update(status=Status.PUBLISHED)


def test_an_ingested_documents_page_lists_its_headings_in_reading_order(client_in):
    [result] = ingest_text(source_name="canals.md", text=CHAPTER).saved
    document = result.document
    publish_everything(document)

    page = client_in.get(reverse("study:deck", args=[document.slug])).content.decode()

    sections = page[page.index('id="sections-heading"') :]
    headings = re.findall(r'<a href="/decks/canals/sections/(\d+)/">([^<]+)</a>', sections)
    assert headings == [
        ("0", "Introduction"),
        ("1", "The Bridgewater Canal"),
        ("2", "The Erie Canal"),
    ]
    assert "FAQ" not in re.findall(r"<h2[^>]*>([^<]+)</h2>", sections)


def test_each_section_shows_what_is_due_and_new_with_its_links(client_in, student):
    document = build_sectioned_document(sections=2, cards=3, questions=2)
    first = Flashcard.objects.get(document=document, key="card-0")
    second = Flashcard.objects.get(document=document, key="card-1")
    now = timezone.now()
    MemoryState.objects.create(student=student, flashcard=first, due=now - timedelta(hours=1))
    MemoryState.objects.create(student=student, flashcard=second, due=now + timedelta(days=3))

    page = client_in.get(reverse("study:deck", args=[document.slug])).content.decode()

    rows = page[page.index('id="sections-heading"') :].split('<li class="section-row')[1:]
    assert len(rows) == 2
    assert "Part 1" in rows[0] and "1 due, 1 new · 2 questions" in rows[0]
    assert "Part 2" in rows[1] and "0 due, 3 new · 2 questions" in rows[1]
    for position, row in enumerate(rows):
        assert f'href="{section_url(document, position)}"' in row
        assert "Review this section" in row
        assert f'action="{quiz_url(document, position)}"' in row and "Quiz this section" in row
        assert 'name="csrfmiddlewaretoken"' in row


def test_a_document_without_sections_shows_no_sections(client_in, document):
    page = client_in.get(reverse("study:deck", args=[document.slug])).content.decode()
    assert "Review: About vilnius" in page
    assert "sections-heading" not in page and "Review this section" not in page


def test_reviewing_a_section_shows_only_its_cards_until_none_is_left(client_in, student):
    document = build_sectioned_document(sections=3, cards=3)
    url = section_url(document, 1)
    seen = []
    for _ in range(10):
        page = client_in.get(url).content.decode()
        match = re.search(r'data-card="(\d+)"', page)
        if match is None:
            break
        card = Flashcard.objects.get(pk=match.group(1))
        # The front without its answer until "Show answer".
        assert card.front in page and card.back not in page
        assert "Review: Part 2" in page
        response = client_in.post(url, {"card": card.pk, "rating": 3})
        assert response.status_code == 302 and response["Location"] == url
        seen.append(card.front)
    assert sorted(seen) == ["Part 2 card 0?", "Part 2 card 1?", "Part 2 card 2?"]
    assert "Nothing due right now" in page
    # The other sections' cards and the FAQ card are still new.
    assert MemoryState.objects.filter(student=student).count() == 3


def test_a_section_reveals_and_rates_with_htmx_and_keeps_to_its_cards(client_in):
    document = build_sectioned_document(sections=2, cards=1)
    url = section_url(document, 0)
    card = Flashcard.objects.get(document=document, key="card-0")
    page = client_in.get(url, {"card": card.pk, "reveal": "1"}, **HTMX).content.decode()
    assert card.back in page and f'hx-post="{url}"' in page

    page = client_in.post(url, {"card": card.pk, "rating": 3}, **HTMX).content.decode()

    assert "Nothing due right now" in page and "Part 2" not in page


def test_a_card_of_another_section_is_not_shown_or_rated_there(client_in):
    document = build_sectioned_document(sections=2, cards=1)
    other = Flashcard.objects.get(document=document, key="card-1")
    url = section_url(document, 0)

    page = client_in.get(url, {"card": other.pk, "reveal": "1"}).content.decode()
    assert other.back not in page
    assert client_in.post(url, {"card": other.pk, "rating": 3}).status_code == 404
    assert not MemoryState.objects.exists()


def test_the_section_quiz_holds_only_that_sections_published_questions(client_in):
    document = build_sectioned_document(sections=3, questions=3)

    response = client_in.post(quiz_url(document, 2))

    attempt = Attempt.objects.get()
    assert response["Location"] == reverse("study:attempt", args=[attempt.pk])
    assert attempt.quiz.title == f"{document.title}: Part 3"
    prompts = set(
        Question.objects.filter(pk__in=attempt.question_ids).values_list("prompt", flat=True)
    )
    assert prompts == {"Part 3 question 0?", "Part 3 question 1?", "Part 3 question 2?"}
    page = client_in.get(response["Location"]).content.decode()
    question = Question.objects.get(pk=attempt.question_ids[0])
    assert question.prompt in page
    # The options are there, but not which is right, nor the explanation.
    assert "correct" not in page.lower() and question.source_text not in page


def test_the_section_quiz_is_the_same_quiz_next_time_and_follows_its_heading(client_in):
    document = build_sectioned_document(sections=2)
    client_in.post(quiz_url(document, 1))
    Section.objects.filter(document=document, position=1).update(heading="Locks and weirs")
    Attempt.objects.update(finished_at=timezone.now())

    client_in.post(quiz_url(document, 1))

    quiz = Quiz.objects.get(section__position=1)
    assert quiz.title == f"{document.title}: Locks and weirs"
    assert quiz.attempts.count() == 2
    # The whole document's quiz is another quiz, drawing from every section.
    whole = services.quiz_for_document(document=document)
    assert whole.pk != quiz.pk and whole.section is None


def test_a_section_without_published_questions_says_so(client_in):
    document = build_sectioned_document(sections=2, questions=2)
    Question.objects.filter(section__position=1).update(status=Status.DRAFT)

    page = client_in.get(reverse("study:deck", args=[document.slug])).content.decode()
    row = page.split('<li class="section-row')[2]
    assert "No published questions yet, so no quiz" in row and "Quiz this section" not in row

    response = client_in.post(quiz_url(document, 1), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == section_url(document, 1)
    assert "no published questions" in response.content.decode()
    assert not Attempt.objects.exists()


def test_a_section_without_cards_says_so(client_in):
    document = build_sectioned_document(sections=1, cards=0)
    page = client_in.get(section_url(document, 0)).content.decode()
    assert "This section has no published cards yet." in page


@pytest.mark.parametrize("position", [2, 40000, 2**40])
def test_a_section_that_does_not_exist_is_a_404(client_in, position):
    document = build_sectioned_document(sections=2)
    assert client_in.get(section_url(document, position)).status_code == 404
    assert client_in.post(quiz_url(document, position)).status_code == 404
    assert not Quiz.objects.exists()


def test_a_section_of_an_unknown_document_is_a_404(client_in):
    build_sectioned_document(slug="canals", sections=2)
    assert client_in.get("/decks/rivers/sections/0/").status_code == 404
    assert client_in.post("/decks/rivers/sections/0/quiz/").status_code == 404


def test_sections_need_a_signed_in_student(client, db):
    document = build_sectioned_document(sections=2)
    for response in (client.get(section_url(document, 0)), client.post(quiz_url(document, 0))):
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.get(section_url(document, 0), **HTMX)
    assert response.status_code == 204 and "/accounts/login/" in response["HX-Redirect"]
    assert not Quiz.objects.exists()


def test_the_section_quiz_needs_a_post(client_in):
    document = build_sectioned_document(sections=1)
    assert client_in.get(quiz_url(document, 0)).status_code == 405


def test_the_library_names_how_many_sections_a_document_has(client_in, document):
    build_sectioned_document(slug="canals", sections=3, title="Canals")
    page = client_in.get(reverse("study:library")).content.decode()
    canals = page[page.index(">Canals<") :].split("</li>")[0]
    assert "3 sections" in canals
    vilnius = page[page.index(">About vilnius<") :].split("</li>")[0]
    assert "section" not in vilnius


def count_queries(client, method, url, data=None, **extra) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data or {}, **extra)
    assert response.status_code in (200, 302), response.status_code
    return len(queries)


def section_page_costs(client, student, sections: int) -> dict[str, int]:
    document = build_sectioned_document(slug=f"doc-{sections}", sections=sections, cards=4)
    now = timezone.now()
    MemoryState.objects.bulk_create(
        MemoryState(student=student, flashcard=card, due=now + timedelta(days=i % 3 - 1))
        for i, card in enumerate(Flashcard.objects.filter(document=document, key__endswith="0"))
    )
    card = Flashcard.objects.get(document=document, key="card-5")
    deck = reverse("study:deck", args=[document.slug])
    section = section_url(document, 1)
    return {
        "document page": count_queries(client, "get", deck),
        "section page": count_queries(client, "get", section),
        "section card (htmx)": count_queries(client, "get", section, **HTMX),
        "section reveal (htmx)": count_queries(
            client, "get", section, {"card": card.pk, "reveal": "1"}, **HTMX
        ),
        "section rating (htmx)": count_queries(
            client, "post", section, {"card": card.pk, "rating": 3}, **HTMX
        ),
        "library": count_queries(client, "get", reverse("study:library")),
    }


def test_section_pages_cost_the_same_with_2_and_with_5_sections(client_in, student):
    two = section_page_costs(client_in, student, 2)
    five = section_page_costs(client_in, student, 5)
    assert two == five
    # Session and user, the document, its sections with their counts, the card, the badge.
    assert two["document page"] == 6
    assert two["section page"] == 5
    assert two["section rating (htmx)"] == 11
    print(two)  # noqa: T201 - shown with -s


def test_ingesting_again_keeps_a_renamed_sections_quiz_and_a_gone_ones_answers(client_in):
    [result] = ingest_text(source_name="canals.md", text=CHAPTER).saved
    document = result.document
    publish_everything(document)
    client_in.post(quiz_url(document, 2))
    quiz = Quiz.objects.get(section__position=2)
    assert quiz.title == "The age of canals: The Erie Canal" and quiz.attempts.count() == 1

    renamed = CHAPTER.replace("## The Erie Canal", "## New York's canal")
    ingest_text(source_name="canals.md", text=renamed)
    client_in.post(quiz_url(document, 2))

    quiz.refresh_from_db()
    assert quiz.title == "The age of canals: New York's canal" and quiz.attempts.count() == 1
    attempt = quiz.attempts.get()
    answer_right(attempt, Question.objects.get(pk=attempt.question_ids[0]))

    # One heading fewer: the last section goes, but its quiz keeps the students' answers.
    ingest_text(source_name="canals.md", text=renamed.replace("## The Bridgewater Canal\n\n", ""))

    quiz.refresh_from_db()
    assert quiz.section is None and quiz.attempts.count() == 1
    assert Response.objects.filter(attempt__quiz=quiz).count() == 1
    assert client_in.post(quiz_url(document, 2)).status_code == 404
    assert client_in.get(section_url(document, 1)).status_code == 200

    # The heading back: the section's quiz is its own again, attempts and all.
    ingest_text(source_name="canals.md", text=renamed)
    client_in.post(quiz_url(document, 2))
    quiz.refresh_from_db()
    assert quiz.section == document.sections.get(position=2)
    assert Response.objects.filter(attempt__quiz=quiz).count() == 1
