"""Documents uploaded from a browser or the API: check and queue now, generate in a worker.

The request only checks each text (the same rules as `ingest` applies to a file) and saves
one `Upload` row and one queued task per good text, in one transaction: a bad file is
refused by name and the others still go in. A worker then runs `generate_upload`
(`upload_worker.generate`), which generates the document (a long one a section at a time,
writing its progress on the row) and then saves the document, its items and the row's
"done" in one transaction. If the worker dies mid-document nothing of it is kept;
`requeue_abandoned` later queues the row again, or marks it failed once it has had its tries.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from .extract import extract
from .models import Upload
from .parsing import ParseError, parse_document
from .services import slug_for
from .sources import SourceError, too_large
from .tasks import generate_upload


@dataclass(frozen=True)
class Incoming:
    """One text to upload: a file (read only once its size is known to be fine) or a paste."""

    name: str
    size: int
    read: Callable[[], bytes]
    title: str = ""

    @classmethod
    def from_file(cls, uploaded, *, name: str | None = None) -> Incoming:
        """From a Django `UploadedFile`, stored under its own name unless `name` is given."""
        return cls(name=name or uploaded.name, size=uploaded.size, read=uploaded.read)

    @classmethod
    def from_text(cls, *, name: str, text: str, title: str = "") -> Incoming:
        data = text.encode("utf-8")
        return cls(name=name, size=len(data), read=lambda: data, title=title)

    @classmethod
    def pasted(cls, *, title: str, text: str) -> Incoming:
        """Pasted text: its file name comes from the title."""
        return cls.from_text(name=f"{slugify(title) or 'pasted-text'}.txt", text=text, title=title)


@dataclass
class QueuedBatch:
    """What one upload request queued, and what it refused (each with what to do)."""

    batch: uuid.UUID
    uploads: list[Upload] = field(default_factory=list)
    refused: list[SourceError] = field(default_factory=list)


def check_upload(incoming: Incoming) -> str:
    """The native text of an uploaded file (read from its format, see `extract/`), or
    `SourceError` saying what is wrong and what to do."""
    name = incoming.name
    max_bytes = settings.QUIZAPP_MAX_DOCUMENT_BYTES
    if incoming.size > max_bytes:
        raise too_large(name, incoming.size, max_bytes)
    text = extract(incoming.read(), name).text
    try:
        parse_document(text, fallback_title=Path(name).stem)
    except ParseError as exc:
        raise SourceError(name, str(exc)) from exc
    return text


def queue_uploads(*, teacher, incoming: Iterable[Incoming]) -> QueuedBatch:
    """Check every text, then save and queue the good ones together; never raises for one."""
    batch = QueuedBatch(batch=uuid.uuid4())
    good: list[Upload] = []
    slugs: set[str] = set()
    for item in incoming:
        try:
            text = check_upload(item)
        except SourceError as exc:
            batch.refused.append(exc)
            continue
        slug = slug_for(item.name)
        if slug in slugs:
            batch.refused.append(
                SourceError(item.name, "another file in this upload has the same name; rename one")
            )
            continue
        slugs.add(slug)
        good.append(
            Upload(batch=batch.batch, teacher=teacher, name=item.name, title=item.title, text=text)
        )
    if good:
        with transaction.atomic():
            batch.uploads = Upload.objects.bulk_create(good)
            _enqueue(batch.uploads)
    return batch


def _enqueue(uploads: list[Upload]) -> None:
    # The database backend writes the task row in this transaction: both or neither.
    for upload in uploads:
        generate_upload.enqueue(upload.pk)


def requeue_abandoned(*, now: datetime | None = None) -> int:
    """Queue again (or fail, after its tries) each upload whose worker stopped mid-document.

    An upload counts as abandoned when it has been "generating" with no word from its
    worker for longer than `QUIZAPP_UPLOAD_STALE_SECONDS` (a worker writes `progress_at`
    when it starts and at each section of a long document) and no worker holds its row
    (a row being saved is locked and skipped). Returns how many rows it moved.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.QUIZAPP_UPLOAD_STALE_SECONDS)
    silent = Q(progress_at__lt=cutoff) | Q(progress_at__isnull=True, started_at__lt=cutoff)
    with transaction.atomic():
        stale = list(
            Upload.objects.select_for_update(skip_locked=True)
            .filter(silent, state=Upload.State.GENERATING)
            .only("pk", "attempts")
        )
        if not stale:
            return 0
        spent = [u.pk for u in stale if u.attempts >= settings.QUIZAPP_UPLOAD_ATTEMPTS]
        again = [u for u in stale if u.pk not in spent]
        Upload.objects.filter(pk__in=spent).update(
            state=Upload.State.FAILED,
            error=f"the worker stopped while generating it, {settings.QUIZAPP_UPLOAD_ATTEMPTS} "
            "times; nothing was saved. Upload it again, or split it into smaller files.",
            finished_at=now,
        )
        Upload.objects.filter(pk__in=[u.pk for u in again]).update(state=Upload.State.QUEUED)
        _enqueue(again)
    return len(stale)
