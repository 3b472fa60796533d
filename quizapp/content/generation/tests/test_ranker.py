"""The ranker: one small JSON model, read once per process, scoring with its reasons."""

import json

import pytest

from quizapp.content.generation.features import Rated, features_of
from quizapp.content.generation.ranker import REASONS, Model, load

SMALL = {
    "features": ["blank_none", "own_score", "answer_is_year"],
    "mean": [0.5, 0.5, 0.0],
    "scale": [0.5, 0.25, 1.0],
    "weights": [0.2, 2.0, -0.5],
    "intercept": 0.0,
}


def test_the_model_is_loaded_once_per_process():
    first = load()
    assert first is load()
    assert first is not None and first.names


def test_the_shipped_model_weighs_only_features_the_generator_computes(read):
    model = load()
    assert model is not None, "data/ranker.json ships with the app"
    [text] = read("Anna Novak won the Harlow Prize in Lisbon in 2021.")
    rated = Rated("short_answer", "Who won the Harlow Prize?", "Anna Novak", text.facts.text)
    computed = features_of(rated, text.facts)
    assert set(model.names) <= set(computed)
    assert 0.0 < model.probability(computed) < 1.0


def test_without_a_model_file_there_is_no_model(tmp_path):
    assert load(tmp_path / "missing.json") is None


def test_a_model_file_round_trips(tmp_path):
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps(SMALL), encoding="utf-8")
    model = load(path)
    assert model == Model.from_json(SMALL)
    assert model.names == ("blank_none", "own_score", "answer_is_year")


def test_reasons_are_the_strongest_contributions_first():
    model = Model.from_json(SMALL)
    features = {"blank_none": 1.0, "own_score": 0.25, "answer_is_year": 1.0}
    # contributions: blank_none +0.2, own_score -2.0, answer_is_year -0.5
    assert model.reasons(features) == (
        ("own_score", -2.0),
        ("answer_is_year", -0.5),
        ("blank_none", 0.2),
    )
    assert model.reasons(features, count=1) == (("own_score", -2.0),)
    assert len(load().reasons({})) <= REASONS


def test_a_feature_that_weighs_nothing_is_no_reason():
    model = Model.from_json(SMALL)
    features = {"blank_none": 0.5, "own_score": 0.75, "answer_is_year": 0.0}
    assert [name for name, _ in model.reasons(features)] == ["own_score"]


def test_probability_rises_with_a_positive_weight_and_stays_within_bounds():
    model = Model.from_json(SMALL)
    low = model.probability({"own_score": 0.2})
    high = model.probability({"own_score": 0.9})
    assert 0.0 < low < 0.5 < high < 1.0
    assert model.probability({"own_score": 1e9}) == pytest.approx(1.0)
    assert model.probability({}) == pytest.approx(1 / (1 + 2.718281828 ** -(-1 * 0.2 + -2 * 2.0)))
