"""The teacher's home, the review page and the progress fragment run the same queries for
5 items as for 500."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizapp.content.models import Document, Question, Status, Upload
from quizapp.content.tests.factories import DocumentFactory, FlashcardFactory, QuestionFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def build(teacher, n: int) -> tuple[Document, uuid.UUID]:
    """n documents (the last with n questions and n flashcards) and a batch of n uploads."""
    documents = DocumentFactory.create_many(
        n,
        slug=lambda i: f"doc-{n}-{i}",
        title=lambda i: f"Doc {i}",
        source_name=lambda i: f"doc-{i}.txt",
        uploaded_by=teacher,
    )
    document = documents[-1]
    QuestionFactory.create_many(
        n,
        document=document,
        key=lambda i: f"q{i}",
        kind=Question.Kind.MULTIPLE_CHOICE,
        prompt=lambda i: f"Prompt {i}?",
        answer="A",
        source_text=lambda i: f"A is the answer {i}.",
        status=lambda i: [Status.DRAFT, Status.PUBLISHED, Status.REJECTED][i % 3],
        score=lambda i: i / n,
        choices="ABC",
    )
    FlashcardFactory.create_many(
        n, document=document, key=lambda i: f"c{i}", status=Status.DRAFT, source_text="s"
    )
    batch = uuid.uuid4()
    Upload.objects.bulk_create(
        Upload(
            batch=batch,
            teacher=teacher,
            name=f"doc-{i}.txt",
            text="t",
            state=[Upload.State.QUEUED, Upload.State.DONE, Upload.State.GENERATING][i % 3],
            document=documents[i] if i % 3 == 1 else None,
            # A long document a section at a time: the page says which section it is at.
            section_count=58 if i % 3 == 2 else 0,
            section_number=i % 58 + 1,
            section_heading=f"Section {i}",
        )
        for i in range(n)
    )
    return document, batch


def count_queries(client, url, **headers) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "page", ["home", "review", "progress fragment"], ids=lambda p: p.replace(" ", "-")
)
def test_teacher_pages_run_constant_queries(client, teacher, page, make_user):
    counts = []
    for n in (5, 500):
        document, batch = build(teacher, n)
        client.force_login(teacher)
        url, headers = {
            "home": ("/teach/", {}),
            "review": (f"/teach/documents/{document.slug}/", {}),
            "progress fragment": (f"/teach/uploads/{batch}/", HTMX),
        }[page]
        counts.append(count_queries(client, url, **headers))
    assert counts[0] == counts[1], counts
    print(f"{page}: {counts[0]} queries")  # noqa: T201 - shown with -s, quoted in the README
