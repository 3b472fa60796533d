"""`manage.py build_school`: the benchmarks' synthetic school (benchmarks/data/school.py)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from benchmarks.data import school


class Command(BaseCommand):
    help = (
        "Build a synthetic school (students, classes, documents, quiz answers) for the "
        "benchmarks, and grow its library. Refuses to build twice unless --rebuild; "
        "--library grows an existing school's library. The password of every synthetic "
        "account is given by --password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--students", type=int, default=2000)
        parser.add_argument("--classes", type=int, default=40)
        parser.add_argument(
            "--questions",
            type=int,
            default=5000,
            help=f"Questions the classes' quizzes use ({school.QUESTIONS_PER_DOCUMENT} per "
            "document, one quiz per document).",
        )
        parser.add_argument("--responses", type=int, default=1_000_000)
        parser.add_argument("--quizzes-per-class", type=int, default=10)
        parser.add_argument(
            "--library",
            type=int,
            default=0,
            help="Grow the library to this many documents in all: those beyond the classes' "
            f"get {school.CARDS_PER_DOCUMENT} flashcards and {school.QUESTIONS_PER_DOCUMENT} "
            "questions each and no quiz.",
        )
        parser.add_argument("--password", default="school-pass", help="Every account's password.")
        parser.add_argument(
            "--seed", type=int, default=7, help="Random seed (same seed, same school)."
        )
        parser.add_argument(
            "--rebuild", action="store_true", help="Delete an existing synthetic school first."
        )

    def handle(self, *args, **options):
        size = school.Size(
            students=options["students"],
            classes=options["classes"],
            questions=options["questions"],
            responses=options["responses"],
            quizzes_per_class=options["quizzes_per_class"],
        )
        try:
            size.check()
        except school.SizeError as error:
            raise CommandError(str(error)) from None
        started = time.monotonic()

        def say(message: str) -> None:
            self.stdout.write(f"[{time.monotonic() - started:6.1f}s] {message}")
            self.stdout.flush()

        changed = False
        if school.exists() and options["rebuild"]:
            school.delete(say)
        if school.exists():
            self.stdout.write("A synthetic school exists already; --rebuild to build it anew.")
        else:
            builder = school.SchoolBuilder(
                size, password=options["password"], seed=options["seed"], say=say
            )
            builder.build()
            changed = True
        if options["library"]:
            changed |= bool(
                school.grow_library(documents=options["library"], seed=options["seed"], say=say)
            )
        if changed:
            say("analysing tables")
            school.analyze()
            say("done")
            self.stdout.write(school.counts())
