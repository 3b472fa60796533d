"""`manage.py train_ranker`: figures from rated questions, a round held out, clear errors."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def write_ratings(path, docs, *, count=6):
    with path.open("w", encoding="utf-8") as out:
        for doc in docs:
            for q in range(count):
                row = {
                    "doc": doc,
                    "kind": ("cloze", "short_answer")[q % 2],
                    "prompt": f"Question {q} about {doc}: who wrote _____?",
                    "answer": "Mira Olsen" if q % 2 else "1998",
                    "source_text": "",
                    "acceptable": q % 2 == 1,
                }
                out.write(json.dumps(row) + "\n")


def test_a_held_out_round_is_scored_without_writing_a_model(tmp_path):
    write_ratings(tmp_path / "earlier.jsonl", ["f01.txt", "f02.txt", "f03.txt"])
    write_ratings(tmp_path / "later.jsonl", ["f04.txt"])
    model = tmp_path / "ranker.json"
    out = StringIO()
    call_command(
        "train_ranker",
        ratings=tmp_path,
        held_out="later.jsonl",
        output=model,
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    assert lines[0] == "held out: 6 ratings, acceptable 3 (50%)"
    assert lines[1].startswith("trained on the rest: AUC=")
    assert "model in use:" in lines[1]
    assert not model.exists()


def test_an_unknown_held_out_file_is_named(tmp_path):
    write_ratings(tmp_path / "earlier.jsonl", ["f01.txt"])
    with pytest.raises(CommandError, match="--held-out missing.jsonl: no such .jsonl"):
        call_command("train_ranker", ratings=tmp_path, held_out="missing.jsonl")
