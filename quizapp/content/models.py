"""Documents and the study items generated from them.

Every generated item carries its provenance (`source_text`, `generator`, `score`) and a
stable `key` that ingest uses to recognise the same item when a document is ingested
again. Natural keys (document slug, item key) let fixtures move between databases.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse

from . import rules
from .progress import section_label


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected"


class DocumentQuerySet(models.QuerySet):
    def with_item_counts(self):
        """Each document with `flashcard_count` and `question_count` (published items) and
        `draft_question_count` (questions waiting for a teacher), in the same query."""
        return self.annotate(
            flashcard_count=_item_count(Flashcard, Status.PUBLISHED),
            question_count=_item_count(Question, Status.PUBLISHED),
            draft_question_count=_item_count(Question, Status.DRAFT),
        )

    def with_review_counts(self):
        """Each document with its `drafts`, `published` and `rejected` items (flashcards and
        questions together), in the same query."""
        return self.annotate(
            **{
                name: _item_count(Flashcard, status) + _item_count(Question, status)
                for name, status in (
                    ("drafts", Status.DRAFT),
                    ("published", Status.PUBLISHED),
                    ("rejected", Status.REJECTED),
                )
            }
        )


def _item_count(model, status: str):
    """A subquery counting a document's items of `model` in `status`; 0 when there are none."""
    counts = (
        model.objects.filter(document=models.OuterRef("pk"), status=status)
        .order_by()
        .values("document")
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    return Coalesce(models.Subquery(counts, output_field=models.IntegerField()), 0)


class DocumentManager(models.Manager.from_queryset(DocumentQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Document(models.Model):
    """A source document, as ingested from a plain-text file."""

    slug = models.SlugField(max_length=200, unique=True)
    title = models.CharField(max_length=300)
    date = models.DateField(null=True, blank=True)
    source_name = models.CharField(max_length=255, help_text="File name the document came from.")
    text = models.TextField(help_text="Full text as ingested (line endings normalised).")
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the text.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The teacher who uploaded it from the browser or the API; empty when it "
        "came in through the `ingest` command (every teacher's).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DocumentManager()

    class Meta:
        ordering = ["-date", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("study:deck", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class Section(models.Model):
    """A part of a document under one of its headings, in reading order.

    A document without headings has no sections. Items hang off the section their source
    passage is in (FAQ cards and items a teacher wrote hang off none), so a student can
    review or take a quiz on one section."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(help_text="0 for the first section.")
    heading = models.CharField(max_length=300)
    level = models.PositiveSmallIntegerField(default=2, help_text="1 to 6, as in Markdown.")
    word_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "position"], name="section_unique_position"
            ),
        ]

    def __str__(self):
        return self.heading


class ItemQuerySet(models.QuerySet):
    def published(self):
        """Items students may see."""
        return self.filter(status=Status.PUBLISHED)

    def drafts(self):
        """Items waiting for a teacher's review."""
        return self.filter(status=Status.DRAFT)

    def for_document(self, document):
        """Items generated from (or added to) one document."""
        return self.filter(document=document)

    def in_section(self, section):
        """Items whose source passage is in one section of their document."""
        return self.filter(section=section)


class ItemManager(models.Manager.from_queryset(ItemQuerySet)):
    def get_by_natural_key(self, document_slug, key):
        return self.get(document__slug=document_slug, key=key)


class GeneratedItem(models.Model):
    """Fields every flashcard and question shares: where it came from and its review state."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(
        max_length=40,
        blank=True,
        help_text="Stable identifier within the document; kept when a teacher edits the item.",
    )
    source_text = models.TextField(help_text="The exact passage of the document it came from.")
    section = models.ForeignKey(
        Section,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="%(class)ss",
        help_text="The section its source passage is in; empty for FAQ cards and added items.",
    )
    generator = models.CharField(max_length=60, blank=True)
    score = models.FloatField(default=0.0, help_text="Generator's confidence, 0 to 1.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    teacher_edited = models.BooleanField(
        default=False, help_text="Set when a teacher edits it; re-ingest never overwrites it."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ItemManager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Items a teacher adds by hand get a key of their own that nothing generated can take.
        if not self.key:
            self.key = f"manual-{uuid.uuid4().hex[:16]}"
        super().save(*args, **kwargs)

    def natural_key(self):
        return (*self.document.natural_key(), self.key)

    natural_key.dependencies = ["content.document"]


class Flashcard(GeneratedItem):
    """A front and a back to review on a spaced-repetition schedule."""

    class Kind(models.TextChoices):
        FAQ = "faq", "FAQ"
        TERM = "term", "Term"
        FACT = "fact", "Fact"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="flashcards")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    front = models.TextField()
    back = models.TextField()

    class Meta:
        ordering = ["document", "-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "key"], name="flashcard_unique_key"),
        ]
        indexes = [models.Index(fields=["document", "status"])]

    def __str__(self):
        return self.front[:80]


class Question(GeneratedItem):
    """A quiz question; multiple choice and true/false ones have `Choice` rows."""

    class Kind(models.TextChoices):
        MULTIPLE_CHOICE = rules.MULTIPLE_CHOICE, rules.QUESTION_KINDS[rules.MULTIPLE_CHOICE]
        TRUE_FALSE = rules.TRUE_FALSE, rules.QUESTION_KINDS[rules.TRUE_FALSE]
        CLOZE = rules.CLOZE, rules.QUESTION_KINDS[rules.CLOZE]
        SHORT_ANSWER = rules.SHORT_ANSWER, rules.QUESTION_KINDS[rules.SHORT_ANSWER]

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="questions")
    score_reasons = models.JSONField(
        default=list,
        blank=True,
        help_text="What weighed most in the score, strongest first (e.g. 'own score +1.20').",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    prompt = models.TextField()
    answer = models.CharField(max_length=500, help_text="The canonical right answer.")
    alternatives = models.JSONField(
        default=list, blank=True, help_text="Other answers accepted for typed questions."
    )
    explanation = models.TextField(blank=True, help_text="Shown after answering.")

    class Meta:
        ordering = ["document", "-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "key"], name="question_unique_key"),
        ]
        indexes = [models.Index(fields=["document", "status"])]

    def __str__(self):
        return self.prompt[:80]

    @property
    def has_choices(self) -> bool:
        return self.kind in (self.Kind.MULTIPLE_CHOICE, self.Kind.TRUE_FALSE)

    def problems(self, choices: list[tuple[str, bool]] | None = None) -> list:
        """What keeps the question from being shown to students (`rules.Problem`s); empty
        when it is sound. `choices` are (text, is_correct) pairs; default: its saved ones."""
        if choices is None:
            choices = [(c.text, c.is_correct) for c in self.choices.all()] if self.pk else []
        return rules.question_problems(
            kind=self.kind, prompt=self.prompt, answer=self.answer, choices=choices
        )

    @property
    def correct_choice(self) -> Choice | None:
        """The right option (from prefetched choices when there are), None for typed questions."""
        return next((c for c in self.choices.all() if c.is_correct), None)


class ChoiceManager(models.Manager):
    def get_by_natural_key(self, document_slug, question_key, position):
        return self.get(
            question__document__slug=document_slug, question__key=question_key, position=position
        )


class Choice(models.Model):
    """One option of a multiple-choice or true/false question, stored in a fixed order."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=500)
    is_correct = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    objects = ChoiceManager()

    class Meta:
        # By the column, not the question's own ordering: that would join the questions
        # and documents to every read of a question's choices.
        ordering = ["question_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["question", "position"], name="choice_unique_position"),
        ]

    def __str__(self):
        return self.text

    def natural_key(self):
        return (*self.question.natural_key(), self.position)

    natural_key.dependencies = ["content.question"]


class UploadQuerySet(models.QuerySet):
    def for_teacher(self, teacher):
        """Uploads `teacher` made (a superuser sees everyone's)."""
        return self if teacher.is_superuser else self.filter(teacher=teacher)


class Upload(models.Model):
    """One uploaded text on its way to a document: queued, generating, then done or failed.

    The request that receives a file only saves this row and queues a task; the task moves
    the row on, saving the document in the same transaction as the row's "done", so a
    worker that dies mid-document leaves the row "generating" and nothing else. While it
    generates, the worker writes where it has got to (`progress_at`, and the section of a
    long document) on the row for the progress page.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        GENERATING = "generating", "Generating"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    batch = models.UUIDField(db_index=True, help_text="Files sent in one upload share it.")
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="uploads"
    )
    name = models.CharField(max_length=255, help_text="File name (or the pasted text's title).")
    title = models.CharField(max_length=300, blank=True, help_text="Title given with pasted text.")
    text = models.TextField()
    state = models.CharField(max_length=12, choices=State.choices, default=State.QUEUED)
    error = models.TextField(blank=True, help_text="Why it failed, in words for the teacher.")
    attempts = models.PositiveSmallIntegerField(default=0)
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="uploads"
    )
    outcome = models.CharField(
        max_length=12, blank=True, help_text="created, updated or unchanged, once done."
    )
    flashcards = models.PositiveIntegerField(default=0)
    questions = models.PositiveIntegerField(default=0)
    drafts = models.PositiveIntegerField(default=0)
    # A long document is generated a section at a time; the worker says where it has got to.
    section_count = models.PositiveIntegerField(
        default=0, help_text="Sections it is generated in, while generating (0: one block)."
    )
    section_number = models.PositiveIntegerField(
        default=0, help_text="The section being generated, from 1."
    )
    section_heading = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    progress_at = models.DateTimeField(
        null=True, blank=True, help_text="When its worker last said it was at work."
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = UploadQuerySet.as_manager()

    class Meta:
        ordering = ["batch", "id"]
        indexes = [models.Index(fields=["state", "started_at"])]

    def __str__(self):
        return f"{self.name} ({self.get_state_display().lower()})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def section_label(self) -> str:
        """Where a long document's generation has got to ("section 12 of 58, ..."), or ""."""
        if self.state != self.State.GENERATING or not self.section_count:
            return ""
        return section_label(self.section_number, self.section_count, self.section_heading)
