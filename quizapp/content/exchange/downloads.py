"""Exports as downloads, for the pages and the API alike."""

from __future__ import annotations

from django.http import HttpResponse

from quizapp.content.models import Document

from .services import export_file, questions_for_export

# The formats learning platforms import, offered for download.
LMS_FORMATS = {"qti": "QTI 2.1 package (.zip)", "moodle": "Moodle XML (.xml)"}


def download_response(*, fmt: str, document: Document | None = None, quiz=None) -> HttpResponse:
    """A document's bank or a quiz's questions in format `fmt`, as an attachment."""
    source = quiz if quiz is not None else document
    questions = questions_for_export(document=document, quiz=quiz)
    export = export_file(questions=questions, fmt=fmt, name=source.slug, title=source.title)
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
