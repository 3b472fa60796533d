"""What each named generation rule is worth: generate with every rule, then without each.

For every variant the documents are generated once (all in one run, so distractors may
come from each other as in `make eval`), scored by the eval scorer, and the published
questions looked up in the rated questions: the share a teacher kept among those that
were rated, and how many were rated at all. A rule pays when removing it lowers recall
or the kept share without publishing fewer questions a teacher keeps.

    .venv/bin/python benchmarks/rule_effects.py [--docs FOLDER] [--ratings FOLDER]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quizapp.content.generation import analysis, pipeline, training  # noqa: E402
from quizapp.content.generation.candidates import fold  # noqa: E402
from quizapp.content.generation.context import RunContext  # noqa: E402
from quizapp.content.generation.rules import RULES, TRANSFORMATIONS  # noqa: E402
from quizapp.content.parsing import parse_document  # noqa: E402

EVAL = ROOT / "quizapp" / "content" / "tests" / "data" / "eval"
RATINGS = ROOT / "quizapp" / "content" / "generation" / "data" / "ratings"
SCORER = ROOT / "quizapp" / "content" / "tests" / "data" / "score.py"
# Rules every variant keeps: without them a question may be malformed.
ALWAYS = ("valid_question",)


def variants() -> list[tuple[str, tuple, tuple]]:
    """(name, rules, transformations): all of them, then each one left out in turn."""
    found = [("all rules", RULES, TRANSFORMATIONS)]
    for rule in RULES:
        if rule.name not in ALWAYS:
            found.append(
                (f"without {rule.name}", tuple(r for r in RULES if r is not rule), TRANSFORMATIONS)
            )
    for rule in TRANSFORMATIONS:
        found.append(
            (f"without {rule.name}", RULES, tuple(t for t in TRANSFORMATIONS if t is not rule))
        )
    return found


def generate_all(paths, parsed, docs, rules, transformations) -> dict:
    run = RunContext(stored=dict)
    for path, doc in zip(paths, docs, strict=True):
        run.add(path.name, doc)
    out = []
    for path, document, doc in zip(paths, parsed, docs, strict=True):
        items = pipeline.generate(
            document,
            doc,
            run.context_for(path.name),
            rules=rules,
            transformations=transformations,
        )
        out.append(
            {
                "source": path.name,
                "flashcards": [
                    {"front": c.front, "back": c.back, "kind": c.kind, "source_text": c.source_text}
                    for c in items.flashcards
                ],
                "questions": [
                    {
                        "kind": q.kind,
                        "prompt": q.prompt,
                        "answer": q.answer,
                        "choices": list(q.choices),
                        "source_text": q.source_text,
                        "status": pipeline.status_for(q, pipeline.DEFAULT_THRESHOLD),
                    }
                    for q in items.questions
                ],
            }
        )
    return {"documents": out, "errors": []}


def scored(items: dict, paths: list[Path]) -> str:
    """The scorer's last line for `items`."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(items, handle, ensure_ascii=False)
    run = subprocess.run(
        [sys.executable, str(SCORER), handle.name, *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    Path(handle.name).unlink()
    return run.stdout.strip().splitlines()[-1]


def rated_share(items: dict, ratings: dict) -> tuple[int, int, int]:
    """(published, rated, kept by the rater) over the published questions."""
    published = rated = kept = 0
    for document in items["documents"]:
        stem = Path(document["source"]).stem
        for q in document["questions"]:
            if q["status"] != "published":
                continue
            published += 1
            verdict = ratings.get((stem, fold(q["prompt"]), fold(q["answer"])))
            if verdict is not None:
                rated += 1
                kept += verdict
    return published, rated, kept


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=EVAL, help="folder of .txt documents")
    parser.add_argument("--ratings", type=Path, default=RATINGS, help="folder of .jsonl ratings")
    args = parser.parse_args()
    paths = sorted(args.docs.glob("*.txt"))
    if not paths:
        parser.error(f"no .txt documents in {args.docs}")
    ratings = {
        (Path(row["doc"]).stem, fold(row["prompt"]), fold(row["answer"])): bool(row["acceptable"])
        for row in training.read_ratings(sorted(args.ratings.glob("*.jsonl")))
    }
    parsed = [parse_document(p.read_text(encoding="utf-8"), fallback_title=p.stem) for p in paths]
    print(f"analysing {len(paths)} documents ...", file=sys.stderr)
    docs = analysis.analyse(parsed)
    print(f"{'variant':34} {'published':>9} {'rated':>6} {'kept':>6}  scorer")
    for name, rules, transformations in variants():
        items = generate_all(paths, parsed, docs, rules, transformations)
        published, rated, kept = rated_share(items, ratings)
        share = f"{kept / rated:.0%}" if rated else "-"
        figures = re.sub(r"\s*errors=\d+", "", scored(items, paths))
        print(f"{name:34} {published:>9} {rated:>6} {share:>6}  {figures}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
