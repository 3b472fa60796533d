"""Ingest speed: a full ingest of 1,000 seed-sized documents against spaCy parsing alone.

Builds the documents from the eval set in a temporary folder (each one an eval article
followed by paragraphs of the others until it is as long as the seed, with its own date so
that no two are the same), then times, in one process with the model already loaded:

1. spaCy alone: `nlp.pipe` over the same texts ingest analyses (each document's body),
   once before and once after the ingest, averaged;
2. the full ingest: reading, parsing, analysis, generation and saving every item into a
   fresh SQLite database in the same temporary folder.

Prints both times and their ratio; exits 1 if the ratio is over the target (1.5).

    .venv/bin/python benchmarks/ingest_speed.py [--docs 1000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "quizapp" / "content" / "tests" / "data" / "eval"
SEED = ROOT / "seeds" / "000_6a9714a214ac574a.txt"
TARGET = 1.5


def build_documents(folder: Path, count: int) -> list[Path]:
    """`count` documents about as long as the seed, written to `folder`."""
    from quizapp.content.parsing import parse_document

    sources = [parse_document(p.read_text(encoding="utf-8")) for p in sorted(EVAL.glob("*.txt"))]
    seed_words = len(SEED.read_text(encoding="utf-8").split())
    paths = []
    for n in range(count):
        base = sources[n % len(sources)]
        paragraphs = list(base.paragraphs)
        k = n + 1
        while len(" ".join(paragraphs).split()) < seed_words * 0.8:
            other = sources[k % len(sources)]
            paragraphs.extend(other.paragraphs[:2])
            k += 1
        faq = "\n\n".join(f"{p.question}\n\n{p.answer}" for p in base.faq)
        day = dt.date(2020, 1, 1) + dt.timedelta(days=n)
        text = f"date {day.isoformat()} " + "\n\n".join(paragraphs) + "\n\nFAQ\n\n" + faq
        path = folder / f"doc_{n:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> int:
    """Build the documents, time both runs, print the figures; 0 if within the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents to build (1000)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="quizapp-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quizapp.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from quizapp.content.generation.analysis import BATCH_SIZE, analysis_text, get_nlp
    from quizapp.content.ingest import ingest_paths
    from quizapp.content.models import Document, Question
    from quizapp.content.parsing import parse_document

    call_command("migrate", verbosity=0)
    docs_dir = workdir / "docs"
    docs_dir.mkdir()
    paths = build_documents(docs_dir, args.docs)
    texts = [analysis_text(parse_document(p.read_text(encoding="utf-8"))) for p in paths]
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)

    nlp = get_nlp()
    list(nlp.pipe(texts[:16], batch_size=BATCH_SIZE))  # load and warm the model first

    def spacy_alone() -> float:
        """Seconds for `nlp.pipe` over every text."""
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
            pass
        return time.perf_counter() - start

    # spaCy alone is timed before and after the ingest and averaged, so that a machine
    # busier during one phase than the other skews the ratio less.
    before = spacy_alone()
    start = time.perf_counter()
    report = ingest_paths([str(docs_dir)])
    ingest_seconds = time.perf_counter() - start
    after = spacy_alone()
    spacy_seconds = (before + after) / 2

    ratio = ingest_seconds / spacy_seconds
    print(f"documents: {len(paths)} ({words / len(paths):.0f} words each on average)")
    published = Question.objects.published().count()
    print(f"saved: {Document.objects.count()} documents, {Question.objects.count()} questions")
    print(f"       ({published} published), errors: {len(report.errors)}")
    print(f"spaCy nlp.pipe alone: {spacy_seconds:.1f} s (runs: {before:.1f} s, {after:.1f} s)")
    print(f"full ingest (parse, analyse, generate, save to SQLite): {ingest_seconds:.1f} s")
    print(f"ratio: {ratio:.2f} (target <= {TARGET})")
    return 0 if ratio <= TARGET and not report.errors else 1


if __name__ == "__main__":
    sys.exit(main())
