"""The FSRS maths: moving between MemoryState fields and `fsrs.Card`. Pure, no database.

A MemoryState row stores exactly the fields of an `fsrs.Card`, so the scheduler can be
swapped or re-fitted later without migrating history (the ReviewLog keeps every rating).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import fsrs

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATING_LABELS = {AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy"}


@dataclass
class MemoryFields:
    """The scheduling fields of a MemoryState, as plain data."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None


@lru_cache(maxsize=8)
def scheduler(*, desired_retention: float = 0.9, fuzz: bool = False) -> fsrs.Scheduler:
    """An FSRS scheduler with the default parameters and the given target retention.

    Cached: a scheduler holds no per-card state, and building one validates its parameters.
    """
    return fsrs.Scheduler(desired_retention=desired_retention, enable_fuzzing=fuzz)


def to_card(fields: MemoryFields | object | None, *, now: datetime) -> fsrs.Card:
    """The `fsrs.Card` for stored fields (any object with them), or a new card due now.

    Cards get an id: without one, `fsrs.Card` sleeps a millisecond to make a unique one,
    which a report over thousands of states would feel.
    """
    if fields is None:
        return fsrs.Card(card_id=1, due=now)
    return fsrs.Card(
        card_id=getattr(fields, "pk", None) or 1,
        state=fsrs.State(fields.state),
        step=fields.step,
        stability=fields.stability,
        difficulty=fields.difficulty,
        due=fields.due,
        last_review=fields.last_review,
    )


def from_card(card: fsrs.Card) -> MemoryFields:
    """The fields to store for an `fsrs.Card`."""
    return MemoryFields(
        state=int(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def review(
    fields: MemoryFields | object | None,
    *,
    rating: int,
    now: datetime,
    desired_retention: float = 0.9,
    fuzz: bool = False,
) -> MemoryFields:
    """The memory fields after one review rated 1 (Again) to 4 (Easy) at `now`."""
    if rating not in RATING_LABELS:
        raise ValueError(f"rating must be 1 to 4, not {rating!r}")
    card = to_card(fields, now=now)
    sched = scheduler(desired_retention=desired_retention, fuzz=fuzz)
    new_card, _log = sched.review_card(card, fsrs.Rating(rating), review_datetime=now)
    return from_card(new_card)


def recall_probability(fields: MemoryFields | object | None, *, now: datetime) -> float:
    """Predicted probability of recalling the item at `now`; 0 for an item never studied.

    FSRS's forgetting curve, R = (1 + factor * days / stability) ** decay, computed from the
    stored fields directly: reports call this for thousands of states, and building an
    `fsrs.Card` for each costs more than the sum itself.
    """
    if fields is None or fields.last_review is None or fields.stability is None:
        return 0.0
    return recall_after(elapsed_days=(now - fields.last_review).days, stability=fields.stability)


def recall_from_seconds(
    *, now_seconds: float, reviewed_seconds: float | None, stability: float | None
) -> float:
    """`recall_probability` for times given as seconds since the epoch (`EpochSeconds`).

    For reads of many states as plain rows (a progress page, a class report): whole days
    since the review as `timedelta.days` counts them, 0 for an item never reviewed.
    """
    if reviewed_seconds is None or stability is None:
        return 0.0
    elapsed_days = int((now_seconds - reviewed_seconds) // 86400)
    return recall_after(elapsed_days=elapsed_days, stability=stability)


def recall_after(*, elapsed_days: int, stability: float) -> float:
    """The forgetting curve itself: recall after whole `elapsed_days` at this stability.

    For callers that read the elapsed days as plain numbers, e.g. a report over a class.
    """
    decay, factor = forgetting_curve()
    return float((1 + factor * max(0, elapsed_days) / stability) ** decay)


@lru_cache(maxsize=1)
def forgetting_curve() -> tuple[float, float]:
    """The forgetting curve's decay and factor for the scheduler's parameters."""
    decay = -scheduler().parameters[20]
    return decay, 0.9 ** (1 / decay) - 1
