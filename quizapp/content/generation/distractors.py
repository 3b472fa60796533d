"""Wrong answers for multiple choice and true/false: plausible, of the answer's kind, distinct.

Distractors come from the same document first, then from other documents (the context).
None is an alias of the answer or of another choice: no choice's words are a subset of
another's ("Biden" and "Joe Biden", "the US" and "US" never stand side by side).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import random
import re
from collections.abc import Iterable

from .candidates import fold

WANTED = 3


@functools.lru_cache(maxsize=65536)
def words(text: str) -> frozenset[str]:
    """The folded words of a text, ignoring "the" and possessive endings."""
    found = re.findall(r"\w+", fold(text))
    return frozenset(w for w in found if w not in ("the", "s", "of"))


@functools.lru_cache(maxsize=65536)
def is_alias(a: str, b: str) -> bool:
    """True when one text's words are all among the other's: two forms of one thing."""
    wa, wb = words(a), words(b)
    raw_a, raw_b = set(re.findall(r"\w+", fold(a))), set(re.findall(r"\w+", fold(b)))
    if not wa or not wb:
        return fold(a) == fold(b)
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
            if any(fold(candidate) in fold(other) for other in avoid):
                continue
            chosen.append(candidate)
    return chosen


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
