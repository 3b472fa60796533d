"""Tell a file's format from its first bytes, and its name only where bytes cannot say."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ..sources import SourceError

SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
ACCEPTED = ", ".join(sorted({".txt", ".md", ".html", ".htm", ".pdf", ".docx"}))
HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
MARKDOWN_HINT = re.compile(r"^(?:#{1,6} \S|[-*] \S|\d+\. \S|```)", re.M)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MACROS = (
    "this Word file holds macros, which are never opened here; save it in Word as a plain "
    "'Word Document (.docx)' and upload that"
)


def detect_format(data: bytes, name: str) -> str:
    """`text`, `markdown`, `html`, `pdf` or `docx`; `SourceError` if name and content disagree.

    Binary formats are known by their bytes alone, so a PDF named `.txt` is still a PDF, but
    a file named `.pdf` or `.docx` whose bytes are something else is refused.
    """
    suffix = Path(name).suffix.lower()
    claimed = SUFFIXES.get(suffix)
    if suffix == ".docm":
        raise SourceError(name, MACROS)
    if suffix == ".doc" or data.startswith(OLE_MAGIC):
        raise SourceError(
            name, "this is an old Word .doc file; open it in Word and save it as .docx"
        )
    if claimed is None and suffix:
        raise SourceError(
            name, f"{suffix} files cannot be read; bring one of {ACCEPTED}, or paste the text"
        )
    found = _by_content(data)
    if claimed in ("pdf", "docx") and found != claimed:
        label = "PDF" if claimed == "pdf" else "Word (.docx)"
        raise SourceError(
            name,
            f"the name says {label} but the content is not a {label} file; export it again "
            f"from the program that made it, or rename it to what it really is",
        )
    if found in ("pdf", "docx", "html"):
        return found
    if found == "zip":
        raise SourceError(
            name, "this is a zip archive, not a Word document; unzip it and upload the files"
        )
    if claimed:
        return claimed
    head = data[:4096].decode("utf-8", errors="ignore")
    return "markdown" if MARKDOWN_HINT.search(head) else "text"


def _by_content(data: bytes) -> str | None:
    if data.lstrip()[:5] == b"%PDF-" or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return "docx"  # a broken zip named .docx: let the Word reader say it is damaged
        return "docx" if "word/document.xml" in names else "zip"
    if HTML_START.match(data[:2048].lstrip(b"\xef\xbb\xbf")):
        return "html"
    return None
