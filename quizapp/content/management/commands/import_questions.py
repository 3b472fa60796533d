"""`manage.py import_questions FILE --document SLUG`: add questions from a file to a bank."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizapp.content.exchange import FORMATS, detect_format
from quizapp.content.exchange.services import import_questions
from quizapp.content.models import Document, Status

EXTENSIONS = {".gift": "gift", ".csv": "csv", ".aiken": "aiken"}
BINARY_FORMATS = ("qti", "moodle")  # read as bytes: a .zip, or XML that names its encoding


class Command(BaseCommand):
    help = (
        "Import questions into a document's question bank from a QTI 2.1 package (.zip), a "
        "Moodle XML file, a GIFT (.gift), Aiken (.aiken, or --format aiken) or CSV (.csv) "
        "file: multiple choice, true/false, short answer and cloze. QTI and Moodle XML are "
        "recognised by their content. Every bad question is reported with its line and "
        "nothing is saved; importing the same file again updates instead of duplicating."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the file to read (UTF-8)")
        parser.add_argument("--document", required=True, metavar="SLUG", help="the bank's document")
        parser.add_argument(
            "--format",
            choices=FORMATS,
            help="the file's format (default: from its content, else its extension)",
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="keep the new questions as drafts for review instead of publishing them",
        )

    def handle(self, *args, file, document, format, draft, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        fmt = format or detect_format(data) or EXTENSIONS.get(path.suffix.lower())
        if fmt is None:
            raise CommandError(
                f"{file}: cannot tell the format from its content or from "
                f"'{path.suffix or 'no extension'}'; add --format {'|'.join(FORMATS)}"
            )
        if fmt in BINARY_FORMATS:
            text = data
        else:
            try:
                text = data.decode("utf-8-sig")
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
