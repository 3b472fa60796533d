"""Reads for the teacher's workspace: their documents with counts, a batch's uploads, and a
document's items for review, each in a fixed number of queries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q, QuerySet

from quizapp.classes.selectors import question_analysis
from quizapp.content.models import Document, Flashcard, Question, Status, Upload

from .marking import mark_answer


def visible_documents(teacher) -> QuerySet[Document]:
    """Documents `teacher` works on: those they uploaded and those ingested on the command
    line (every teacher's); a superuser sees them all."""
    documents = Document.objects.all()
    if not teacher.is_superuser:
        documents = documents.filter(Q(uploaded_by=teacher) | Q(uploaded_by__isnull=True))
    return documents


def documents_for_home(teacher) -> QuerySet[Document]:
    """The teacher's documents, newest first, with drafts, published and rejected items."""
    return visible_documents(teacher).with_review_counts().order_by("-created_at", "-pk")


@dataclass(frozen=True)
class ClassFlags:
    """Questions the teacher's class data flags (the class report's item analysis)."""

    reasons: dict[int, list[str]] = field(default_factory=dict)  # question id -> reasons
    documents: Counter = field(default_factory=Counter)  # document id -> flagged questions


def class_flags(teacher) -> ClassFlags:
    """Which questions the class report flags, across the teacher's classes."""
    flags = ClassFlags()
    for stats in question_analysis(teacher=teacher):
        if stats.flagged:
            flags.reasons[stats.question.pk] = stats.flags
            flags.documents[stats.question.document_id] += 1
    return flags


def batch_uploads(teacher, batch) -> list[Upload]:
    """The files of one upload, in the order they were sent, with their documents."""
    return list(
        Upload.objects.for_teacher(teacher)
        .filter(batch=batch)
        .select_related("document")
        .defer("text", "document__text")
        .order_by("id")
    )


def latest_unfinished_batch(teacher):
    """The batch id of the teacher's newest upload still queued or generating, or None."""
    return (
        Upload.objects.filter(
            teacher=teacher, state__in=[Upload.State.QUEUED, Upload.State.GENERATING]
        )
        .order_by("-id")
        .values_list("batch", flat=True)
        .first()
    )


@dataclass
class ReviewItem:
    """A question or flashcard as the review page shows it."""

    obj: Question | Flashcard
    flags: list[str]

    @property
    def model(self) -> str:
        return "question" if isinstance(self.obj, Question) else "flashcard"

    @property
    def dom_id(self) -> str:
        return f"{self.model}-{self.obj.pk}"

    @property
    def is_question(self) -> bool:
        return self.model == "question"

    @property
    def prompt(self) -> str:
        return self.obj.prompt if self.is_question else self.obj.front

    @property
    def answer(self) -> str:
        return self.obj.answer if self.is_question else self.obj.back

    @property
    def kind(self) -> str:
        label = self.obj.get_kind_display()
        return label if self.is_question else f"Flashcard ({label})"

    @property
    def choices(self) -> list:
        return list(self.obj.choices.all()) if self.is_question and self.obj.has_choices else []

    @cached_property
    def marked_source(self):
        return mark_answer(self.obj.source_text, self.answer)


def _review_order(item: ReviewItem):
    return (item.obj.status != Status.DRAFT, -item.obj.score, item.model, item.obj.pk)


def review_items(
    document: Document, flags: ClassFlags, *, only_flagged: bool = False
) -> list[ReviewItem]:
    """Every item of `document`, drafts first, best score first (three queries)."""
    questions = Question.objects.for_document(document).prefetch_related("choices")
    if only_flagged:
        questions = questions.filter(pk__in=list(flags.reasons))
    items = [ReviewItem(q, flags.reasons.get(q.pk, [])) for q in questions]
    if not only_flagged:
        items += [ReviewItem(c, []) for c in Flashcard.objects.for_document(document)]
    return sorted(items, key=_review_order)


def review_item(model: str, pk: int, teacher, flags: ClassFlags | None = None) -> ReviewItem:
    """One item of a document the teacher may review; `DoesNotExist` otherwise."""
    documents = visible_documents(teacher)
    if model == "question":
        obj = Question.objects.prefetch_related("choices").get(pk=pk, document__in=documents)
    else:
        obj = Flashcard.objects.get(pk=pk, document__in=documents)
    reasons = flags.reasons.get(obj.pk, []) if flags and model == "question" else []
    return ReviewItem(obj, reasons)
