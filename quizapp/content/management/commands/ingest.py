"""`manage.py ingest PATH...`: turn source documents into flashcards and questions."""

from __future__ import annotations

import json
import sys
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from quizapp.content.ingest import explain_path, ingest_paths
from quizapp.content.sources import SourceError


class Command(BaseCommand):
    help = (
        "Ingest source documents (.txt, .md, .html, .htm, .pdf and .docx files, or folders of "
        "them), told apart by content: read and parse each one, generate "
        "flashcards and quiz questions, and save them, one transaction per document. "
        "Re-ingesting an unchanged file changes nothing; items a teacher edited are kept. "
        "Exits with status 1 if any file could not be ingested."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="a document file or a folder")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="generate items but write nothing to the database",
        )
        parser.add_argument(
            "--json",
            dest="json_out",
            metavar="OUT",
            help="with --dry-run: write the generated items as JSON to OUT ('-' for stdout)",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="never show the progress bar"
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help="for one file: print every candidate question with what became of it "
            "(published, draft, dropped), the rules that shaped or dropped it and the "
            "features that weighed most in its score; saves nothing",
        )

    def handle(self, *args, paths, dry_run, json_out, no_progress, explain, **options):
        if explain:
            self._explain(paths)
            return
        if json_out and not dry_run:
            raise CommandError("--json describes a dry run; add --dry-run")
        show_bar = not no_progress and sys.stderr.isatty() and json_out != "-" and len(paths) > 0
        self._done, self._total = 0, 0
        report = ingest_paths(
            paths,
            dry_run=dry_run,
            on_progress=self._progress if show_bar else None,
            on_step=self._step if show_bar else None,
        )
        if show_bar:
            sys.stderr.write("\n")

        if json_out:
            self._write_json(report.as_json(), json_out)
        for note in report.notes:
            self.stderr.write(self.style.WARNING(f"note: {note}"))
        for error in report.errors:
            self.stderr.write(self.style.ERROR(f"error: {error}"))

        summary = (
            f"{'Would ingest' if dry_run else 'Ingested'} {report.documents} document(s): "
            f"{report.flashcards} flashcard(s), {report.questions} question(s), "
            f"{len(report.errors)} error(s)."
        )
        if report.saved:
            outcomes = [r.outcome for r in report.saved]
            summary += " ({} new, {} updated, {} unchanged)".format(
                outcomes.count("created"), outcomes.count("updated"), outcomes.count("unchanged")
            )
        # Keep standard output clean for the JSON when it goes there.
        out = self.stderr if json_out == "-" else self.stdout
        out.write(summary)
        if report.errors:
            raise CommandError(f"{len(report.errors)} path(s) could not be ingested", returncode=1)

    def _explain(self, paths: list[str]) -> None:
        if len(paths) != 1:
            raise CommandError("--explain takes one file")
        try:
            title, rows = explain_path(paths[0])
        except SourceError as exc:
            raise CommandError(str(exc)) from exc
        counts = Counter(row.outcome for row in rows)
        self.stdout.write(
            f"{title}: {len(rows)} candidate(s): {counts['published']} published, "
            f"{counts['draft']} draft, {counts['dropped']} dropped"
        )
        for row in rows:
            q = row.question
            score = "  -  " if row.outcome == "dropped" else f"{q.score:.3f}"
            self.stdout.write(f"\n[{row.outcome}] {score} {q.kind}: {q.prompt}")
            self.stdout.write(f"    answer: {q.answer}")
            if q.choices:
                self.stdout.write(f"    choices: {' | '.join(q.choices)}")
            self.stdout.write(f"    made by: {q.generator}")
            if row.rules:
                self.stdout.write(f"    shaped by: {', '.join(row.rules)}")
            if row.dropped_by:
                self.stdout.write(f"    dropped by: {row.dropped_by}")
            if q.reasons:
                reasons = ", ".join(f"{name} {weight:+.2f}" for name, weight in q.reasons)
                self.stdout.write(f"    score moved by: {reasons}")

    def _write_json(self, data: dict, out: str) -> None:
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if out == "-":
            self.stdout.write(text)
            return
        try:
            with open(out, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        except OSError as exc:
            raise CommandError(f"cannot write {out}: {exc.strerror}") from exc

    def _progress(self, done: int, total: int, doing: str = "") -> None:
        self._done, self._total = done, total
        width = 30
        filled = width * done // max(total, 1)
        line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files"
        # The line is written over in place: clear to its end, as the last one may be longer.
        sys.stderr.write(f"\r{line}{'; ' + doing if doing else ''}\x1b[K")
        sys.stderr.flush()

    def _step(self, name: str, step) -> None:
        """A long file is generated a section at a time: say which one."""
        self._progress(self._done, self._total, f"{name}: {step}")
