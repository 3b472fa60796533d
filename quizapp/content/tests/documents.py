"""Real files of each format, made by the tests from one article's parts.

PDFs are written directly (a few objects, Helvetica, WinAnsi text) so a test can lay out
running headers, footers, page numbers and words hyphenated at a line's end exactly as a
book's PDF has them; Word files come from python-docx.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import zipfile
from dataclasses import dataclass, field

import docx

LINE = 14  # points between lines of body text
PARAGRAPH = 24  # points between paragraphs
TOP, BOTTOM = 760, 80


@dataclass
class Article:
    """An article's parts, written out in any format."""

    title: str
    date: dt.date | None
    sections: list[tuple[str, list[str]]]  # (heading or "", paragraphs)
    faq: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def from_native(cls, text: str, title: str) -> Article:
        """Split a seed `.txt` (date line, paragraphs, FAQ) into parts."""
        from quizapp.content.parsing import parse_document

        parsed = parse_document(text)
        return cls(
            title=title,
            date=parsed.date,
            sections=[("", list(parsed.paragraphs))],
            faq=[(p.question, p.answer) for p in parsed.faq],
        )

    def txt(self) -> str:
        parts = [f"date {self.date.isoformat()}"] if self.date else []
        parts.append(f"# {self.title}")
        for heading, paragraphs in self.sections:
            parts.extend(([f"## {heading}"] if heading else []) + paragraphs)
        if self.faq:
            parts.append("FAQ")
            for question, answer in self.faq:
                parts.extend([question, answer])
        return "\n\n".join(parts)

    def markdown(self) -> str:
        parts = [f"---\ndate: {self.date.isoformat()}\n---\n"] if self.date else []
        parts.append(f"# {self.title}")
        for heading, paragraphs in self.sections:
            parts.extend(([f"## {heading}"] if heading else []) + paragraphs)
        if self.faq:
            parts.append("## Frequently asked questions")
            for question, answer in self.faq:
                parts.extend([f"### {question}", answer])
        return "\n\n".join(parts) + "\n"

    def html(self) -> str:
        e = html.escape
        body = [f"<h1>{e(self.title)}</h1>"]
        for heading, paragraphs in self.sections:
            if heading:
                body.append(f"<h2>{e(heading)}</h2>")
            body.extend(f"<p>{e(p)}</p>" for p in paragraphs)
        if self.faq:
            body.append("<h2>FAQ</h2>")
            for question, answer in self.faq:
                body.append(f"<h3>{e(question)}</h3><p>{e(answer)}</p>")
        date = f'<meta name="date" content="{self.date.isoformat()}">' if self.date else ""
        return (
            f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{e(self.title)}</title>"
            f"{date}<script>window.stolen = document.cookie;</script></head><body>"
            "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li>"
            "<li><a href='/sport'>Sport</a></li></ul></nav>"
            f"<main><article>{''.join(body)}</article></main>"
            "<aside class='advert'>Subscribe today for only $1 a week!</aside>"
            "<footer><p>© 2024 The Daily Example. All rights reserved.</p></footer>"
            "</body></html>"
        )

    def docx(self) -> bytes:
        document = docx.Document()
        document.core_properties.title = self.title
        if self.date:
            document.core_properties.created = dt.datetime.combine(self.date, dt.time(9))
        document.add_heading(self.title, level=1)
        for heading, paragraphs in self.sections:
            if heading:
                document.add_heading(heading, level=2)
            for paragraph in paragraphs:
                document.add_paragraph(paragraph)
        if self.faq:
            document.add_heading("Frequently Asked Questions", level=2)
            for question, answer in self.faq:
                document.add_paragraph(question).runs[0].bold = True
                document.add_paragraph(answer)
        return docx_bytes(document)

    def pdf(self, *, width: int = 78) -> bytes:
        """A book-like PDF: a running header, a footer and a page number on every page."""
        lines: list[tuple[int, str]] = [(20, self.title)]
        for heading, paragraphs in self.sections:
            if heading:
                lines.append((15, heading))
            for paragraph in paragraphs:
                lines.extend((11, line) for line in wrap(paragraph, width))
                lines.append((0, ""))
        if self.faq:
            lines.append((15, "FAQ"))
            for question, answer in self.faq:
                for text in (question, answer):
                    lines.extend((11, line) for line in wrap(text, width))
                    lines.append((0, ""))
        return pdf_bytes(
            paginate(lines),
            header="Geography Reader · Chapter 3",
            footer="Printed for classroom use",
            title=self.title,
            date=self.date,
        )


def docx_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters; a long word that does not fit is hyphenated."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        room = width - len(line) - (1 if line else 0)
        if len(word) <= room:
            line = f"{line} {word}" if line else word
            continue
        if word.isalpha() and word.islower() and len(word) >= 8 and room >= 5:
            cut = room - 1
            lines.append(f"{line} {word[:cut]}-")
            line = word[cut:]
            continue
        lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


def paginate(lines: list[tuple[int, str]]) -> list[list[tuple[int, float, str]]]:
    """(size, y, text) per page, top to bottom; a size-0 line is a paragraph gap."""
    pages: list[list[tuple[int, float, str]]] = [[]]
    y = TOP
    for size, text in lines:
        if size == 0:
            y -= PARAGRAPH - LINE
            continue
        step = LINE if size <= 11 else size + 12
        if y - step < BOTTOM:
            pages.append([])
            y = TOP
        y -= step
        pages[-1].append((size, y, text))
    return pages


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    out = bytearray(b"(")
    for byte in raw:
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif byte > 126:
            out += f"\\{byte:03o}".encode()
        else:
            out.append(byte)
    return bytes(out + b")")


def pdf_bytes(
    pages: list[list[tuple[int, float, str]]],
    *,
    header: str = "",
    footer: str = "",
    title: str = "",
    date: dt.date | None = None,
    page_numbers: bool = True,
) -> bytes:
    """A PDF whose pages hold the given lines (size 0 pages hold no text at all)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = len(objects) + 1 + 2 * len(pages)  # the Pages object comes after all pages
    kids = []
    for number, lines in enumerate(pages, start=1):
        ops = []
        furniture = []
        if lines:
            if header:
                furniture.append((9, 800.0, header))
            if footer:
                furniture.append((9, 40.0, footer))
            if page_numbers:
                furniture.append((9, 25.0, str(number)))
        for size, y, text in furniture + lines:
            ops.append(b"BT /F1 %d Tf 72 %.1f Td %s Tj ET" % (size, y, _pdf_string(text)))
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 842] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, content, font)
            )
        )
    refs = b" ".join(b"%d 0 R" % k for k in kids)
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    info_fields = b""
    if title:
        info_fields += b"/Title " + _pdf_string(title)
    if date:
        info_fields += b" /CreationDate (D:%s090000Z)" % date.strftime("%Y%m%d").encode()
    info = add(b"<< %s >>" % info_fields)

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        info,
        xref,
    )
    return bytes(out)


def zip_bytes(members: dict[str, bytes], *, compress: bool = True) -> bytes:
    out = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()
