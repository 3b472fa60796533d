"""Save imported questions into a document's bank, and read a bank or a quiz out for export.

Imports are all or nothing: any bad line and nothing is saved, so a teacher fixes the file
and imports it again. Imported questions count as a teacher's own (`teacher_edited`), so
regenerating the document never touches them, and each gets a key from its text, so
importing the same file twice updates instead of duplicating. Files that carry a stable
identifier (QTI, Moodle XML) keep the question's own key, so a question edited in the
learning platform and brought back updates the one it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from quizapp.content.generation.candidates import fold, item_key
from quizapp.content.models import Choice, Document, Question, Status

from . import EXTENSIONS, MEDIA_TYPES, format_module
from .identifiers import SAFE
from .model import MULTIPLE_CHOICE, TRUE_FALSE, TRUE_FALSE_CHOICES, ExchangeQuestion

# What an import says it came from when the file has no name.
SOURCE_NAMES = {
    "gift": "GIFT text",
    "aiken": "Aiken text",
    "csv": "CSV text",
    "qti": "a QTI package",
    "moodle": "Moodle XML",
}


@dataclass
class ImportReport:
    """What an import did, or the lines that stopped it."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """One line for a message or a command's output."""
        if self.errors:
            return (
                f"Nothing was imported: {len(self.errors)} question(s) need fixing. "
                "Correct the lines named above and import the file again."
            )
        return (
            f"Imported {self.created + self.updated + self.unchanged} question(s): "
            f"{self.created} new, {self.updated} updated, {self.unchanged} unchanged."
        )


def import_key(question: ExchangeQuestion) -> str:
    """The key an imported question keeps in its document: the one its file carries, or
    one from what it asks and answers."""
    if question.key and SAFE.match(question.key):
        return question.key
    return "import-" + item_key(
        "question", question.kind, fold(question.prompt), fold(question.answer)
    )


def _place(question: ExchangeQuestion) -> str:
    return f"{question.where} line {question.line}" if question.where else f"line {question.line}"


def _choices_of(question: ExchangeQuestion) -> list[tuple[str, bool]]:
    if question.kind == TRUE_FALSE:
        return [(c, c == question.answer) for c in TRUE_FALSE_CHOICES]
    if question.kind == MULTIPLE_CHOICE:
        return [(c, c == question.answer) for c in question.choices]
    return []


@transaction.atomic
def import_questions(
    *,
    document: Document,
    text: str | bytes,
    fmt: str,
    source_name: str = "",
    status: str = Status.PUBLISHED,
) -> ImportReport:
    """Read `text` in format `fmt` and save its questions into `document`'s bank.

    `text` is bytes for a QTI package (a `.zip`); the XML formats take bytes or text."""
    report = ImportReport()
    questions, report.errors = format_module(fmt).parse(text)
    seen: dict[str, ExchangeQuestion] = {}
    for q in questions:
        key = import_key(q)
        if key in seen:
            where = f"{q.where} " if q.where else ""
            report.errors.append(f"{where}line {q.line}: the same question as {_place(seen[key])}")
        seen.setdefault(key, q)
    if not questions and not report.errors:
        report.errors.append("the file holds no questions")
    if report.errors:
        return report

    existing = {
        q.key: q
        for q in Question.objects.filter(document=document, key__in=seen).prefetch_related(
            "choices"
        )
    }
    for q in questions:
        key = import_key(q)
        question = existing.get(key) or Question(document=document, key=key)
        fields = {
            "kind": q.kind,
            "prompt": q.prompt,
            "answer": q.answer,
            "alternatives": list(q.alternatives),
            "explanation": q.explanation,
        }
        choices = _choices_of(q)
        old_choices = (
            [(c.text, c.is_correct) for c in question.choices.all()] if question.pk else []
        )
        if (
            question.pk
            and old_choices == choices
            and all(getattr(question, name) == value for name, value in fields.items())
        ):
            report.unchanged += 1
            continue
        for name, value in fields.items():
            setattr(question, name, value)
        if question.pk is None:
            question.status = status
            question.generator = f"import:{fmt}"
            question.score = 1.0
            question.source_text = f"Imported from {source_name or SOURCE_NAMES.get(fmt, fmt)}"
            report.created += 1
        else:
            report.updated += 1
        question.teacher_edited = True
        question.full_clean()
        question.save()
        question.choices.all().delete()
        Choice.objects.bulk_create(
            Choice(question=question, text=text, is_correct=correct, position=i)
            for i, (text, correct) in enumerate(choices)
        )
    return report


def to_exchange(question: Question) -> ExchangeQuestion:
    """A saved question as the formats hold it, with its document and key."""
    choices = [c.text for c in question.choices.all()]
    return ExchangeQuestion(
        kind=question.kind,
        prompt=question.prompt,
        answer=question.answer,
        choices=choices if question.kind == MULTIPLE_CHOICE else [],
        alternatives=list(question.alternatives or []),
        explanation=question.explanation,
        document=question.document.slug,
        key=question.key,
    )


def questions_for_export(*, document: Document) -> list[Question]:
    """A document's bank: all but rejected questions, with their choices and document.

    The questions a quiz asks are read by the study layer (`study.selectors.quiz_questions`).
    """
    return list(
        Question.objects.for_document(document)
        .exclude(status=Status.REJECTED)
        .select_related("document")
        .prefetch_related("choices")
    )


def export_questions(
    *, questions: list[Question], fmt: str, title: str = ""
) -> tuple[str | bytes, list[str]]:
    """The questions written in format `fmt`, and a note for each one the format cannot hold.

    QTI gives bytes (a `.zip`), the others text; `title` names the test or category for
    the formats that have one (QTI, Moodle XML)."""
    exchanged = [to_exchange(q) for q in questions]
    module = format_module(fmt)
    if fmt in ("qti", "moodle"):
        return module.render(exchanged, title=title or "Questions")
    return module.render(exchanged)


@dataclass(frozen=True)
class ExportFile:
    """An export ready to download."""

    content: bytes
    filename: str
    content_type: str
    skipped: list[str]


def export_file(*, questions: list[Question], fmt: str, name: str, title: str) -> ExportFile:
    """The questions as a file called after `name` (a slug), for a download."""
    data, skipped = export_questions(questions=questions, fmt=fmt, title=title)
    content = data.encode("utf-8") if isinstance(data, str) else data
    suffix = "-qti" if fmt == "qti" else "-moodle" if fmt == "moodle" else ""
    return ExportFile(
        content=content,
        filename=f"{name}{suffix}.{EXTENSIONS[fmt]}",
        content_type=MEDIA_TYPES[fmt],
        skipped=skipped,
    )
