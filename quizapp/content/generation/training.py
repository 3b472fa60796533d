"""Learn the ranker from rated questions, and say how well it ranks documents it never saw.

Ratings are JSON lines (`doc`, `kind`, `prompt`, `answer`, `choices`, `source_text`,
`acceptable`, ...), the documents they were asked of in a folder beside them. Each
document is analysed once; each rated question becomes its features (see `features`).
Cross-validation holds whole documents out (no document on both sides), so the figures
say how the ranker does on a text it has not seen.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .analysis import analyse, facts_of
from .features import KINDS, Rated, features_of, vector


@dataclass(frozen=True)
class Example:
    doc: str
    kind: str
    features: dict[str, float]
    acceptable: bool


@dataclass(frozen=True)
class Validation:
    """Out-of-fold figures: what the ranker does on documents held out of its training."""

    examples: int
    documents: int
    auc: float
    baseline_auc: float  # the question's kind alone
    threshold: float
    kept: int  # held-out questions scoring at least the threshold
    kept_acceptable: int
    acceptable: int  # of all examples

    def lines(self) -> list[str]:
        share = self.kept_acceptable / self.kept if self.kept else 0.0
        return [
            f"examples={self.examples} documents={self.documents} "
            f"acceptable={self.acceptable} ({self.acceptable / self.examples:.0%})",
            f"grouped cross-validation: AUC={self.auc:.3f} (kind alone: {self.baseline_auc:.3f})",
            f"at threshold {self.threshold:.2f}: kept {self.kept}/{self.examples}, "
            f"acceptable {self.kept_acceptable}/{self.kept} ({share:.0%})",
        ]


def read_ratings(paths: Iterable[Path]) -> Iterator[dict]:
    """Every rating in the `.jsonl` files given; a bad line raises naming file and line."""
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                    row["doc"], row["prompt"], row["answer"], row["acceptable"]
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise ValueError(f"{path}: line {number}: {exc}") from exc
                yield row


def examples(rows: list[dict], documents: dict[str, object], *, titles=None) -> list[Example]:
    """The rated questions as features, each document analysed once.

    `documents` maps a rating's `doc` to its parsed document; rows of other documents are
    skipped.
    """
    titles = titles or {}
    names = sorted({row["doc"] for row in rows if row["doc"] in documents})
    analysed = dict(zip(names, analyse([documents[n] for n in names]), strict=True))
    found = []
    for row in rows:
        doc = analysed.get(row["doc"])
        if doc is None:
            continue
        rated = Rated(
            kind=row["kind"],
            prompt=row["prompt"],
            answer=row["answer"],
            source_text=row.get("source_text", ""),
            choices=tuple(row.get("choices") or ()),
            own_score=row.get("score"),
        )
        features = features_of(rated, facts_of(doc), title=titles.get(row["doc"], ""))
        found.append(Example(row["doc"], row["kind"], features, bool(row["acceptable"])))
    return found


def feature_names(found: list[Example]) -> list[str]:
    return sorted({name for example in found for name in example.features})


def classifier(strength: float):
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=strength, max_iter=2000))


def cross_validate(
    found: list[Example], *, folds: int = 5, threshold: float = 0.5, strength: float = 0.3
) -> Validation:
    """Out-of-fold AUC and the acceptable share at `threshold`, documents held out whole."""
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    names = feature_names(found)
    x = [vector(e.features, names) for e in found]
    kinds = [[float(e.kind == k) for k in KINDS[:3]] for e in found]
    y = [int(e.acceptable) for e in found]
    groups = [e.doc for e in found]
    predicted = [0.0] * len(found)
    baseline = [0.0] * len(found)
    for train, test in GroupKFold(n_splits=folds).split(x, y, groups):
        model = classifier(strength).fit([x[i] for i in train], [y[i] for i in train])
        simple = classifier(strength).fit([kinds[i] for i in train], [y[i] for i in train])
        for i, p in zip(test, model.predict_proba([x[i] for i in test])[:, 1], strict=True):
            predicted[i] = float(p)
        for i, p in zip(test, simple.predict_proba([kinds[i] for i in test])[:, 1], strict=True):
            baseline[i] = float(p)
    kept = [i for i, p in enumerate(predicted) if p >= threshold]
    return Validation(
        examples=len(found),
        documents=len(set(groups)),
        auc=float(roc_auc_score(y, predicted)),
        baseline_auc=float(roc_auc_score(y, baseline)),
        threshold=threshold,
        kept=len(kept),
        kept_acceptable=sum(y[i] for i in kept),
        acceptable=sum(y),
    )


@dataclass(frozen=True)
class HeldOut:
    """How a model trained on some rated documents ranks the ratings of others."""

    examples: int
    auc: float
    committed_auc: float | None  # the model in use, on the same ratings
    threshold: float
    kept: int
    kept_acceptable: int
    acceptable: int

    def lines(self) -> list[str]:
        share = self.kept_acceptable / self.kept if self.kept else 0.0
        committed = (
            "" if self.committed_auc is None else f" (model in use: {self.committed_auc:.3f})"
        )
        return [
            f"held out: {self.examples} ratings, acceptable {self.acceptable} "
            f"({self.acceptable / self.examples:.0%})",
            f"trained on the rest: AUC={self.auc:.3f}{committed}",
            f"at threshold {self.threshold:.2f}: kept {self.kept}/{self.examples}, "
            f"acceptable {self.kept_acceptable}/{self.kept} ({share:.0%})",
        ]


def held_out(
    train: list[Example],
    test: list[Example],
    *,
    threshold: float,
    strength: float = 0.3,
    committed=None,
) -> HeldOut:
    """Fit on `train`, score `test` (documents it never saw); `committed` (a ranker model)
    is scored on `test` too, for comparison."""
    from sklearn.metrics import roc_auc_score

    names = feature_names(train)
    model = classifier(strength).fit(
        [vector(e.features, names) for e in train], [int(e.acceptable) for e in train]
    )
    predicted = model.predict_proba([vector(e.features, names) for e in test])[:, 1]
    y = [int(e.acceptable) for e in test]
    kept = [i for i, p in enumerate(predicted) if p >= threshold]
    return HeldOut(
        examples=len(test),
        auc=float(roc_auc_score(y, predicted)),
        committed_auc=None
        if committed is None
        else float(roc_auc_score(y, [committed.probability(e.features) for e in test])),
        threshold=threshold,
        kept=len(kept),
        kept_acceptable=sum(y[i] for i in kept),
        acceptable=sum(y),
    )


def fit(found: list[Example], *, strength: float = 0.3) -> dict:
    """The model, as the JSON `ranker.load` reads, fitted on every example."""
    names = feature_names(found)
    pipeline = classifier(strength).fit(
        [vector(e.features, names) for e in found], [int(e.acceptable) for e in found]
    )
    scaler, regression = pipeline.steps[0][1], pipeline.steps[1][1]
    return {
        "features": names,
        "mean": [round(float(m), 6) for m in scaler.mean_],
        "scale": [round(float(s), 6) for s in scaler.scale_],
        "weights": [round(float(w), 6) for w in regression.coef_[0]],
        "intercept": round(float(regression.intercept_[0]), 6),
        "examples": len(found),
    }
