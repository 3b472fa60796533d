"""Turn a file of any format a teacher brings into the app's native text.

`extract(data, name)` tells the format from the bytes (and the name where bytes cannot
say), reads it with the maintained extractor for that format, and writes the result in the
plain-text format `parsing.parse_document` reads, so every format goes through the same
parser and the same generation. Bad files raise `SourceError` naming the file and saying
what to do.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ..sources import SourceError, SourceFile, decode_source, too_large
from .markdown import read_markdown
from .pdf import read_pdf
from .sniff import ACCEPTED, SUFFIXES, detect_format
from .web import read_html
from .word import read_docx

logger = logging.getLogger(__name__)

__all__ = ["ACCEPTED", "SUFFIXES", "Extracted", "SourceError", "extract", "read_source"]


@dataclass(frozen=True)
class Extracted:
    """A file's text in the native format; `kind` is the format it was read as."""

    text: str
    kind: str
    note: str = ""


def extract(data: bytes, name: str) -> Extracted:
    """Read one file's bytes. Raises `SourceError` for a file that cannot be brought in."""
    if not data.strip():
        raise SourceError(name, "the file is empty; add the article text")
    kind = detect_format(data, name)
    try:
        return _read(data, name, kind)
    except SourceError:
        raise
    except Exception as exc:
        # The readers parse untrusted bytes; whatever they raise, this file alone is refused.
        logger.exception("Reading %s as %s failed", name, kind)
        raise SourceError(
            name,
            f"this file could not be read as {kind} ({type(exc).__name__}); it may be "
            "damaged: export it again, or paste the text",
        ) from exc


def _read(data: bytes, name: str, kind: str) -> Extracted:
    if kind == "pdf":
        return Extracted(read_pdf(data, name).native_text(), kind)
    if kind == "docx":
        return Extracted(read_docx(data, name).native_text(), kind)
    if kind == "html":
        return Extracted(read_html(data, name).native_text(), kind)
    source = decode_source(Path(name), data)
    if kind == "markdown":
        outline = read_markdown(source.text)
        if not outline.has_text:
            raise SourceError(name, "the file has no text under its headings; add the article")
        return Extracted(outline.native_text(), kind, source.note)
    return Extracted(source.text, kind, source.note)


def read_source(path: Path, *, max_bytes: int) -> SourceFile:
    """Read one file from disk as native text; `SourceError` if it is too large or bad."""
    size = path.stat().st_size
    if size > max_bytes:
        raise too_large(path.name, size, max_bytes)
    extracted = extract(path.read_bytes(), path.name)
    return SourceFile(path=path, text=extracted.text, note=extracted.note)
