"""Lenient grading of typed answers: a pure function, no database."""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz.distance import Levenshtein

LEADING_ARTICLES = re.compile(r"^(?:the|a|an)\s+")
NOT_WORD = re.compile(r"[^\w\s]")
SPACES = re.compile(r"\s+")
DIGITS = re.compile(r"\d+")


def normalise_answer(text: str) -> str:
    """Lower-case, strip accents and punctuation, collapse spaces and drop a leading article."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    lowered = without_accents.casefold()
    # Apostrophes join a word ("o'brien" -> "obrien"); other punctuation separates words.
    lowered = re.sub(r"['’`]", "", lowered)
    cleaned = SPACES.sub(" ", NOT_WORD.sub(" ", lowered).replace("_", " ")).strip()
    return LEADING_ARTICLES.sub("", cleaned)


def allowed_typos(length: int) -> int:
    """How many edits a typed answer of this length may differ by and still be right."""
    if length <= 3:
        return 0
    if length <= 7:
        return 1
    return 2


def grade_typed_answer(*, given: str, answer: str, alternatives: list[str]) -> bool:
    """True when `given` matches the answer or an accepted alternative, leniently.

    Case, accents, punctuation, spacing and a leading article are ignored and small typos are
    forgiven, but numbers must match exactly: "1989" is not a typo of "1988".
    """
    typed = normalise_answer(given)
    if not typed:
        return False
    for expected in [answer, *(alternatives or [])]:
        target = normalise_answer(expected)
        if not target:
            continue
        if typed == target:
            return True
        if DIGITS.findall(typed) != DIGITS.findall(target):
            continue
        limit = allowed_typos(len(target))
        if limit and Levenshtein.distance(typed, target, score_cutoff=limit) <= limit:
            return True
    return False
