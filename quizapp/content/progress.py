"""How the progress of a long document's generation reads, for the teacher and the command."""

from __future__ import annotations


def section_label(number: int, total: int, heading: str = "") -> str:
    """ "section 12 of 58, 'The Erie Canal'", or "part 3 of 10" for a piece without a heading."""
    if heading:
        return f"section {number} of {total}, \u2018{heading}\u2019"
    return f"part {number} of {total}"
