"""Read a Markdown note with markdown-it-py: headings, paragraphs, list items and table rows,
as plain text (emphasis and link marks dropped). A YAML-style front matter may give the
title and date, and so may a first `date YYYY-MM-DD` line as in the plain-text format."""

from __future__ import annotations

import datetime as dt
import re

from markdown_it import MarkdownIt

from ..parsing import DATE_HEADER
from .outline import Outline

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
FIELD = re.compile(r"^(title|date)\s*:\s*(.+?)\s*$", re.M | re.I)


def read_markdown(text: str) -> Outline:
    """The outline of a Markdown text."""
    outline = Outline()
    front = FRONT_MATTER.match(text)
    if front:
        for key, value in FIELD.findall(front.group(1)):
            value = value.strip("'\"")
            if key.lower() == "title":
                outline.title = value
            else:
                outline.date = _date(value)
        text = text[front.end() :]
    date = DATE_HEADER.match(text)
    if date:
        outline.date = outline.date or _date(date.group(1))
        text = text[date.end() :]

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    kind_stack: list[str] = []
    row: list[str] = []
    for i, token in enumerate(tokens):
        if token.type in ("list_item_open", "blockquote_open"):
            kind_stack.append("item" if token.type == "list_item_open" else "paragraph")
        elif token.type in ("list_item_close", "blockquote_close"):
            kind_stack.pop()
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            outline.add("row", " | ".join(c for c in row if c))
        elif token.type != "inline":
            continue
        else:
            opener = tokens[i - 1]
            words = _plain(token)
            if opener.type == "heading_open":
                outline.add("heading", words, int(opener.tag[1]))
            elif opener.type in ("th_open", "td_open"):
                row.append(words)
            else:
                outline.add(kind_stack[-1] if kind_stack else "paragraph", words)
    return outline


def _plain(inline) -> str:
    """An inline token's text without Markdown marks; line breaks become spaces."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
