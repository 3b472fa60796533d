"""Wrong answers for multiple choice and true/false: plausible, of the answer's kind, distinct.

Distractors come from the same document first, then from other documents (the context).
None is an alias of the answer or of another choice: no choice's words are a subset of
another's ("Biden" and "Joe Biden", "the US" and "US" never stand side by side).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import hashlib
import random
import re
from collections.abc import Iterable

from .candidates import fold
from .gazetteer import same_place

WANTED = 3
WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=65536)
def words(text: str) -> frozenset[str]:
    """The folded words of a text, ignoring "the" and possessive endings."""
    found = re.findall(r"\w+", fold(text))
    return frozenset(w for w in found if w not in ("the", "s", "of"))


MONTHS = frozenset(calendar.month_name[1:]) | frozenset(calendar.month_abbr[1:])


@functools.lru_cache(maxsize=65536)
def is_alias(a: str, b: str) -> bool:
    """True when one text's words are all among the other's: two forms of one thing."""
    wa, wb = words(a), words(b)
    raw_a, raw_b = set(re.findall(r"\w+", fold(a))), set(re.findall(r"\w+", fold(b)))
    if not wa or not wb:
        return fold(a) == fold(b)
    if same_place(a, b):
        return True  # "US" and "the United States"
    return wa <= wb or wb <= wa or raw_a <= raw_b or raw_b <= raw_a


def pick_distractors(
    answer: str,
    pools: Iterable[Iterable[str]],
    *,
    avoid: Iterable[str] = (),
    wanted: int = WANTED,
) -> list[str]:
    """Up to `wanted` distractors from `pools` in order (same document first).

    `avoid` holds texts that must not be offered (the names in the prompt itself, or
    things that would make the choice true).
    """
    chosen: list[str] = []
    blocked = [answer, *avoid]
    for pool in pools:
        for candidate in pool:
            if len(chosen) >= wanted:
                return chosen
            if not candidate or not re.search(r"\w", candidate):
                continue
            if any(is_alias(candidate, other) for other in [*blocked, *chosen]):
                continue
            if any(_share_a_name(candidate, other) for other in [answer, *chosen]):
                continue  # "Albert Chinualumogu Achebe" beside "Chinua Achebe": one person
            if any(fold(candidate) in fold(other) for other in avoid):
                continue
            chosen.append(candidate)
    return chosen


def _share_a_name(a: str, b: str) -> bool:
    """Two names with a capitalised word of 3+ letters in common (a month is no name:
    "March 2019" and "March 2018" are two dates)."""
    return bool(_name_words(a) & _name_words(b))


def _name_words(text: str) -> set[str]:
    return {w for w in WORD.findall(text) if w[:1].isupper() and len(w) >= 3} - MONTHS


def date_distractors(day: dt.date, *, spell) -> list[str]:
    """Nearby dates, spelled like the answer: close enough to need the fact to tell apart."""
    shifts = [dt.timedelta(days=-3), dt.timedelta(days=4), dt.timedelta(days=-31)]
    return [spell(day + shift) for shift in shifts]


def fixed_order(answer: str, distractors: list[str], *, seed: str) -> tuple[str, ...]:
    """The stored order of the choices: shuffled once, the same way on every ingest."""
    choices = [answer, *distractors]
    digest = int(hashlib.sha1(seed.encode("utf-8")).hexdigest()[:8], 16)
    random.Random(digest).shuffle(choices)
    return tuple(choices)


NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
SMALL_NUMBERS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve",
)  # fmt: skip
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def number_variants(answer: str, wanted: int = WANTED) -> list[str]:
    """Other amounts of the same unit, written the same way: "5 litres" -> "3 litres", ...

    A length is offered only lengths, a count of goals only counts of goals, so no choice
    can be ruled out for its unit alone.
    """
    words = answer.split()
    if words and words[0].lower() in SMALL_NUMBERS:
        n = SMALL_NUMBERS.index(words[0].lower())
        others = [m for m in (n + 1, n - 1, n + 2, n - 2, n + 3) if 0 < m < len(SMALL_NUMBERS)]
        spelled = [SMALL_NUMBERS[m] for m in others][:wanted]
        if words[0][0].isupper():
            spelled = [w.capitalize() for w in spelled]
        return [" ".join([w, *words[1:]]) for w in spelled]
    match = NUMBER.search(answer)
    if match is None:
        return []
    raw = match.group(0).rstrip(",.")
    value = float(raw.replace(",", ""))
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    if "per cent" in answer or "%" in answer or "percent" in answer:
        factors = [f for f in (0.7, 1.2, 0.5, 0.85) if value * f < 100]
    elif value <= 12 and decimals == 0:
        factors = [(value + d) / value for d in (1, -1, 2, 3) if value + d > 0] if value else []
    elif decimals:
        # A measurement (9.79 seconds, 68.7 billion): near values, not halves and doubles
        # that no reader would take for it.
        factors = [0.97, 1.03, 0.94, 1.06]
    else:
        factors = [0.5, 1.5, 2.0, 0.75]
    found = []
    for factor in factors:
        other = _format_like(raw, value * factor, decimals)
        if other != raw and other not in found:
            found.append(other)
    start, end = match.start(), match.start() + len(raw)
    return [answer[:start] + other + answer[end:] for other in found][:wanted]


def _format_like(raw: str, value: float, decimals: int) -> str:
    """`value` written like `raw`: same decimals, thousands separators, significant digits."""
    if decimals:
        return f"{value:,.{decimals}f}" if "," in raw else f"{value:.{decimals}f}"
    digits = len(raw.replace(",", "").rstrip("0")) or 1
    rounded = int(float(f"{value:.{max(digits, 1)}g}"))
    return f"{rounded:,}" if "," in raw else str(rounded)


def date_variants(answer: str, wanted: int = WANTED) -> list[str]:
    """Nearby dates written the same way: "28 June 1919" -> "21 June 1919", "28 June 1918"."""
    year = re.search(r"\b(1\d{3}|20\d{2})\b", answer)
    month = next((m for m in MONTH_NAMES if re.search(rf"\b{m}\b", answer)), None)
    day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b(?!\d)", answer)
    found: list[str] = []

    def swap(match_span, text):
        variant = answer[: match_span[0]] + text + answer[match_span[1] :]
        if variant != answer and variant not in found:
            found.append(variant)

    if year:
        y = int(year.group(1))
        for shift in (-1, 1, 2) if not month else (-1, 1):
            swap(year.span(1), str(y + shift))
    if month:
        k = MONTH_NAMES.index(month)
        span = re.search(rf"\b{month}\b", answer).span()
        for shift in (1, -1) if day else (1, -1, 2):
            swap(span, MONTH_NAMES[(k + shift) % 12])
    if day and (month is not None):
        d = int(day.group(1))
        swap(day.span(1), str(d + 7 if d <= 21 else d - 7))
    # Mix the changes so the choices differ in day, month and year alike.
    return sorted(found, key=lambda v: _differs_in(v, answer))[:wanted]


def _differs_in(variant: str, answer: str) -> int:
    return sum(a != b for a, b in zip(variant, answer, strict=False))
