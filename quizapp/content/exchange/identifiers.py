"""Stable identifiers of exported questions, the same on every export.

A question is known in the app by its document's slug and its key (its natural key), so
its identifier in a QTI package or a Moodle file is built from them: `q-talks.3f2a...`.
It is a valid QTI identifier (an XML name) and a Moodle `idnumber`, and reading it back
gives the key, so importing the file again updates the question instead of adding a copy.
"""

from __future__ import annotations

import re

from quizapp.content.generation.candidates import item_key

IDENTIFIER = re.compile(r"^q-([-\w]+)\.([-\w]{1,40})$", re.ASCII)
SAFE = re.compile(r"^[-\w]{1,40}$", re.ASCII)


def question_identifier(document: str, key: str) -> str:
    """The identifier of the question `key` of document `document` (a slug)."""
    slug = document if re.fullmatch(r"[-\w]+", document or "", re.ASCII) else "x"
    # Keys are made of letters, digits, `-` and `_`; any other key is hashed to stay valid.
    safe_key = key if SAFE.match(key) else "h" + item_key(key)
    return f"q-{slug}.{safe_key}"


def parse_identifier(identifier: str) -> tuple[str, str] | None:
    """(document slug, key) from an identifier this app wrote; None for any other."""
    match = IDENTIFIER.match(identifier.strip())
    if not match:
        return None
    return match.group(1), match.group(2)
