"""Read a PDF's text layer with pypdf, keeping paragraphs and headings and dropping the page
furniture: running headers and footers that repeat across pages, and page numbers.

pypdf reports each piece of text with its position and font size. Lines are pieces at one
height; a wider gap than the usual line spacing starts a paragraph, a larger font a heading,
and a word hyphenated at a line's end is joined to its second half.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass
from statistics import median

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError, PdfStreamError

from ..sources import SourceError
from .outline import Outline

logger = logging.getLogger(__name__)

NO_TEXT = "this PDF has no text layer; export it with text or paste the text"
PAGE_NUMBER = re.compile(
    # "12", "xii", "Page 3 of 40", "3 / 40", "– 7 –"; not a year left alone on a line.
    r"^(?:\d{1,3}|(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))(?:\s*(?:of|/)\s*\d{1,4})?$|^page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$"
    r"|^[-–—]\s*\d{1,4}\s*[-–—]$",
    re.I,
)
LIST_MARK = re.compile(r"^(?:[•▪◦●‣∙·*-]|\(?\d{1,2}[.)])\s+")
EDGE_LINES = 2  # lines at the top and bottom of a page that may be a header or footer
METADATA_JUNK = re.compile(r"^(?:untitled|microsoft word\b)|\.(?:docx?|pdf|odt|txt)$", re.I)


@dataclass
class Line:
    y: float
    size: float
    text: str


def read_pdf(data: bytes, name: str) -> Outline:
    """The outline of a PDF. `SourceError` if it is locked, damaged or has no text layer."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _unlock(reader):
            raise SourceError(
                name,
                "this PDF is password-protected; save a copy without a password "
                "(or print it to a new PDF) and upload that",
            )
        pages = [_page_lines(page) for page in reader.pages]
        metadata = reader.metadata
    except SourceError:
        raise
    except (
        PdfReadError,
        PdfStreamError,
        FileNotDecryptedError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        AssertionError,
        RecursionError,
        OSError,
        EOFError,
    ) as exc:
        logger.info("Unreadable PDF %s: %s", name, exc)
        raise SourceError(
            name, "this PDF is damaged or cut short; export or download it again"
        ) from exc
    if not any(line.text.strip() for lines in pages for line in lines):
        raise SourceError(name, NO_TEXT)
    pages = drop_page_furniture(pages)
    outline = lines_to_outline(pages)
    if not outline.has_text:
        raise SourceError(name, NO_TEXT)
    if metadata:
        title = (metadata.title or "").strip()
        if title and not METADATA_JUNK.search(title):
            outline.title = title
        try:
            created = metadata.creation_date
        except (ValueError, TypeError):
            created = None
        outline.date = created.date() if created else None
    return outline


def _unlock(reader: PdfReader) -> bool:
    """Open a PDF that has only an owner password (it opens in any viewer)."""
    try:
        return bool(reader.decrypt(""))
    except (PdfReadError, NotImplementedError, ValueError, TypeError):
        return False


def _page_lines(page) -> list[Line]:
    """The page's lines, top to bottom, each with its height and largest font size."""
    pieces: list[tuple[float, float, float, str]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if not text or not text.strip():
            return
        # The piece's position and size on the page: the text matrix times the CTM.
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
        for k, part in enumerate(text.split("\n")):
            if part.strip():
                pieces.append((y - k * font_size * scale, x, font_size * scale, part))

    page.extract_text(visitor_text=visit)
    lines: list[Line] = []
    for y, _x, size, text in sorted(pieces, key=lambda p: (-round(p[0]), p[1])):
        if lines and abs(lines[-1].y - y) <= max(size, lines[-1].size) * 0.4:
            previous = lines[-1]
            joiner = "" if previous.text.endswith(" ") or text.startswith(" ") else " "
            previous.text += joiner + text
            previous.size = max(previous.size, size)
        else:
            lines.append(Line(y, size, text))
    for line in lines:
        line.text = " ".join(line.text.split())
    return lines


def _furniture_key(line: Line) -> tuple[int, str]:
    """Where a line sits and what it says, numbers aside: a running header's page number
    changes, its place and words do not."""
    return round(line.y / 4), re.sub(r"\d+", "#", line.text.casefold()).strip()


def _body_size_and_spacing(pages: list[list[Line]]) -> tuple[float, float]:
    """The font size most of the text is set in, and the usual distance between its lines."""
    sizes: Counter[float] = Counter()
    gaps: list[float] = []
    for lines in pages:
        for line in lines:
            sizes[round(line.size, 1)] += len(line.text)
        gaps.extend(
            a.y - b.y
            for a, b in zip(lines, lines[1:], strict=False)
            if a.y > b.y and round(a.size, 1) == round(b.size, 1)
        )
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    return body, (median(gaps) if gaps else body * 1.2)


def _edges(lines: list[Line]) -> list[int]:
    """Indexes of the lines at the top and bottom of a page, outermost first."""
    top = list(range(min(EDGE_LINES, len(lines))))
    bottom = [i for i in range(len(lines) - 1, len(lines) - 1 - EDGE_LINES, -1) if i >= 0]
    return top + [i for i in bottom if i not in top]


def _set_apart(lines: list[Line], i: int, body: float, spacing: float) -> bool:
    """A line in small print, with a wide gap between it and the page's body text."""
    if lines[i].size >= body * 0.95:
        return False
    step = 1 if i < len(lines) / 2 else -1
    j = i + step
    while 0 <= j < len(lines) and lines[j].size < body * 0.95:
        j += step
    return not 0 <= j < len(lines) or abs(lines[j - step].y - lines[j].y) > spacing * 1.5


def drop_page_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Drop page numbers, header and footer lines repeated at one place on many pages, and
    small print set apart at a page's top or bottom."""
    body, spacing = _body_size_and_spacing(pages)
    counts: Counter[tuple[int, str]] = Counter()
    for lines in pages:
        counts.update({_furniture_key(lines[i]) for i in _edges(lines)})
    repeats = max(2, (len(pages) + 1) // 2)
    kept: list[list[Line]] = []
    for lines in pages:
        furniture = {
            i
            for i in _edges(lines)
            if PAGE_NUMBER.match(lines[i].text)
            or counts[_furniture_key(lines[i])] >= repeats
            or _set_apart(lines, i, body, spacing)
        }
        kept.append([line for i, line in enumerate(lines) if i not in furniture])
    return kept


def lines_to_outline(pages: list[list[Line]]) -> Outline:
    """Paragraphs, list items and headings from the lines of every page."""
    body_size, spacing = _body_size_and_spacing(pages)
    sizes = {round(line.size, 1) for lines in pages for line in lines}
    heading_sizes = sorted({s for s in sizes if s >= body_size * 1.15}, reverse=True)

    outline = Outline()
    current: list[str] = []
    kind = "paragraph"

    def flush():
        nonlocal current
        if current:
            outline.add(kind, join_lines(current))
        current = []

    for lines in pages:
        previous: Line | None = None
        for line in lines:
            if round(line.size, 1) in heading_sizes and len(line.text.split()) <= 20:
                if (
                    outline.blocks
                    and outline.blocks[-1].kind == "heading"
                    and not current
                    and (previous is not None and previous.size == line.size)
                ):
                    # A heading over two lines.
                    last = outline.blocks.pop()
                    outline.add("heading", f"{last.text} {line.text}", last.level)
                else:
                    flush()
                    outline.add("heading", line.text, heading_sizes.index(round(line.size, 1)) + 1)
                previous = line
                continue
            starts_item = bool(LIST_MARK.match(line.text))
            new_block = (
                starts_item
                or previous is None
                and (not current or _ends_sentence(current[-1]))
                or previous is not None
                and (previous.y - line.y > spacing * 1.4 or previous.size != line.size)
            )
            if new_block:
                flush()
                kind = "item" if starts_item else "paragraph"
            current.append(LIST_MARK.sub("", line.text) if starts_item else line.text)
            previous = line
    flush()
    return outline


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", ":", "”", '"', "’"))


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as one string, words hyphenated at a line's end joined."""
    text = ""
    for line in lines:
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].islower():
            text = text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return text
