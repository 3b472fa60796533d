"""How likely a teacher is to keep a question: a logistic model learned from rated questions.

The model is a small JSON file (`data/ranker.json`): the feature names, their mean and
scale, one weight each and an intercept, written by `manage.py train_ranker` from the
ratings in `data/ratings/`. Scoring is a dot product and a sigmoid in plain Python, so the
model loads once per process and costs nothing beside the parse. Without a model file the
generators' own scores are used.
"""

from __future__ import annotations

import functools
import heapq
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent / "data" / "ranker.json"
REASONS = 3


@dataclass(frozen=True)
class Model:
    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float

    @classmethod
    def from_json(cls, data: Mapping) -> Model:
        return cls(
            names=tuple(data["features"]),
            mean=tuple(data["mean"]),
            scale=tuple(data["scale"]),
            weights=tuple(data["weights"]),
            intercept=float(data["intercept"]),
        )

    @functools.cached_property
    def _terms(self) -> tuple[tuple[str, float, float], ...]:
        """Per feature: its name, its weight over its scale, and the contribution of a
        feature that is 0 (its mean standardised away), worked out once."""
        return tuple(
            (name, weight / scale, -mean / scale * weight)
            for name, mean, scale, weight in zip(
                self.names, self.mean, self.scale, self.weights, strict=True
            )
        )

    def contributions(self, features: Mapping[str, float]) -> list[tuple[str, float]]:
        """Each feature's share of the log-odds: its standardised value times its weight."""
        return [
            (name, features.get(name, 0.0) * per_unit + at_zero)
            for name, per_unit, at_zero in self._terms
        ]

    def probability(self, features: Mapping[str, float]) -> float:
        return self.score(features)[0]

    def reasons(self, features: Mapping[str, float], count: int = REASONS):
        """The features that moved this question's score most, strongest first."""
        return self.score(features, count)[1]

    def score(self, features: Mapping[str, float], count: int = REASONS):
        """The probability and the reasons together, the contributions computed once."""
        contributions = self.contributions(features)
        z = self.intercept + sum(c for _, c in contributions)
        probability = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        strongest = heapq.nlargest(count, contributions, key=lambda c: abs(c[1]))
        reasons = tuple((name, round(value, 2)) for name, value in strongest if value)
        return probability, reasons


@functools.lru_cache(maxsize=4)
def load(path: Path = MODEL_PATH) -> Model | None:
    """The model at `path`, read once per process; None when there is none."""
    try:
        return Model.from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
