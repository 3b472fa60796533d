"""Read a Word `.docx` with python-docx: headings, paragraphs, list items and table rows in
reading order, after checking the zip is safe to open (no macros, no zip bomb)."""

from __future__ import annotations

import io
import logging
import zipfile

import docx
from django.conf import settings
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import LxmlError

from ..sources import SourceError
from .outline import Outline
from .sniff import MACROS

logger = logging.getLogger(__name__)

DAMAGED = "this Word file is damaged or cut short; open it in Word, save it again and upload that"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BOMB_RATIO = 200  # no real Word part compresses better than this


def check_archive(data: bytes, name: str) -> None:
    """Refuse a `.docx` that is not a zip, holds macros, or unpacks to far more than it is.

    Sizes are read from the zip's directory, before anything is decompressed.
    """
    limit = settings.QUIZAPP_MAX_UNZIPPED_BYTES
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            content_types = ""
            if "[Content_Types].xml" in archive.namelist():
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size <= 1_000_000:
                    content_types = archive.read(info).decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise SourceError(name, DAMAGED) from exc
    if any(m.filename.lower().endswith("vbaproject.bin") for m in members) or (
        "macroEnabled" in content_types
    ):
        raise SourceError(name, MACROS)
    unpacked = sum(m.file_size for m in members)
    bomb = any(
        m.file_size > 1_000_000 and m.file_size > BOMB_RATIO * max(m.compress_size, 1)
        for m in members
    )
    if unpacked > limit or bomb:
        raise SourceError(
            name,
            f"this Word file would unpack to {unpacked / 1_048_576:.0f} MB, far more than a "
            "document holds; it is refused as unsafe. Save the text as a new .docx",
        )


def read_docx(data: bytes, name: str) -> Outline:
    """The outline of a `.docx`. `SourceError` if it is unsafe or damaged."""
    check_archive(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
        outline = Outline()
        for child in document.element.body.iterchildren():
            if child.tag == f"{W}p":
                _add_paragraph(outline, Paragraph(child, document))
            elif child.tag == f"{W}tbl":
                for row in Table(child, document).rows:
                    cells = list(dict.fromkeys(c.text.strip() for c in row.cells if c.text.strip()))
                    outline.add("row", " | ".join(cells))
        properties = document.core_properties
        outline.title = (properties.title or "").strip() or outline.title
        outline.date = properties.created.date() if properties.created else None
    except SourceError:
        raise
    except (
        PackageNotFoundError,
        KeyError,
        ValueError,
        LxmlError,
        zipfile.BadZipFile,
        AttributeError,
        TypeError,
        OSError,
        EOFError,
    ) as exc:
        logger.info("Unreadable Word file %s: %s", name, exc)
        raise SourceError(name, DAMAGED) from exc
    return outline


def _add_paragraph(outline: Outline, paragraph: Paragraph) -> None:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    text = paragraph.text
    if style == "Title":
        outline.title = outline.title or " ".join(text.split())
        outline.add("heading", text, 1)
    elif style.startswith("Heading"):
        level = style.removeprefix("Heading").strip()
        outline.add("heading", text, int(level) if level.isdigit() else 2)
    elif (
        style.startswith("List")
        or paragraph._p.pPr is not None
        and (paragraph._p.pPr.numPr is not None)
    ):
        outline.add("item", text)
    else:
        outline.add("paragraph", text)
