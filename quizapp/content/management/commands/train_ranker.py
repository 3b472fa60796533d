"""`manage.py train_ranker`: learn the question ranker from rated questions."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from quizapp.content.generation import training
from quizapp.content.generation.ranker import MODEL_PATH, load
from quizapp.content.parsing import ParseError, parse_document

RATINGS = MODEL_PATH.parent / "ratings"
DOCUMENTS = Path(settings.BASE_DIR) / "quizapp" / "content" / "tests" / "data" / "eval"


class Command(BaseCommand):
    help = (
        "Learn the ranker that scores how likely a teacher keeps a generated question, from "
        "the rated questions in RATINGS (JSON lines) and the documents they were asked of. "
        "Prints cross-validated figures with whole documents held out, then writes the model."
    )

    def add_arguments(self, parser):
        parser.add_argument("--ratings", type=Path, default=RATINGS, help="folder of .jsonl")
        parser.add_argument(
            "--exclude",
            action="append",
            default=[],
            metavar="FILE",
            help="leave out this .jsonl of RATINGS (repeatable), e.g. a fresh round's ratings "
            "kept for the next round",
        )
        parser.add_argument("--docs", type=Path, default=DOCUMENTS, help="folder of the .txt")
        parser.add_argument("--output", type=Path, default=MODEL_PATH, help="the model file")
        parser.add_argument("--folds", type=int, default=5, help="cross-validation folds")
        parser.add_argument(
            "--threshold",
            type=float,
            default=settings.QUIZAPP_PUBLISH_THRESHOLD,
            help="report the acceptable share of questions scoring at least this",
        )
        parser.add_argument(
            "--check", action="store_true", help="print the figures, write no model"
        )
        parser.add_argument(
            "--held-out",
            metavar="FILE",
            help="a .jsonl of RATINGS to hold out: train on the others, print how that model "
            "and the one in use rank it; writes no model (with --exclude, train on earlier "
            "rounds only)",
        )

    def handle(self, *args, ratings, exclude, docs, output, folds, threshold, check, **options):
        held = options.get("held_out")
        files = sorted(f for f in ratings.glob("*.jsonl") if f.name not in exclude)
        if held and held not in {f.name for f in files}:
            raise CommandError(f"--held-out {held}: no such .jsonl in {ratings}")
        if not files:
            raise CommandError(f"{ratings}: no .jsonl ratings; give --ratings a folder of them")
        try:
            rows = list(training.read_ratings(files))
            tested = list(training.read_ratings([ratings / held])) if held else []
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        documents, titles = {}, {}
        for name in sorted({row["doc"] for row in rows}):
            path = docs / name
            try:
                parsed = parse_document(path.read_text(encoding="utf-8"), fallback_title=name)
            except (OSError, ParseError) as exc:
                self.stderr.write(f"skipped the ratings of {name}: {exc}")
                continue
            documents[name], titles[name] = parsed, parsed.title
        if held:
            held_docs = {t["doc"] for t in tested}
            trained_on = [r for r in rows if r["doc"] not in held_docs]
            result = training.held_out(
                training.examples(trained_on, documents, titles=titles),
                training.examples(tested, documents, titles=titles),
                threshold=threshold,
                committed=load(),
            )
            for line in result.lines():
                self.stdout.write(line)
            return
        found = training.examples(rows, documents, titles=titles)
        if len({e.doc for e in found}) < folds:
            raise CommandError(f"{len(found)} examples from too few documents for {folds} folds")
        validation = training.cross_validate(found, folds=folds, threshold=threshold)
        for line in validation.lines():
            self.stdout.write(line)
        if check:
            return
        model = training.fit(found)
        model["validation"] = {"auc": round(validation.auc, 3), "folds": folds}
        model["ratings"] = [f.name for f in files]
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        self.stdout.write(f"wrote {output} ({len(model['features'])} features)")
