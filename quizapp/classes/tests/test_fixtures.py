"""The demo class fixture, the clear errors of a broken one, and dumpdata round trips."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from quizapp.classes.models import Assignment, Classroom, Enrollment
from quizapp.content.models import Choice, Document, Question
from quizapp.study.models import Quiz

DEMO = Path(__file__).resolve().parents[3] / "fixtures" / "demo_class.json"


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (User, Classroom, Enrollment, Assignment, Quiz, Document, Question, Choice)
    }


@override_settings(
    PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
)
def test_demo_class_loads_after_ingest_and_loading_again_changes_nothing(seed_document):
    call_command("loaddata", "demo_class", verbosity=0)
    first = counts()
    call_command("loaddata", "demo_class", verbosity=0)
    assert counts() == first
    assert first["Classroom"] == 1 and first["Enrollment"] == 4 and first["Assignment"] == 2

    teacher = User.objects.get(username="teacher")
    assert teacher.is_staff and not teacher.is_superuser
    assert teacher.groups.filter(name="Teachers").exists()
    assert teacher.check_password("teacher-demo-pass")
    classroom = Classroom.objects.get()
    assert classroom.teacher == teacher
    assert sorted(classroom.students.values_list("username", flat=True)) == [
        "alice",
        "bob",
        "chen",
        "dana",
    ]
    alice = User.objects.get(username="alice")
    assert alice.check_password("student-demo-pass") and not alice.is_staff
    quiz_assignment = Assignment.objects.get(quiz__isnull=False)
    assert quiz_assignment.quiz.document == seed_document


def broken(tmp_path, name, change):
    text = change(DEMO.read_text(encoding="utf-8"))
    path = tmp_path / f"{name}.json"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        (
            "unknown_user",
            lambda t: t.replace('"student": [\n        "dana"', '"student": [\n        "zed"'),
            "object 11 (classes.enrollment): student refers to user 'zed', which does not "
            "exist; create the account first or fix the username",
        ),
        (
            "missing_document",
            lambda t: t.replace('"000_6a9714a214ac574a"', '"no-such-doc"'),
            "object 6 (study.quiz): document refers to document 'no-such-doc', which does not "
            "exist; ingest the document first",
        ),
        (
            "bad_json",
            lambda t: t.replace('"alice",', '"alice"', 1),
            "line 26, column 7: not valid JSON (Expecting ',' delimiter)",
        ),
    ],
)
def test_broken_fixture_fails_clearly_and_leaves_nothing(
    seed_document, tmp_path, name, change, message
):
    before = counts()
    path = broken(tmp_path, name, change)
    with pytest.raises(CommandError) as exc:
        call_command("loaddata", str(path), verbosity=0)
    assert message in str(exc.value)
    assert f"{name}.json" in str(exc.value)
    assert counts() == before


def test_fixture_that_fails_while_loading_is_rolled_back_whole(seed_document, tmp_path):
    # Sound references, but the last object breaks a rule only the database checks:
    # the users, quiz and class loaded before it must go too.
    data = json.loads(DEMO.read_text(encoding="utf-8"))
    data[-1]["fields"]["document"] = None
    path = tmp_path / "no_target.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("loaddata", str(path), verbosity=0)
    assert "no_target.json" in str(exc.value)
    assert "Nothing was loaded" in str(exc.value)
    assert not User.objects.exists()
    assert not Classroom.objects.exists()
    assert not Quiz.objects.exists()


def test_dumpdata_with_natural_keys_loads_again_with_the_same_counts(seed_document, tmp_path):
    call_command("loaddata", "demo_class", verbosity=0)
    Question.objects.filter(document=seed_document).update(status="published")
    before = counts()
    dump = tmp_path / "class.json"
    call_command(
        "dumpdata",
        "auth.user",
        "content",
        "study.quiz",
        "classes",
        natural_foreign=True,
        natural_primary=True,
        indent=1,
        output=str(dump),
        verbosity=0,
    )
    assert '"pk"' not in dump.read_text(encoding="utf-8")

    # Another database: nothing of the class or its content is there.
    Document.objects.all().delete()
    User.objects.all().delete()
    assert counts()["Question"] == 0 and counts()["User"] == 0

    call_command("loaddata", str(dump), verbosity=0)
    assert counts() == before
    assert Classroom.objects.get().teacher.groups.filter(name="Teachers").exists()
