"""What a worker does with one queued upload: claim it, generate its document, record how it went.

The body of the `generate_upload` task (`tasks.py`); `uploads.py` checks and queues. The row is
claimed with a conditional update, so of two workers given the same upload only one
generates it. Generation runs outside any transaction, so what the worker writes on the row
as it goes (where it has got to, and that it is still alive) is seen at once by the
progress page and by `uploads.requeue_abandoned`. The document, its items and the row's
"done" are then saved in one transaction with the row locked: a worker that dies before
the end leaves nothing half-saved.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .ingest import Generated, generate_text, save_generated
from .long_documents import Step
from .models import Document, Flashcard, Question, Upload
from .sources import SourceError

logger = logging.getLogger(__name__)


class _Superseded(Exception):
    """Another worker took the upload over (this one was taken for dead)."""


class _Refused(Exception):
    """Ingest refused the text; the message is for the teacher."""


def generate(upload_id: int) -> str:
    """Generate the document of one queued upload; the task's body. Returns the outcome."""
    now = timezone.now()
    claimed = Upload.objects.filter(pk=upload_id, state=Upload.State.QUEUED).update(
        state=Upload.State.GENERATING,
        attempts=F("attempts") + 1,
        started_at=now,
        progress_at=now,
        section_count=0,
        section_number=0,
        section_heading="",
        error="",
    )
    if not claimed:
        return "skipped"
    upload = Upload.objects.get(pk=upload_id)
    try:
        try:
            generated = generate_text(
                source_name=upload.name,
                text=upload.text,
                on_step=lambda step: _report_step(upload, step),
            )
        except SourceError as exc:
            raise _Refused(exc.message) from exc
        with transaction.atomic():
            _save_locked(upload, generated)
    except _Superseded:
        return "superseded"
    except _Refused as exc:
        _fail(upload, str(exc))
        return "failed"
    except Exception as exc:
        logger.exception("Generating upload %s (%s) failed", upload.pk, upload.name)
        _fail(
            upload,
            f"generation stopped with an error ({type(exc).__name__}); nothing was saved. "
            "Upload it again; if it fails again, send the file to whoever runs Quizapp.",
        )
        return "failed"
    return "done"


def _yours(upload: Upload):
    """The upload's row while it is still this worker's to generate."""
    return Upload.objects.filter(
        pk=upload.pk, state=Upload.State.GENERATING, attempts=upload.attempts
    )


def _report_step(upload: Upload, step: Step) -> None:
    """Write where generation has got to; stop if the upload was taken over meanwhile."""
    moved = _yours(upload).update(
        section_count=step.total,
        section_number=step.number,
        section_heading=step.heading[:300],
        progress_at=timezone.now(),
    )
    if not moved:
        raise _Superseded


def _save_locked(upload: Upload, generated: Generated) -> None:
    current = Upload.objects.select_for_update().only("state", "attempts").get(pk=upload.pk)
    if current.state != Upload.State.GENERATING or current.attempts != upload.attempts:
        raise _Superseded
    report = save_generated(generated)
    if report.errors:
        raise _Refused("; ".join(error.message for error in report.errors))
    [result] = report.saved
    document = result.document
    changes = {}
    if upload.title:
        changes["title"] = upload.title
    if document.uploaded_by_id is None:
        changes["uploaded_by"] = upload.teacher_id
    if changes:
        Document.objects.filter(pk=document.pk).update(**changes)
    drafts = (
        Question.objects.for_document(document).drafts().count()
        + Flashcard.objects.for_document(document).drafts().count()
    )
    Upload.objects.filter(pk=upload.pk).update(
        state=Upload.State.DONE,
        document=document,
        outcome=result.outcome,
        flashcards=result.flashcards,
        questions=result.questions,
        drafts=drafts,
        finished_at=timezone.now(),
    )


def _fail(upload: Upload, reason: str) -> None:
    _yours(upload).update(state=Upload.State.FAILED, error=reason, finished_at=timezone.now())
