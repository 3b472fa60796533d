"""`manage.py loaddata`, with a clear message (file, object, what to do) when a fixture is broken.

Loading stays all-or-nothing as in Django: every fixture of the run loads in one
transaction, so a broken file leaves nothing behind.
"""

from __future__ import annotations

import os

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError

from quizapp.classes.fixture_check import check_json_fixture, display_path


class Command(loaddata.Command):
    help = (
        "Load fixtures (e.g. `loaddata demo_class` after `ingest seeds/`). JSON fixtures are "
        "checked first: an unknown user, a missing document or bad JSON is reported by file "
        "and object, and nothing from the run is saved."
    )

    def handle(self, *fixture_labels, **options):
        try:
            return super().handle(*fixture_labels, **options)
        except CommandError:
            raise
        except (DeserializationError, ObjectDoesNotExist, DatabaseError, ValueError) as exc:
            # Django's text already names the file; add what happened to the rest.
            raise CommandError(
                f"{exc}. Nothing was loaded; fix the fixture and run again."
            ) from exc

    def load_label(self, fixture_label):
        for fixture_file, _, _ in self.find_fixtures(fixture_label):
            _, ser_fmt, cmp_fmt = self.parse_name(os.path.basename(fixture_file))
            if ser_fmt != "json" or cmp_fmt is not None:
                continue
            problems = check_json_fixture(fixture_file, using=self.using)
            if problems:
                raise CommandError(
                    "\n".join(problems) + f"\nNothing was loaded from {display_path(fixture_file)}."
                )
        super().load_label(fixture_label)
