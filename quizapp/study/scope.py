"""A student's scope: the documents their classes assign and those they have studied or started.

Home, the review queue ("everything due"), progress and the header's due badge cover this
scope, never the whole library: a school's library grows every week, one student's work
does not. Each read here is bounded by the student's own rows (enrollments, memory states
and attempts, all indexed by student) and by the documents in scope (published items are
indexed by document), so a page costs the same with 20 documents in the library or 2,000.
The whole library is a page of its own (`library_page`), paginated and searchable by title.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from quizapp.compiled import CompiledQuery, Id, Time
from quizapp.content.models import Document, Section, Status

from . import assigned
from .models import Attempt, MemoryState

LIBRARY_PAGE_SIZE = 25


def documents_in_scope(*, student) -> QuerySet:
    """The ids of the documents in the student's scope, as a one-column query (a UNION).

    Assigned to one of the student's classes (a deck, or a quiz drawn from a document; read
    through `assigned`), or started by the student (a card reviewed, a question answered, an
    attempt begun). Three small parts, each read by an index on the student: PostgreSQL
    plans it in well under a millisecond, which matters as much as running it, since every
    page's badge asks.
    """
    studied = (
        MemoryState.objects.filter(student=student)
        .order_by()
        .values_list(Coalesce("flashcard__document_id", "question__document_id"))
    )
    attempted = Attempt.objects.filter(student=student).order_by().values_list("quiz__document_id")
    return studied.union(attempted, *assigned.document_ids(student=student))


# Every rating asks which documents the next card may come from: compiled once.
_SCOPE_IDS = CompiledQuery(lambda student: documents_in_scope(student=student), student=Id)


def scope_ids(*, student) -> list[int]:
    """The ids of the documents in the student's scope, read in one query."""
    rows = _SCOPE_IDS.rows(student=getattr(student, "pk", student))
    return [pk for (pk,) in rows if pk is not None]


def _waiting_states(*, student, now: datetime) -> QuerySet:
    """The student's memory states of published flashcards that are not due yet."""
    return MemoryState.objects.filter(
        student=student, due__gt=now, flashcard__status=Status.PUBLISHED
    ).order_by()


def subquery_total(queryset: QuerySet, expression) -> Coalesce:
    """The sum of `expression` over `queryset`'s rows, as a subquery (0 for no rows)."""
    total = queryset.annotate(all=Value(1)).values("all").annotate(n=expression).values("n")
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


def _due_count_query(*, student, now: datetime) -> QuerySet:
    """One row, one column: the scope's published cards minus the student's waiting ones.

    The scope's cards are counted document by document (an index count each; a plain
    `document_id IN (scope)` can make the planner read the whole flashcard table), the
    waiting cards through the student's memory states; both as columns of the student's
    own row, so one round trip. `student` may be a user or an id.
    """
    in_scope = Document.objects.filter(pk__in=documents_in_scope(student=student)).order_by()
    cards = subquery_total(in_scope.with_item_counts(), Sum("flashcard_count"))
    waiting = subquery_total(_waiting_states(student=student, now=now), Count("pk"))
    return (
        get_user_model()
        .objects.filter(pk=getattr(student, "pk", student))
        .values_list(cards - waiting)
    )


# Every page's header asks: the due count's SQL (a UNION and three subqueries, more Python
# for the ORM to build than for PostgreSQL to run) is compiled once per process.
_DUE_COUNT = CompiledQuery(
    lambda student, now: _due_count_query(student=student, now=now), student=Id, now=Time
)


def due_count(*, student, now: datetime | None = None) -> int:
    """How many flashcards (new or due) the student can review now, in their scope.

    The scope's published cards minus the student's cards that are not due yet: a card the
    student has a memory state for is in scope by definition, and every other card of the
    scope is new.
    """
    now = now or timezone.now()
    due = _DUE_COUNT.value(student=getattr(student, "pk", student), now=now)
    return max(due or 0, 0)


def student_documents(*, student, now: datetime | None = None) -> list[Document]:
    """The documents of the student's scope, newest first, each with `due` (cards due now)
    and `flashcard_count`, `question_count` (published items)."""
    now = now or timezone.now()
    in_scope = Document.objects.filter(pk__in=documents_in_scope(student=student))
    documents = list(in_scope.only("slug", "title", "date").with_item_counts())
    # Every card the student has a memory state for belongs to a document of the scope.
    waiting = dict(
        _waiting_states(student=student, now=now)
        .values_list("flashcard__document_id")
        .annotate(n=Count("pk"))
    )
    for document in documents:
        document.due = max(document.flashcard_count - waiting.get(document.pk, 0), 0)
    return documents


def library_page(*, student, query: str = "", page=1) -> Page:
    """One page of the whole library, newest first, its titles containing `query`.

    Each document on the page carries `flashcard_count` and `question_count` (published),
    `section_count` and `in_scope` (whether it is one of the student's documents), all read
    with the page: the counts are computed for its rows only, after the sort and limit.
    """
    documents = Document.objects.only("slug", "title", "date").order_by("-date", "title", "pk")
    if query:
        documents = documents.filter(title__icontains=query)
    sections = Section.objects.filter(document=OuterRef("pk")).order_by()
    documents = documents.with_item_counts().annotate(
        section_count=subquery_total(sections, Count("pk")),
        in_scope=ExpressionWrapper(
            Q(pk__in=documents_in_scope(student=student)), output_field=BooleanField()
        ),
    )
    return Paginator(documents, LIBRARY_PAGE_SIZE).get_page(page)
