"""What generators may know beyond one document: entities of other ingested documents.

Distractors come from the same document first and from these pools second.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class GenerationContext:
    """Entity texts by kind (person, place, org, date, number) from other documents."""

    pools: dict[str, tuple[str, ...]] = field(default_factory=dict)


def build_context(*, exclude_source: str = "") -> GenerationContext:
    """The context for generating one document's items."""
    return GenerationContext()
