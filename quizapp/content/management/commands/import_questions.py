"""`manage.py import_questions FILE --document SLUG`: add GIFT, Aiken or CSV questions to a bank."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizapp.content.exchange import FORMATS
from quizapp.content.exchange.services import import_questions
from quizapp.content.models import Document, Status

EXTENSIONS = {".gift": "gift", ".csv": "csv", ".aiken": "aiken"}


class Command(BaseCommand):
    help = (
        "Import questions into a document's question bank from a GIFT (.gift), Aiken (.aiken, "
        "or --format aiken) or CSV (.csv) file: multiple choice, true/false, short answer and "
        "missing word. Every bad question is reported with its line and nothing is saved; "
        "importing the same file again updates instead of duplicating."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the file to read (UTF-8)")
        parser.add_argument("--document", required=True, metavar="SLUG", help="the bank's document")
        parser.add_argument(
            "--format", choices=FORMATS, help="the file's format (default: from its extension)"
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="keep the new questions as drafts for review instead of publishing them",
        )

    def handle(self, *args, file, document, format, draft, **options):
        path = Path(file)
        fmt = format or EXTENSIONS.get(path.suffix.lower())
        if fmt is None:
            raise CommandError(
                f"{file}: cannot tell the format from '{path.suffix or 'no extension'}'; "
                f"add --format {'|'.join(FORMATS)}"
            )
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file}: is not UTF-8 text; save it as UTF-8") from None
        try:
            target = Document.objects.get(slug=document)
        except Document.DoesNotExist:
            raise CommandError(
                f"no document with slug '{document}'; ingest it first or check the slug "
                "(the admin lists documents)"
            ) from None
        report = import_questions(
            document=target,
            text=text,
            fmt=fmt,
            source_name=path.name,
            status=Status.DRAFT if draft else Status.PUBLISHED,
        )
        for error in report.errors:
            self.stderr.write(f"{path.name}: {error}")
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(self.style.SUCCESS(report.summary()))
