"""`manage.py import_roster FILE --class CODE`: enrol a CSV of students, creating accounts."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizapp.classes.models import Classroom
from quizapp.classes.services import import_roster


class Command(BaseCommand):
    help = (
        "Enrol the students listed in a CSV roster in a class. The first line names the "
        "columns: username (required), first_name, last_name, email. Missing accounts are "
        "created and their first passwords printed once. Any bad line is reported with its "
        "number and nothing is saved; importing the same file twice is harmless."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the roster CSV (UTF-8)")
        parser.add_argument(
            "--class", dest="code", required=True, metavar="CODE", help="the class's join code"
        )

    def handle(self, *args, file, code, **options):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file}: is not UTF-8 text; save the CSV as UTF-8") from None
        classroom = Classroom.objects.filter(join_code__iexact=code.strip()).first()
        if classroom is None:
            raise CommandError(f"no class has the join code '{code}'; the admin lists them")
        report = import_roster(classroom=classroom, csv_text=text)
        for error in report.errors:
            self.stderr.write(f"{path.name}: {error}")
        if not report.ok:
            raise CommandError(report.summary())
        for username, password in report.created:
            self.stdout.write(f"new account {username}: first password {password}")
        self.stdout.write(self.style.SUCCESS(f"{classroom}: {report.summary()}"))
