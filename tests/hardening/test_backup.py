"""A full `dumpdata` restores into an empty database with the same rows.

The restore runs as an operator would: another process, a new empty database (PostgreSQL
when the suite runs on PostgreSQL, a new SQLite file otherwise), `migrate`, `loaddata`.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from psycopg import sql
from rest_framework.authtoken.models import Token

from quizapp.accounts.roles import TEACHERS_GROUP, sync_teachers_group
from quizapp.classes.services import make_teacher
from quizapp.classes.tests.factories import ClassroomFactory, EnrollmentFactory
from quizapp.content.models import Flashcard
from quizapp.study import services
from quizapp.study.models import Quiz
from quizapp.study.tests.factories import answer

ROOT = Path(__file__).resolve().parents[2]
# What `migrate` recreates by itself is left out of the backup, as Django's docs advise.
DUMP_ARGS = ["--natural-foreign", "--exclude=contenttypes", "--exclude=auth.permission"]

COUNT_ROWS = """
import json
from django.apps import apps
from django.contrib.auth.models import Group
print(json.dumps({m._meta.label: m._default_manager.count() for m in apps.get_models()}))
"""


@pytest.fixture
def studied_school(seed_document, teacher, student, other_student):
    """The seed document studied by two students in a class: reviews, attempts, answers."""
    classroom = ClassroomFactory(name="Year 9", teacher=teacher, join_code="BACKUP99")
    for learner in (student, other_student):
        EnrollmentFactory(classroom=classroom, student=learner)
        for card in Flashcard.objects.published()[:3]:
            services.record_review(student=learner, flashcard=card, rating=3)
        quiz = services.quiz_for_document(document=seed_document)
        attempt, _ = services.start_attempt(student=learner, quiz=quiz)
        for question in attempt.quiz.document.questions.published().filter(
            pk__in=attempt.question_ids
        ):
            choice = question.choices.filter(is_correct=True).first()
            answer(attempt, question, choice=choice, answer_text="" if choice else question.answer)
        services.finish_attempt(attempt=attempt)
    Token.objects.create(user=student)
    assert Quiz.objects.exists()
    return classroom


def _server(settings):
    """A connection to the PostgreSQL server itself, for creating and dropping databases."""
    return psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"] or "postgres",
        password=settings["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


@pytest.fixture
def empty_database(tmp_path):
    """A new empty database of the suite's kind, as a DATABASE_URL; dropped afterwards."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = sql.Identifier(f"{settings['NAME']}_restored")
    with _server(settings) as server:
        server.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(name))
        server.execute(sql.SQL("CREATE DATABASE {}").format(name))
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    yield f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}_restored"
    with _server(settings) as server:
        server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


def manage(url: str, *args: str) -> str:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "quizapp.settings.test",
        "DATABASE_URL": url,
    }
    env.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


# dumpdata writes times to the millisecond: a time less than a millisecond past the second
# is written ".000Z" and, restored as a whole second, written back without the fraction.
WHOLE_MILLISECOND_ZERO = re.compile(r'(T\d\d:\d\d:\d\d)\.000(Z|[+-]\d\d:\d\d)"')


def objects_of(dump: Path) -> set[str]:
    text = WHOLE_MILLISECOND_ZERO.sub(r'\1\2"', dump.read_text())
    return {json.dumps(obj, sort_keys=True) for obj in json.loads(text)}


def dump_and_restore(target: str, tmp_path: Path) -> None:
    """Back up the suite's database, restore it into `target` and check it row for row."""
    backup = tmp_path / "backup.json"
    call_command("dumpdata", *DUMP_ARGS, output=str(backup), verbosity=0)
    counts = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
    assert counts["study.Response"] > 0 and counts["study.ReviewLog"] > 0

    manage(target, "migrate", "--no-input", "-v0")
    manage(target, "loaddata", str(backup), "-v0")

    restored = json.loads(manage(target, "shell", "-v0", "-c", COUNT_ROWS).splitlines()[-1])
    assert restored == counts
    # Not just as many rows: the same rows, keys and all (attempts keep their question ids).
    again = tmp_path / "again.json"
    manage(target, "dumpdata", *DUMP_ARGS, f"--output={again}", "-v0")
    assert objects_of(again) == objects_of(backup)


def test_a_full_dump_restores_with_the_same_rows(studied_school, empty_database, tmp_path):
    target = empty_database
    dump_and_restore(target, tmp_path)
    # The restored database takes new rows: its id sequences were moved past the old ids.
    manage(
        target,
        "shell",
        "-v0",
        "-c",
        "from quizapp.classes.models import Classroom; "
        "from django.contrib.auth.models import User; "
        "Classroom.objects.create(name='After restore', "
        "teacher=User.objects.get(username='teacher_t'))",
    )


def test_a_teachers_group_made_again_restores_with_its_members(
    studied_school, teacher, empty_database, tmp_path
):
    # Deleted in the admin and made again by the next migrate: the group's id is no longer
    # the one a new database's migrate gives it.
    Group.objects.get(name=TEACHERS_GROUP).delete()
    sync_teachers_group()
    make_teacher(user=teacher)
    group = Group.objects.get(name=TEACHERS_GROUP)
    assert group.pk > 1

    dump_and_restore(empty_database, tmp_path)
    teachers = manage(
        empty_database,
        "shell",
        "-v0",
        "-c",
        "from django.contrib.auth.models import Group; "
        f"g = Group.objects.get(name='{TEACHERS_GROUP}'); "
        "print(g.pk, g.permissions.count(), *g.user_set.values_list('username', flat=True))",
    )
    assert teachers.split() == [str(group.pk), str(group.permissions.count()), "teacher_t"]
