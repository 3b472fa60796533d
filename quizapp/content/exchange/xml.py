"""Reading and writing the XML formats safely.

Files are built as element trees, so what is written is always well formed. Reading
refuses any document type declaration (so no entity can expand or reach the network),
and every failure names the line, so a teacher can find it.
"""

from __future__ import annotations

import re

from lxml import etree

# What may come before the root element besides a document type declaration.
PROLOG_PART = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)
DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


# Characters XML 1.0 cannot hold at all (control characters, lone surrogates, U+FFFE/F).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """`text` without the characters XML cannot hold (a PDF's form feed, say)."""
    return NOT_XML.sub("", text)


class XMLProblem(ValueError):
    """A file that is not XML this app reads; the message names the line."""


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _declaration(data: bytes):
    """A DOCTYPE (or ENTITY) declaration in the prolog, where one can stand; text such as
    `<!DOCTYPE html>` inside a question's CDATA is content and stays allowed."""
    position = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    while match := PROLOG_PART.match(data, position):
        if match.end() == position:
            break
        position = match.end()
    return DECLARATION.match(data, position)


def parse(data: bytes | str) -> etree._Element:
    """The root element of `data`, with no DTD, entity or network access allowed."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    declaration = _declaration(data)
    if declaration:
        raise XMLProblem(
            f"line {_line_of(data, declaration.start())}: a <!{declaration.group(1).decode()}> "
            "declaration is not accepted; remove it (the formats need none)"
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if exc.position else 0)
        message = re.sub(r",\s*line \d+, column \d+$", "", exc.msg or "syntax error")
        raise XMLProblem(f"line {line}: the XML is not well formed: {message}") from None
    if root is None:
        raise XMLProblem("line 1: the file holds no XML element")
    if root.getroottree().docinfo.doctype:
        raise XMLProblem("line 1: a document type declaration is not accepted; remove it")
    return root


def local(element) -> str:
    """An element's name without its namespace."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def children(element, name: str) -> list:
    """The child elements called `name`, whatever their namespace."""
    return [child for child in element if local(child) == name]


def child(element, name: str):
    """The first child element called `name`, or None."""
    found = children(element, name)
    return found[0] if found else None


def descendants(element, name: str) -> list:
    """Every element below `element` called `name`, in document order."""
    return [e for e in element.iter() if local(e) == name]


def text_of(element) -> str:
    """All the text inside an element, its children's included."""
    return "" if element is None else "".join(element.itertext())


def to_bytes(root) -> bytes:
    """A whole document: declaration, UTF-8, indented."""
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
