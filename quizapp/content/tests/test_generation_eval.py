"""Regression: generation quality on the eval documents, and what the seed document yields."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from quizapp.content.ingest import ingest_paths
from quizapp.content.models import Document, Question

DATA = Path(__file__).resolve().parent / "data"
EVAL = DATA / "eval"
SEED_DIR = Path(__file__).resolve().parents[3] / "seeds"
# What generation reaches on the 222 eval documents today (recall 0.335, wh 0.24, MC 0.210,
# one document of one kind), as floors a change must not fall below (MC at the goal for
# unseen text, 0.20, since a blank person is no longer offered among the text's others).
# The scorer's goals are higher (fact recall 0.85, three kinds in every document, wh share
# 0.30); `make eval` prints how far off they are.
FLOORS = {
    "MIN_FACT": "0.33",
    "MIN_VALID": "1.0",
    "MAX_DENSITY": "50",
    "MIN_KINDS": "1",
    "MIN_WH": "0.22",
    "MIN_MC": "0.20",
}


def score(items_path: Path) -> tuple[int, dict[str, float], str]:
    """Run the unchanged scorer; its exit status and the figures from its last line."""
    docs = sorted(str(p) for p in EVAL.glob("*.txt"))
    run = subprocess.run(
        [sys.executable, str(DATA / "score.py"), str(items_path), *docs],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **FLOORS},
    )
    figures = {
        name: float(value)
        for name, value in re.findall(r"(\w+)=([0-9.]+)", run.stdout.strip().splitlines()[-1])
    }
    return run.returncode, figures, run.stdout


@pytest.mark.django_db
def test_eval_documents_meet_the_quality_bar(tmp_path):
    report = ingest_paths([str(EVAL)], dry_run=True)
    assert not report.errors
    items = tmp_path / "items.json"
    items.write_text(json.dumps(report.as_json(), ensure_ascii=False), encoding="utf-8")
    status, figures, output = score(items)
    assert status == 0, output
    assert figures["faq_recall"] == 1.0
    assert figures["fact_recall"] >= float(FLOORS["MIN_FACT"])
    assert figures["valid"] == 1.0
    assert figures["per_1000_words"] <= float(FLOORS["MAX_DENSITY"])
    assert figures["kinds_min"] >= int(FLOORS["MIN_KINDS"])
    assert figures["wh_share"] >= float(FLOORS["MIN_WH"])
    assert figures["mc_share"] >= float(FLOORS["MIN_MC"])


@pytest.mark.django_db
def test_seed_publishes_key_facts_across_all_four_kinds():
    report = ingest_paths([str(SEED_DIR)])
    assert not report.errors
    document = Document.objects.get()
    published = Question.objects.published().for_document(document)
    assert published.count() >= 10
    assert len(set(published.values_list("kind", flat=True))) >= 3
    # a question of the text's own subject may carry its scene in brackets after it
    asked = {re.sub(r" \([^()]*\)$", "", q.prompt): q for q in published}
    assert asked["Who was China’s Foreign Minister in 2023?"].answer == "Wang Yi"
    assert asked["Who was US President Joe Biden’s National Security Adviser in 2023?"].answer == (
        "Jake Sullivan"
    )
    assert asked["When did Wang Yi meet with Sergey Lavrov?"].answer == "November 11, 2023"
    assert asked["Where did Wang Yi meet with Jake Sullivan?"].answer == "Malta"
    # Each answer is asked once (a meeting may ask again for someone asked by role).
    assert "Sergey Lavrov" in {q.answer for q in published}
    others = [
        q.answer for q in published if q.kind != "true_false" and not q.prompt.startswith("Who")
    ]
    assert len(others) == len(set(others))
    statements = published.filter(kind="true_false")
    assert statements.exists()
    assert {q.answer for q in statements} <= {"True", "False"}
    for question in Question.objects.for_document(document).prefetch_related("choices"):
        assert question.source_text in document.text
        assert question.explanation
        if question.kind == "multiple_choice":
            choices = [c.text for c in question.choices.all()]
            assert len(choices) >= 3 and len(set(choices)) == len(choices)
            assert [c.text for c in question.choices.all() if c.is_correct] == [question.answer]
    # Everything not chosen for the quiz waits for a teacher.
    assert Question.objects.drafts().for_document(document).exists()
