"""Reads for the teacher's workspace: their documents with counts, a batch's uploads, and a
document's items for review, each in a fixed number of queries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, Q, QuerySet

from quizapp.classes.selectors import question_analysis
from quizapp.content.models import Document, Flashcard, Question, Section, Status, Upload
from quizapp.study.selectors import with_sections_flag

from .marking import mark_answer


def visible_documents(teacher) -> QuerySet[Document]:
    """Documents `teacher` works on: those they uploaded and those ingested on the command
    line (every teacher's); a superuser sees them all."""
    documents = Document.objects.all()
    if not teacher.is_superuser:
        documents = documents.filter(Q(uploaded_by=teacher) | Q(uploaded_by__isnull=True))
    return documents


def documents_for_review(teacher) -> QuerySet[Document]:
    """`visible_documents`, each with `has_sections` (whether it has headings), read with it."""
    return with_sections_flag(visible_documents(teacher))


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


OTHER_HEADING = "FAQ and other items"


@dataclass(frozen=True)
class SectionCounts:
    """How many of a section's items (flashcards and questions) are published and drafts."""

    published: int = 0
    drafts: int = 0


@dataclass
class ReviewGroup:
    """The items of one section on the review page, or those of no section (`section` None:
    FAQ cards and items a teacher added), with the section's counts."""

    section: Section | None
    counts: SectionCounts
    items: list[ReviewItem] = field(default_factory=list)

    @property
    def key(self) -> str:
        return group_key(self.section.pk if self.section else None)

    @property
    def heading(self) -> str:
        return self.section.heading if self.section else OTHER_HEADING


def group_key(section_id: int | None) -> str:
    """The id a section's group (and its counts) has on the review page."""
    return f"section-{section_id}" if section_id else "section-other"


def section_counts(document: Document) -> dict[int | None, SectionCounts]:
    """Published and draft items of each section of `document` (None: those of no section),
    flashcards and questions together, in one query."""
    wanted = Q(status__in=[Status.PUBLISHED, Status.DRAFT])

    def per_section(model):
        return (
            model.objects.for_document(document)
            .filter(wanted)
            .order_by()
            .values_list("section_id", "status")
            .annotate(n=Count("pk"))
        )

    totals: dict[int | None, dict[str, int]] = {}
    for section_id, status, n in per_section(Flashcard).union(per_section(Question), all=True):
        by_status = totals.setdefault(section_id, {})
        by_status[status] = by_status.get(status, 0) + n
    return {
        section_id: SectionCounts(
            published=by_status.get(Status.PUBLISHED, 0), drafts=by_status.get(Status.DRAFT, 0)
        )
        for section_id, by_status in totals.items()
    }


def review_groups(document: Document, items: list[ReviewItem]) -> list[ReviewGroup]:
    """`items` under their sections in reading order, those of no section last, each group
    keeping the items' order; [] for a document without sections (two queries, none when
    the document was read with `has_sections` False)."""
    if getattr(document, "has_sections", True) is False:
        return []
    sections = list(document.sections.order_by("position"))
    if not sections:
        return []
    counts = section_counts(document)
    groups = {s.pk: ReviewGroup(s, counts.get(s.pk, SectionCounts())) for s in sections}
    groups[None] = ReviewGroup(None, counts.get(None, SectionCounts()))
    for item in items:
        groups.get(item.obj.section_id, groups[None]).items.append(item)
    other = groups.pop(None)
    return [*groups.values(), *([other] if other.items or other.counts != SectionCounts() else [])]


def review_item(model: str, pk: int, teacher, flags: ClassFlags | None = None) -> ReviewItem:
    """One item of a document the teacher may review; `DoesNotExist` otherwise."""
    documents = visible_documents(teacher)
    if model == "question":
        obj = Question.objects.prefetch_related("choices").get(pk=pk, document__in=documents)
    else:
        obj = Flashcard.objects.get(pk=pk, document__in=documents)
    reasons = flags.reasons.get(obj.pk, []) if flags and model == "question" else []
    return ReviewItem(obj, reasons)
