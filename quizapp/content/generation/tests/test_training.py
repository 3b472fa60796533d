"""Training the ranker: ratings read with clear errors, documents held out whole."""

import json
import random

import pytest
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import KFold, cross_val_predict

from quizapp.content.generation.features import vector
from quizapp.content.generation.ranker import load
from quizapp.content.generation.training import (
    Example,
    classifier,
    cross_validate,
    examples,
    feature_names,
    fit,
    held_out,
    read_ratings,
)
from quizapp.content.parsing import parse_document


def rating(**changes) -> dict:
    row = {
        "doc": "harbour.txt",
        "kind": "short_answer",
        "prompt": "Who painted the harbour mural?",
        "answer": "Mira Olsen",
        "source_text": "Mira Olsen painted the harbour mural in 1998.",
        "acceptable": True,
    }
    return {**row, **changes}


def test_read_ratings_yields_every_row_and_skips_blank_lines(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(rating()) + "\n\n" + json.dumps(rating(acceptable=False)) + "\n")
    rows = list(read_ratings([path]))
    assert [r["acceptable"] for r in rows] == [True, False]


@pytest.mark.parametrize(
    "bad", ["{not json", json.dumps({"doc": "harbour.txt", "prompt": "Who?"}), "[1, 2]"]
)
def test_a_bad_rating_names_its_file_and_line(tmp_path, bad):
    path = tmp_path / "ratings.jsonl"
    path.write_text(json.dumps(rating()) + "\n\n" + bad + "\n")
    with pytest.raises(ValueError, match=r"ratings\.jsonl: line 3: "):
        list(read_ratings([path]))


def test_examples_turn_ratings_into_features_and_skip_unknown_documents():
    document = parse_document("Mira Olsen painted the harbour mural in 1998.")
    rows = [rating(), rating(doc="elsewhere.txt"), rating(answer="1998", acceptable=False)]
    found = examples(rows, {"harbour.txt": document})
    assert [(e.doc, e.acceptable) for e in found] == [("harbour.txt", True), ("harbour.txt", False)]
    assert found[0].features["answer_kind:person"] == 1.0
    assert found[1].features["answer_is_year"] == 1.0


def synthetic(*, documents: int = 10, per_document: int = 6) -> list[Example]:
    """Documents that are all good or all bad, told apart only by their own name, and a
    `signal` feature that marks good questions in every document."""
    noise = random.Random(7)
    found = []
    for d in range(documents):
        good_document = d % 2 == 0
        for _ in range(per_document):
            features = {f"doc:{d}": 1.0, "noise": noise.random()}
            found.append(Example(f"doc{d}.txt", "cloze", features, good_document))
    return found


def test_cross_validation_holds_documents_out_whole():
    # Were a document on both sides of a split, its name alone would give its rating away
    # and the AUC would be near 1; held out whole, the name says nothing.
    found = synthetic()
    validation = cross_validate(found)
    assert validation.examples == 60 and validation.documents == 10
    assert validation.auc < 0.7
    # The same model split by question instead of by document learns the names.
    names = feature_names(found)
    leaked = cross_val_predict(
        classifier(0.3),
        [vector(e.features, names) for e in found],
        [int(e.acceptable) for e in found],
        cv=KFold(5, shuffle=True, random_state=0),
        method="predict_proba",
    )[:, 1]
    assert roc_auc_score([e.acceptable for e in found], leaked) > 0.95


def test_cross_validation_finds_a_signal_that_holds_across_documents():
    noise = random.Random(3)
    found = []
    for d in range(8):
        for q in range(6):
            good = q % 2 == 0
            features = {"signal": float(good) + noise.random() * 0.4, "noise": noise.random()}
            found.append(Example(f"doc{d}.txt", ("cloze", "short_answer")[q % 2], features, good))
    validation = cross_validate(found, folds=4)
    assert validation.auc > 0.9
    assert validation.baseline_auc > 0.9  # the kind alone tells them apart here too
    assert validation.acceptable == 24
    assert 0 <= validation.kept_acceptable <= validation.kept <= validation.examples
    lines = validation.lines()
    assert lines[0].startswith("examples=48 documents=8 acceptable=24 (50%)")
    assert "grouped cross-validation: AUC=" in lines[1]


def test_a_fitted_model_is_what_the_ranker_loads(tmp_path):
    noise = random.Random(5)
    found = [
        Example(
            f"doc{i % 4}.txt",
            "cloze",
            {"signal": float(i % 2), "noise": noise.random()},
            i % 2 == 1,
        )
        for i in range(40)
    ]
    data = fit(found)
    assert data["features"] == feature_names(found) == ["noise", "signal"]
    assert data["examples"] == 40
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    model = load(path)
    assert model.probability({"signal": 1.0, "noise": 0.5}) > 0.8
    assert model.probability({"signal": 0.0, "noise": 0.5}) < 0.2
    assert model.reasons({"signal": 1.0, "noise": 0.5})[0][0] == "signal"


def test_a_held_out_round_is_scored_by_a_model_that_never_saw_it():
    noise = random.Random(5)

    def round_of(docs):
        return [
            Example(f"doc{d}.txt", "cloze", {"signal": float(q % 2) + noise.random()}, q % 2 == 1)
            for d in docs
            for q in range(6)
        ]

    result = held_out(round_of(range(6)), round_of(range(6, 8)), threshold=0.5)
    assert result.examples == 12 and result.acceptable == 6
    assert result.auc > 0.8 and result.committed_auc is None
    assert 0 < result.kept_acceptable <= result.kept <= result.examples
    assert result.lines()[1].startswith("trained on the rest: AUC=")
