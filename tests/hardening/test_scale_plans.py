"""On PostgreSQL, with a library large enough for whole-table reads to be sequential scans,
no student page reads the flashcard, question or memory-state table whole.

The school comes from the benchmarks' builder (COPY, a few seconds): 200 students in five
classes with their answers and reviews, and a library of 310 documents (6,200 flashcards,
15,500 questions). After ANALYZE the planner knows the sizes; a query that counts every
published flashcard (as the header's badge once did) is planned as a sequential scan here,
which the test checks first, so that the rest proves something.
"""

import re
from io import StringIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.data import build_school
from benchmarks.data.run import seq_scans
from quizapp.content.models import Document, Flashcard, Question, Section
from quizapp.study.models import Attempt

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL plans"),
]

WATCHED = ("content_flashcard", "content_question", "study_memorystate")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def school(db):
    args = ["--students", "200", "--classes", "5", "--questions", "500", "--responses", "8000"]
    args += ["--quizzes-per-class", "2", "--library", "310"]
    build_school.build(args, stdout=StringIO())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def plan_scans(sql: str, params=None) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        return seq_scans(cursor.fetchone()[0][0]["Plan"], WATCHED)


def test_student_pages_read_by_index_only(school, client, django_user_model):
    # At this size the planner reads a whole table sequentially, as the badge once did.
    whole_library = "SELECT COUNT(*) FROM content_flashcard WHERE status = %s"
    assert plan_scans(whole_library, ["published"]) == {"content_flashcard"}

    student = django_user_model.objects.get(username="school-student-0000")
    client.force_login(student)
    started = client.post("/quizzes/school-quiz-000/")
    assert started.status_code == 302
    attempt = re.search(r"/attempts/(\d+)/", started["Location"])[0]
    assert Attempt.objects.filter(student=student, finished_at__isnull=True).exists()
    # One library document with headings: its deck lists its sections, one is reviewed.
    document = Document.objects.order_by("pk").first()
    sections = Section.objects.bulk_create(
        Section(document=document, position=i, heading=f"Part {i + 1}") for i in range(3)
    )
    for model in (Flashcard, Question):
        for i, pk in enumerate(
            model.objects.filter(document=document).values_list("pk", flat=True)
        ):
            model.objects.filter(pk=pk).update(section=sections[i % 3])
    deck = f"/decks/{document.slug}/"
    pages = [
        (deck, {}),
        (f"{deck}sections/1/", {}),
        (f"{deck}sections/1/", HTMX),
        ("/", {}),
        ("/library/", {}),
        ("/library/?q=history", HTMX),
        ("/review/", {}),
        (attempt, {}),
        (attempt, HTMX),
        ("/progress/", {}),
        ("/due-badge/", HTMX),
    ]
    scanned = {}
    for url, headers in pages:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, **headers).status_code == 200
        for query in captured.captured_queries:
            if query["sql"].lstrip().upper().startswith("SELECT"):
                tables = plan_scans(query["sql"])
                if tables:
                    scanned[f"{url}: {query['sql'][:200]}"] = tables
    assert not scanned, "\n".join(scanned)
