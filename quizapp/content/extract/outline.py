"""What every extractor produces: a title, a date and blocks in reading order.

`native_text` writes an outline in the app's own plain-text format (see `parsing.py`), so a
document from any format goes through the same parser and generation as a `.txt` file:
headings as `#` lines, each paragraph, list item and table row as its own paragraph, and the
FAQ under an `FAQ` line where its questions are paragraphs ending in `?`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from ..parsing import FAQ_HEADING, HEADING

BlockKind = Literal["heading", "paragraph", "item", "row"]
SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str
    level: int = 0  # headings only: 1 is the largest


@dataclass
class Outline:
    """A document read from some format, before it is written as native text."""

    title: str = ""
    date: dt.date | None = None
    blocks: list[Block] = field(default_factory=list)

    def add(self, kind: BlockKind, text: str, level: int = 0) -> None:
        """Add a block; its whitespace (line breaks included) is folded into single spaces."""
        text = SPACES.sub(" ", text).strip()
        if text:
            self.blocks.append(Block(kind, text, level))

    @property
    def has_text(self) -> bool:
        return any(b.kind != "heading" for b in self.blocks)

    def native_text(self) -> str:
        """The outline in the native format: date line, `# title`, sections, FAQ."""
        blocks = list(self.blocks)
        title = self.title.strip()
        if not title and blocks and blocks[0].kind == "heading":
            title = blocks[0].text
        if blocks and blocks[0].kind == "heading" and blocks[0].text.casefold() == title.casefold():
            blocks = blocks[1:]
        parts: list[str] = []
        if self.date:
            parts.append(f"date {self.date.isoformat()}")
        if title:
            parts.append(f"# {SPACES.sub(' ', title)}")
        in_faq = False
        for block in blocks:
            if block.kind == "heading" and FAQ_HEADING.match(block.text) and not in_faq:
                parts.append("FAQ")
                in_faq = True
            elif block.kind == "heading" and not in_faq:
                parts.append(f"{'#' * min(max(block.level, 2), 6)} {block.text}")
            else:
                parts.append(_not_a_heading(block.text))
        return "\n\n".join(parts) + "\n"


def _not_a_heading(text: str) -> str:
    """Body text that happens to start with `# ` must not read as a heading."""
    return text.lstrip("#").lstrip() if HEADING.match(text) else text
