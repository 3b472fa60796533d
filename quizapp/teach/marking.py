"""Mark the answer's words in a source sentence, so a teacher sees at once where it came from."""

from __future__ import annotations

import re

from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString

# Words too common to point at anything.
_SMALL = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "to",
        "was",
        "were",
        "with",
    ]
)
_WORD = re.compile(r"\w+")


def answer_words(answer: str) -> list[str]:
    """The words of an answer worth marking: not tiny, not the commonest English words."""
    words = {w.casefold() for w in _WORD.findall(answer)}
    return sorted((w for w in words if w not in _SMALL and (len(w) > 1 or w.isdigit())), key=len)


def mark_answer(source: str, answer: str) -> SafeString:
    """`source`, escaped, with each whole-word occurrence of the answer's words in <mark>."""
    words = answer_words(answer)
    if not words:
        return escape(source)
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(w) for w in reversed(words)) + r")\b", re.IGNORECASE
    )
    pairs, last = [], 0
    for match in pattern.finditer(source):
        pairs.append((source[last : match.start()], match.group(0)))
        last = match.end()
    # format_html_join and escape escape every piece of the text.
    return format_html_join("", "{}<mark>{}</mark>", pairs) + escape(source[last:])
