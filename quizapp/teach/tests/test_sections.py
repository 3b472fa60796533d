"""The review page of a document with headings: its items under their sections."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizapp.content.ingest import ingest_text
from quizapp.content.models import Flashcard, Question, Status
from quizapp.content.tests.factories import build_sectioned_document
from quizapp.content.tests.test_sections import CHAPTER

HTMX = {"HTTP_HX_REQUEST": "true"}


def review_page(client, document) -> str:
    response = client.get(f"/teach/documents/{document.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def sections_of(page: str) -> list[tuple[str, str]]:
    """(heading, the section's HTML) for each section of the page, in order."""
    parts = re.split(r'<section class="review-section" id="[\w-]+"', page)[1:]
    return [(re.search(r"<h2[^>]*>([^<]+?) <span", part).group(1), part) for part in parts]


def test_items_sit_under_their_sections_in_reading_order(client, teacher):
    document = build_sectioned_document(sections=3, cards=1, questions=2, uploaded_by=teacher)
    client.force_login(teacher)

    page = review_page(client, document)

    sections = sections_of(page)
    assert [heading for heading, _ in sections] == [
        "Part 1",
        "Part 2",
        "Part 3",
        "FAQ and other items",
    ]
    for number, (_, html) in enumerate(sections[:3], start=1):
        prompts = re.findall(r'<p class="item-prompt">([^<]*)</p>', html)
        # The draft first, then the published items best score first, as on the whole page.
        assert prompts == [
            f"Part {number} draft?",
            f"Part {number} question 0?",
            f"Part {number} question 1?",
            f"Part {number} card 0?",
        ]
        assert "3 published · 1 draft" in html
    assert re.findall(r'<p class="item-prompt">([^<]*)</p>', sections[3][1]) == ["FAQ card?"]
    assert "1 published · 0 drafts" in sections[3][1]


def test_the_table_of_contents_links_to_each_section(client, teacher):
    document = build_sectioned_document(sections=2, uploaded_by=teacher)
    client.force_login(teacher)

    page = review_page(client, document)

    toc = page[
        page.index('<nav class="toc"') : page.index("</nav>", page.index('<nav class="toc"'))
    ]
    links = re.findall(r'<a href="#([\w-]+)">([^<]+)</a>', toc)
    assert [heading for _, heading in links] == ["Part 1", "Part 2", "FAQ and other items"]
    for anchor, _ in links:
        assert f'<section class="review-section" id="{anchor}"' in page
    assert "4 published · 1 draft" in toc


def test_an_ingested_chapter_is_reviewed_under_its_headings(client, teacher):
    [result] = ingest_text(source_name="canals.md", text=CHAPTER).saved
    client.force_login(teacher)

    page = review_page(client, result.document)

    headings = [heading for heading, _ in sections_of(page)]
    assert headings[:3] == ["Introduction", "The Bridgewater Canal", "The Erie Canal"]
    erie = dict(sections_of(page))["The Erie Canal"]
    assert "Erie" in erie and "Bridgewater" not in erie


def test_a_document_without_headings_has_no_sections(client, teacher, review_document):
    client.force_login(teacher)
    page = review_page(client, review_document)
    assert 'class="toc"' not in page and "review-section" not in page
    assert '<ol class="review-list" id="review-list">' in page


def test_publishing_an_item_updates_its_sections_counts(client, teacher):
    document = build_sectioned_document(sections=2, cards=1, questions=1, uploaded_by=teacher)
    client.force_login(teacher)
    draft = Question.objects.get(document=document, key="draft-1")
    Question.objects.filter(pk=draft.pk).update(
        kind=Question.Kind.SHORT_ANSWER, answer="Right", source_text="Right."
    )

    body = client.post(f"/teach/items/question/{draft.pk}/publish/", **HTMX).content.decode()

    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    key = f"section-{draft.section_id}"
    for prefix in ("", "toc-"):
        assert re.search(
            rf'<span class="section-counts" id="{prefix}{key}-counts" hx-swap-oob="true">'
            r"3 published · 0 drafts</span>",
            body,
        ), body


def test_undo_shows_the_sections_again(client, teacher):
    document = build_sectioned_document(sections=2, uploaded_by=teacher)
    client.force_login(teacher)
    card = Flashcard.objects.get(document=document, key="card-0")
    rejected = client.post(f"/teach/items/flashcard/{card.pk}/reject/", **HTMX)
    assert "3 published · 1 draft</span>" in rejected.content.decode()

    body = client.post(f"/teach/documents/{document.slug}/undo/", **HTMX).content.decode()

    assert f'id="review-list" data-focus="flashcard-{card.pk}"' in body
    assert [heading for heading, _ in sections_of(body)][:2] == ["Part 1", "Part 2"]
    assert "4 published · 1 draft" in sections_of(body)[0][1]


def test_only_flagged_keeps_the_sections(client, teacher):
    document = build_sectioned_document(sections=2, uploaded_by=teacher)
    client.force_login(teacher)
    page = client.get(f"/teach/documents/{document.slug}/?show=flagged").content.decode()
    assert "No question of this section is flagged by class data." in page
    assert '<p class="item-prompt">' not in page


def count_review_queries(client, document) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/teach/documents/{document.slug}/")
    assert response.status_code == 200
    return len(queries)


def test_the_review_page_costs_the_same_with_2_and_with_5_sections(client, teacher):
    client.force_login(teacher)
    counts = [
        count_review_queries(
            client, build_sectioned_document(f"doc-{n}", sections=n, uploaded_by=teacher)
        )
        for n in (2, 5)
    ]
    assert counts[0] == counts[1], counts
    print(f"review page with sections: {counts[0]} queries")  # noqa: T201 - shown with -s
