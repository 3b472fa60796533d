"""`python -m benchmarks.data.build_school`: build the benchmarks' synthetic school.

The school itself is `benchmarks/data/school.py`; this is its command line. It lives with the
benchmarks, not among the app's management commands, so the app never imports benchmark
code. Settings come from DJANGO_SETTINGS_MODULE (the development settings by default).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import TextIO


def parser() -> argparse.ArgumentParser:
    """The command's arguments, with help a reader of `--help` can follow."""
    from benchmarks.data import school

    parse = argparse.ArgumentParser(
        prog="python -m benchmarks.data.build_school",
        description=(
            "Build a synthetic school (students, classes, documents, quiz answers) for the "
            "benchmarks, and grow its library. Refuses to build twice unless --rebuild; "
            "--library grows an existing school's library. The password of every synthetic "
            "account is given by --password."
        ),
    )
    parse.add_argument("--students", type=int, default=2000)
    parse.add_argument("--classes", type=int, default=40)
    parse.add_argument(
        "--questions",
        type=int,
        default=5000,
        help=f"Questions the classes' quizzes use ({school.QUESTIONS_PER_DOCUMENT} per "
        "document, one quiz per document).",
    )
    parse.add_argument("--responses", type=int, default=1_000_000)
    parse.add_argument("--quizzes-per-class", type=int, default=10)
    parse.add_argument(
        "--library",
        type=int,
        default=0,
        help="Grow the library to this many documents in all: those beyond the classes' "
        f"get {school.CARDS_PER_DOCUMENT} flashcards and {school.QUESTIONS_PER_DOCUMENT} "
        "questions each and no quiz.",
    )
    parse.add_argument("--password", default="school-pass", help="Every account's password.")
    parse.add_argument("--seed", type=int, default=7, help="Random seed (same seed, same school).")
    parse.add_argument(
        "--rebuild", action="store_true", help="Delete an existing synthetic school first."
    )
    return parse


def build(argv: list[str], *, stdout: TextIO = sys.stdout) -> None:
    """Build the school `argv` asks for; raise `school.SizeError` for an impossible size."""
    from benchmarks.data import school

    options = parser().parse_args(argv)
    size = school.Size(
        students=options.students,
        classes=options.classes,
        questions=options.questions,
        responses=options.responses,
        quizzes_per_class=options.quizzes_per_class,
    )
    size.check()
    started = time.monotonic()

    def say(message: str) -> None:
        stdout.write(f"[{time.monotonic() - started:6.1f}s] {message}\n")
        stdout.flush()

    changed = False
    if school.exists() and options.rebuild:
        school.delete(say)
    if school.exists():
        stdout.write("A synthetic school exists already; --rebuild to build it anew.\n")
    else:
        builder = school.SchoolBuilder(size, password=options.password, seed=options.seed, say=say)
        builder.build()
        changed = True
    if options.library:
        changed |= bool(school.grow_library(documents=options.library, seed=options.seed, say=say))
    if changed:
        say("analysing tables")
        school.analyze()
        say("done")
        stdout.write(school.counts() + "\n")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quizapp.settings.dev")
    import django

    django.setup()
    from benchmarks.data import school

    try:
        build(sys.argv[1:])
    except school.SizeError as error:
        sys.exit(f"build_school: {error}")


if __name__ == "__main__":
    main()
