"""Exports as downloads, for the pages and the API alike."""

from __future__ import annotations

from django.http import HttpResponse

from quizapp.content.models import Question

from .services import export_file

# The formats learning platforms import, offered for download.
LMS_FORMATS = {"qti": "QTI 2.1 package (.zip)", "moodle": "Moodle XML (.xml)"}


def download_response(*, fmt: str, questions: list[Question], source) -> HttpResponse:
    """`questions` (a document's bank or a quiz's) in format `fmt`, as an attachment named
    after `source` (the document or quiz: its slug and title)."""
    export = export_file(questions=questions, fmt=fmt, name=source.slug, title=source.title)
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
