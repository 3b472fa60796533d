"""Ingest source files: read, parse, analyse in batches, generate, and save (or just report).

A long document is analysed and generated a section at a time (`long_documents`).

`ingest_paths` is what the `ingest` command and the upload API call. Each file stands
alone: a bad file becomes an error entry, and the other files of the run still go in.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, transaction

from .distractor_pools import new_run
from .extract import read_source
from .generation.pipeline import Explanation, GeneratedItems, status_for
from .language import analyse
from .long_documents import Step, explain_items, generate_items, is_long
from .models import Choice, Document, Flashcard, Question
from .parsing import ParsedDocument, ParseError, parse_document
from .services import (
    CARD_FIELDS,
    QUESTION_FIELDS,
    SaveResult,
    content_hash,
    save_document,
    slug_for,
    sync_sections,
)
from .sources import SourceError, SourceFile, collect_paths

BATCH = 64


@dataclass
class IngestReport:
    """The outcome of one ingest run."""

    saved: list[SaveResult] = field(default_factory=list)
    previews: list[dict] = field(default_factory=list)  # dry run: what would be saved
    errors: list[SourceError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def flashcards(self) -> int:
        if self.previews:
            return sum(len(p["flashcards"]) for p in self.previews)
        return sum(r.flashcards for r in self.saved)

    @property
    def questions(self) -> int:
        if self.previews:
            return sum(len(p["questions"]) for p in self.previews)
        return sum(r.questions for r in self.saved)

    @property
    def documents(self) -> int:
        return len(self.previews) or len(self.saved)

    def as_json(self) -> dict:
        return {
            "documents": self.previews,
            "errors": [{"source": e.source, "error": e.message} for e in self.errors],
        }


@dataclass(frozen=True)
class Parsed:
    source: SourceFile
    document: ParsedDocument


def ingest_paths(
    paths: list[str],
    *,
    dry_run: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
    on_step: Callable[[str, Step], None] | None = None,
) -> IngestReport:
    """Ingest every document file under `paths` (see `extract/`); never raises for a bad file.

    `on_progress(done, total)` follows the files; `on_step(name, step)` the sections of a
    long one as it is generated a section at a time (see `long_documents`)."""
    report = IngestReport()
    files, path_errors = collect_paths(paths)
    report.errors.extend(path_errors)
    total = len(files)
    done = 0
    if on_progress:
        on_progress(done, total)
    # Distractors may come from other documents: this run's and those stored before it,
    # read once per run rather than once per document.
    run = new_run()
    for batch in _batches(files, BATCH):
        parsed = list(_read_and_parse(batch, report))
        # Short documents are analysed together; a long one later, a section at a time.
        whole = [item for item in parsed if not is_long(item.document)]
        analysed = analyse([item.document for item in whole]) if whole else []
        docs = dict(zip(map(id, whole), analysed, strict=True))
        for item in whole:
            run.add(item.source.name, docs[id(item)])
        known = set() if dry_run else _stored_slugs(parsed)
        for item in parsed:
            name = item.source.name
            items = generate_items(
                item.document,
                name=name,
                run=run,
                analysis=docs.pop(id(item), None),
                on_step=functools.partial(on_step, name) if on_step else None,
            )
            is_new = not dry_run and slug_for(name) not in known
            _record(item, items, report, dry_run=dry_run, is_new=is_new)
        done += len(batch)
        if on_progress:
            on_progress(done, total)
    return report


@dataclass(frozen=True)
class Generated:
    """One text parsed and its items generated, not saved yet."""

    parsed: Parsed
    items: GeneratedItems


def generate_text(
    *, source_name: str, text: str, on_step: Callable[[Step], None] | None = None
) -> Generated:
    """Parse one document given as text (an upload) and generate its items, saving nothing;
    a long one a section at a time, calling `on_step` as each starts. Raises `SourceError`
    for a text that does not parse."""
    try:
        document = parse_document(text, fallback_title=source_name)
    except ParseError as exc:
        raise SourceError(source_name, str(exc)) from exc
    source = SourceFile(path=Path(source_name), text=text)
    items = generate_items(document, name=source.name, run=new_run(), on_step=on_step)
    return Generated(Parsed(source, document), items)


def save_generated(generated: Generated, *, force: bool = False) -> IngestReport:
    """Save what `generate_text` made, in one transaction; a database error is reported."""
    report = IngestReport()
    _record(generated.parsed, generated.items, report, dry_run=False, force=force)
    return report


def ingest_text(
    *, source_name: str, text: str, dry_run: bool = False, force: bool = False
) -> IngestReport:
    """Ingest one document given as text (an upload); same rules as a file.

    `force` regenerates the items of an unchanged text (teacher-edited items are kept).
    """
    try:
        generated = generate_text(source_name=source_name, text=text)
    except SourceError as exc:
        return IngestReport(errors=[exc])
    if dry_run:
        report = IngestReport()
        _record(generated.parsed, generated.items, report, dry_run=True)
        return report
    return save_generated(generated, force=force)


def explain_path(path: str) -> tuple[str, list[Explanation]]:
    """What generation made of one source file and why: its title and every candidate.

    Raises `SourceError` for a file that cannot be read or parsed."""
    try:
        item = _read_one(Path(path))
    except OSError as exc:
        raise SourceError(str(path), exc.strerror or str(exc)) from exc
    rows = explain_items(item.document, name=item.source.name, run=new_run())
    return item.document.title, rows


def _batches(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _read_and_parse(paths: Iterable[Path], report: IngestReport) -> Iterator[Parsed]:
    for path in paths:
        try:
            item = _read_one(path)
        except SourceError as exc:
            report.errors.append(exc)
            continue
        if item.source.note:
            report.notes.append(f"{path.name}: {item.source.note}")
        yield item


def _read_one(path: Path) -> Parsed:
    """One file read and parsed; `SourceError` names it and says why when it cannot be."""
    source = read_source(path, max_bytes=settings.QUIZAPP_MAX_DOCUMENT_BYTES)
    try:
        document = parse_document(source.text, fallback_title=path.stem)
    except ParseError as exc:
        raise SourceError(path.name, str(exc)) from exc
    return Parsed(source, document)


def _record(
    item: Parsed,
    items: GeneratedItems,
    report: IngestReport,
    *,
    dry_run: bool,
    force: bool = False,
    is_new: bool = False,
) -> None:
    """Save one document's generated items (or describe them, in a dry run) into `report`."""
    threshold = settings.QUIZAPP_PUBLISH_THRESHOLD
    name = item.source.name
    if dry_run:
        report.previews.append(preview(name, item.document, items, threshold))
        return
    try:
        result = None
        if is_new:
            result = create_document(
                source_name=name, parsed=item.document, items=items, threshold=threshold
            )
        result = result or save_document(
            source_name=name, parsed=item.document, items=items, threshold=threshold, force=force
        )
    except DatabaseError as exc:
        report.errors.append(SourceError(name, f"could not be saved ({exc}); nothing was kept"))
        return
    report.saved.append(result)


def _stored_slugs(parsed: list[Parsed]) -> set[str]:
    """Slugs of this batch's documents that are already stored (one query per batch)."""
    slugs = [slug_for(p.source.name) for p in parsed]
    try:
        return set(Document.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    except DatabaseError:
        return set(slugs)  # let the per-document path report the problem by name


@transaction.atomic
def create_document(
    *, source_name: str, parsed: ParsedDocument, items: GeneratedItems, threshold: float
) -> SaveResult | None:
    """Save a document ingested for the first time, its items inserted in bulk.

    A first ingest has nothing to merge with, so four inserts do what `save_document`
    does item by item. Returns None, saving nothing, if the document exists after all.
    """
    slug = slug_for(source_name)
    if Document.objects.filter(slug=slug).exists():
        return None
    document = Document(
        slug=slug,
        title=parsed.title,
        date=parsed.date,
        source_name=source_name,
        text=parsed.text,
        content_hash=content_hash(parsed.text),
    )
    document.full_clean()
    document.save()
    section_of = sync_sections(document, parsed)
    cards = {c.key: c for c in items.flashcards}
    Flashcard.objects.bulk_create(
        Flashcard(
            document=document,
            key=key,
            section=section_of(c.source_text),
            status=status_for(c, threshold),
            **{f: getattr(c, f) for f in CARD_FIELDS},
        )
        for key, c in cards.items()
    )
    wanted = {q.key: q for q in items.questions}
    questions = Question.objects.bulk_create(
        [
            Question(
                document=document,
                key=key,
                section=section_of(c.source_text),
                status=status_for(c, threshold),
                alternatives=list(c.alternatives),
                explanation=c.explanation_or_source(),
                **{f: getattr(c, f) for f in QUESTION_FIELDS},
            )
            for key, c in wanted.items()
        ]
    )
    Choice.objects.bulk_create(
        Choice(question=question, text=text, is_correct=(text == c.answer), position=i)
        for question, c in zip(questions, wanted.values(), strict=True)
        for i, text in enumerate(c.choices)
    )
    return SaveResult(
        document=document, outcome="created", flashcards=len(cards), questions=len(wanted)
    )


def preview(name: str, document: ParsedDocument, items: GeneratedItems, threshold: float) -> dict:
    """The dry-run description of one document, in the shape `eval/score.py` reads."""
    return {
        "source": name,
        "title": document.title,
        "date": document.date.isoformat() if document.date else None,
        "flashcards": [
            {
                "front": c.front,
                "back": c.back,
                "kind": c.kind,
                "source_text": c.source_text,
                "status": status_for(c, threshold),
                "score": round(c.score, 3),
                "generator": c.generator,
            }
            for c in items.flashcards
        ],
        "questions": [
            {
                "kind": q.kind,
                "prompt": q.prompt,
                "answer": q.answer,
                **({"choices": list(q.choices)} if q.choices else {}),
                "source_text": q.source_text,
                "status": status_for(q, threshold),
                "score": round(q.score, 3),
                "generator": q.generator,
            }
            for q in items.questions
        ],
    }
