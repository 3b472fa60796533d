"""Short-answer questions and the other spellings a typed answer may take."""

from __future__ import annotations

import datetime as dt
import re

from .analysis import DocFacts


def spell_date(day: dt.date) -> str:
    """A date as a reader writes it: "November 11, 2023"."""
    return f"{day:%B} {day.day}, {day.year}"


def date_alternatives(day: dt.date) -> tuple[str, ...]:
    """Other accepted spellings of a date."""
    return (
        day.isoformat(),
        f"{day.day} {day:%B} {day.year}",
        f"{day:%B} {day.day}",
        f"{day.day} {day:%B}",
        f"{day:%b} {day.day}, {day.year}",
        f"{day.day}/{day.month}/{day.year}",
        f"{day.month}/{day.day}/{day.year}",
    )


def alternatives_for(answer: str, kind: str, facts: DocFacts | None = None) -> tuple[str, ...]:
    """Answers accepted besides `answer`: shorter names of a person, "the" forms, number words."""
    found: list[str] = []
    if kind == "person" and facts is not None:
        found += [e.text for e in facts.entities if e.full_name == answer and e.text != answer]
        parts = answer.split()
        if len(parts) == 2:
            found.append(parts[-1])
    if kind in ("place", "org", "thing", "name"):
        found.append(f"the {answer}")
    if kind in ("number", "time"):
        stripped = re.sub(r"^(?:about|around|some|nearly|almost|more than|over)\s+", "", answer)
        if stripped != answer:
            found.append(stripped)
        number = _as_number(stripped)
        if number is not None:
            found.append(number)
    return tuple(dict.fromkeys(a for a in found if a and a != answer))


NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        )  # fmt: skip
    )
}


def _as_number(text: str) -> str | None:
    """ "four minutes" -> "4 minutes" and "4 minutes" -> "four minutes"."""
    first, _, rest = text.partition(" ")
    if first.lower() in NUMBER_WORDS:
        return f"{NUMBER_WORDS[first.lower()]} {rest}".strip()
    if first.isdigit():
        words = {v: k for k, v in NUMBER_WORDS.items()}
        if int(first) in words:
            return f"{words[int(first)]} {rest}".strip()
    return None
