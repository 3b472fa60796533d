"""Parse a source document's text into title, date, body paragraphs and FAQ pairs.

A pure function of the text: no spaCy, no database. The format is forgiving on purpose:

    date 2023-11-11 First paragraph of the article...

    More paragraphs...

    FAQ

    What is X?

    X is ...

The `date` header may be indented or missing, the FAQ heading may read `FAQ`, `FAQs` or
`Frequently Asked Questions` (any case, optional colon), an answer may run over several
paragraphs, and Windows line endings, curly quotes and a missing final newline are fine.

A paragraph that is one line starting with `#` marks (as in Markdown) is a heading: the
first one, before any text, is the title, and the others open sections. Headings are kept
out of the paragraphs, so they are never asked about. Documents brought in from Markdown,
HTML, PDF or Word (see `extract/`) are written in this format, headings included.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

DATE_HEADER = re.compile(r"^\s*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
FAQ_HEADING = re.compile(r"^(?:faqs?|frequently\s+asked\s+questions)\s*:?$", re.IGNORECASE)
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
HEADING = re.compile(r"^(#{1,6})[ \t]+(\S[^\n]*?)[ \t#]*$")
TITLE_WORDS = 12


class ParseError(ValueError):
    """The text cannot be read as a document; the message says why."""


@dataclass(frozen=True)
class FaqPair:
    question: str
    answer: str

    @property
    def source_text(self) -> str:
        """The question and answer as they appear in the document."""
        return f"{self.question}\n\n{self.answer}"


@dataclass(frozen=True)
class Section:
    """A heading and where its text starts: `start` indexes `ParsedDocument.paragraphs`."""

    heading: str
    start: int
    level: int = 2


@dataclass(frozen=True)
class ParsedDocument:
    """A document split into its parts; `text` is the whole text with `\\n` line endings."""

    text: str
    title: str
    date: dt.date | None
    paragraphs: tuple[str, ...]
    faq: tuple[FaqPair, ...] = field(default_factory=tuple)
    sections: tuple[Section, ...] = field(default_factory=tuple)

    @property
    def body(self) -> str:
        """The article without its date header and FAQ section."""
        return "\n\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    def parts(self) -> list[Part]:
        """The body in reading order, one part per section; empty when there is no heading.

        Text before the first heading is a part of its own, headed `LEAD_HEADING`."""
        if not self.sections:
            return []
        bounds = [(s.heading, s.level, s.start) for s in self.sections]
        if bounds[0][2] > 0:
            bounds.insert(0, (LEAD_HEADING, bounds[0][1], 0))
        ends = [start for _, _, start in bounds[1:]] + [len(self.paragraphs)]
        return [
            Part(heading, level, self.paragraphs[start:end])
            for (heading, level, start), end in zip(bounds, ends, strict=True)
        ]


LEAD_HEADING = "Introduction"


@dataclass(frozen=True)
class Part:
    """One section's heading and paragraphs."""

    heading: str
    level: int
    paragraphs: tuple[str, ...]

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


def part_index(parts: list[Part], passage: str) -> int | None:
    """The index of the part whose text holds `passage` (its first line is enough), or None
    when no part does (an FAQ pair, a passage a teacher wrote)."""
    needle = passage.strip().split("\n", 1)[0].strip()
    if not needle:
        return None
    for index, part in enumerate(parts):
        if any(needle in paragraph for paragraph in part.paragraphs):
            return index
    return None


def normalise_newlines(text: str) -> str:
    """Turn Windows and old Mac line endings into `\\n` and drop a byte-order mark."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines, stripped, empty ones dropped."""
    return [p.strip() for p in PARAGRAPH_BREAK.split(text) if p.strip()]


def parse_document(text: str, *, fallback_title: str = "") -> ParsedDocument:
    """Parse a document's text. Raises `ParseError` if it holds no words at all."""
    text = normalise_newlines(text)
    if not text.strip():
        raise ParseError("the file is empty; add the article text")

    date = None
    body = text
    match = DATE_HEADER.match(text)
    if match:
        try:
            date = dt.date.fromisoformat(match.group(1))
        except ValueError as exc:
            raise ParseError(
                f"the date header {match.group(1)!r} is not a real date; use YYYY-MM-DD"
            ) from exc
        body = text[match.end() :]

    paragraphs = split_paragraphs(body)
    faq_at = next((i for i, p in enumerate(paragraphs) if _is_faq_heading(p)), None)
    faq: list[FaqPair] = []
    if faq_at is not None:
        faq = _faq_pairs([_heading_text(p) for p in paragraphs[faq_at + 1 :]])
        paragraphs = paragraphs[:faq_at]
    heading_title, paragraphs, sections = _split_headings(paragraphs)
    if not paragraphs and not faq:
        raise ParseError("the file has a date but no article text")

    title = heading_title or derive_title(paragraphs, fallback=fallback_title)
    return ParsedDocument(
        text=text,
        title=title,
        date=date,
        paragraphs=tuple(paragraphs),
        faq=tuple(faq),
        sections=tuple(sections),
    )


def _is_faq_heading(paragraph: str) -> bool:
    return bool(FAQ_HEADING.match(_heading_text(paragraph)))


def _heading_text(paragraph: str) -> str:
    """A heading paragraph's words without its `#` marks; any other paragraph unchanged."""
    match = HEADING.match(paragraph)
    return match.group(2) if match else paragraph


def _split_headings(paragraphs: list[str]) -> tuple[str, list[str], list[Section]]:
    """Take the headings out of the paragraphs: a leading one is the title, others sections."""
    title = ""
    body: list[str] = []
    sections: list[Section] = []
    for paragraph in paragraphs:
        match = HEADING.match(paragraph)
        if not match:
            body.append(paragraph)
        elif not body and not sections and not title:
            title = match.group(2)
        else:
            sections.append(Section(match.group(2), len(body), len(match.group(1))))
    # A heading at the very end has no text under it: it opens nothing.
    return title, body, [s for s in sections if s.start < len(body)]


def _faq_pairs(paragraphs: list[str]) -> list[FaqPair]:
    """A paragraph ending in `?` opens a pair; the paragraphs up to the next one answer it."""
    pairs: list[FaqPair] = []
    question: str | None = None
    answer: list[str] = []
    for paragraph in paragraphs:
        if paragraph.endswith("?"):
            if question and answer:
                pairs.append(FaqPair(question, "\n\n".join(answer)))
            question, answer = paragraph, []
        elif question:
            answer.append(paragraph)
    if question and answer:
        pairs.append(FaqPair(question, "\n\n".join(answer)))
    return pairs


def derive_title(paragraphs: list[str], *, fallback: str = "") -> str:
    """A title for a document that has none: its first sentence, shortened to a dozen words."""
    if not paragraphs:
        return fallback or "Untitled document"
    first = re.split(r"(?<=[.!?])\s", paragraphs[0], maxsplit=1)[0]
    # A short first paragraph with no final stop reads as a headline: use it whole.
    words = first.split()
    if len(words) > TITLE_WORDS:
        cut = " ".join(words[:TITLE_WORDS]).rstrip(",;:")
        return cut + "…"
    return first.rstrip(".")
