"""`manage.py export_questions --document SLUG --format qti`: write a bank or a quiz out.

It lives in study, beside quizzes, because it exports a quiz's questions as well as a
document's bank.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizapp.content.exchange import FORMATS
from quizapp.content.exchange.services import export_questions, questions_for_export
from quizapp.content.models import Document
from quizapp.study.models import Quiz
from quizapp.study.selectors import quiz_questions


class Command(BaseCommand):
    help = (
        "Export a document's questions (all but rejected ones) or a quiz's questions for a "
        "learning platform (a QTI 2.1 package for Canvas, Moodle or Blackboard, or Moodle "
        "XML) or as GIFT, Aiken or CSV, to a file or to standard output. A QTI package is a "
        ".zip, so it needs -o FILE. Aiken holds only choice questions: the others are listed "
        "as skipped."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--document", metavar="SLUG", help="export this document's bank")
        source.add_argument("--quiz", metavar="SLUG", help="export the questions of this quiz")
        parser.add_argument("--format", choices=FORMATS, default="gift")
        parser.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")

    def handle(self, *args, document, quiz, format, output, **options):
        if format == "qti" and not output:
            raise CommandError("a QTI package is a .zip file: add -o FILE.zip")
        if document:
            try:
                source = Document.objects.get(slug=document)
            except Document.DoesNotExist:
                raise CommandError(f"no document with slug '{document}'") from None
            questions = questions_for_export(document=source)
        else:
            try:
                source = Quiz.objects.get(slug=quiz)
            except Quiz.DoesNotExist:
                raise CommandError(f"no quiz with slug '{quiz}'") from None
            questions = quiz_questions(quiz=source)
        data, skipped = export_questions(questions=questions, fmt=format, title=source.title)
        if output:
            if isinstance(data, bytes):
                Path(output).write_bytes(data)
            else:
                Path(output).write_text(data, encoding="utf-8")
        else:
            sys.stdout.write(data)
        for note in skipped:
            self.stderr.write(f"skipped {note}")
        written = len(questions) - len(skipped)
        self.stderr.write(f"Exported {written} question(s) as {format}; skipped {len(skipped)}.")
