"""What a worker does with one queued upload: claim it, generate its document, record how it went.

The body of the `generate_upload` task (`tasks.py`); `uploads.py` checks and queues. The row is
claimed with a conditional update and stays locked while its document is generated, so of two
workers given the same upload only one generates it, and `uploads.requeue_abandoned` never
takes a live one.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .ingest import ingest_text
from .models import Document, Flashcard, Question, Upload

logger = logging.getLogger(__name__)


class _Superseded(Exception):
    """Another worker took the upload over (this one was taken for dead)."""


class _Refused(Exception):
    """Ingest refused the text; the message is for the teacher."""


def generate(upload_id: int) -> str:
    """Generate the document of one queued upload; the task's body. Returns the outcome.

    The row is claimed with a conditional update, so of two workers given the same upload
    only one generates it. The document and the row's "done" are saved in one transaction,
    and the row stays locked meanwhile, so `requeue_abandoned` never takes a live one.
    """
    claimed = Upload.objects.filter(pk=upload_id, state=Upload.State.QUEUED).update(
        state=Upload.State.GENERATING,
        attempts=F("attempts") + 1,
        started_at=timezone.now(),
        error="",
    )
    if not claimed:
        return "skipped"
    upload = Upload.objects.get(pk=upload_id)
    try:
        with transaction.atomic():
            _generate_locked(upload)
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


def _generate_locked(upload: Upload) -> None:
    current = Upload.objects.select_for_update().get(pk=upload.pk)
    if current.state != Upload.State.GENERATING or current.attempts != upload.attempts:
        raise _Superseded
    report = ingest_text(source_name=upload.name, text=upload.text)
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
    Upload.objects.filter(
        pk=upload.pk, state=Upload.State.GENERATING, attempts=upload.attempts
    ).update(state=Upload.State.FAILED, error=reason, finished_at=timezone.now())
