import pytest
from django.contrib.auth.models import User

from quizapp.classes.models import Assignment, Enrollment
from quizapp.classes.services import (
    ClassesError,
    UnknownJoinCode,
    create_assignment,
    import_roster,
    join_classroom,
)


def test_join_is_case_insensitive_and_idempotent(classroom, student):
    first = join_classroom(student=student, code=" hist9-abc ")
    again = join_classroom(student=student, code="HIST9ABC")
    assert first == again
    assert Enrollment.objects.filter(classroom=classroom).count() == 1


def test_join_unknown_code_says_what_to_do(classroom, student):
    with pytest.raises(UnknownJoinCode) as exc:
        join_classroom(student=student, code="nope1234")
    assert "No class has the code NOPE1234" in exc.value.messages[0]
    assert not Enrollment.objects.exists()


def test_teacher_cannot_join_own_class(classroom, teacher):
    with pytest.raises(ClassesError, match="You teach this class"):
        join_classroom(student=teacher, code=classroom.join_code)


def test_create_assignment_needs_exactly_one_target(classroom, document, make_question, make_quiz):
    quiz = make_quiz("q1", [make_question("P?")])
    with pytest.raises(ClassesError, match="either a quiz or a flashcard deck"):
        create_assignment(classroom=classroom, quiz=quiz, document=document)
    with pytest.raises(ClassesError, match="either a quiz or a flashcard deck"):
        create_assignment(classroom=classroom)
    a = create_assignment(classroom=classroom, quiz=quiz)
    assert a.title == "Q1"
    deck = create_assignment(classroom=classroom, document=document, title="Deck")
    assert deck.document == document
    with pytest.raises(ClassesError, match="already has an assignment called 'Deck'"):
        create_assignment(classroom=classroom, document=document, title="Deck")
    assert Assignment.objects.count() == 2


ROSTER = """username,First Name,Last Name,email
alice,Alice,Adams,alice@example.com
student_a,,,
"""


def test_import_roster_creates_accounts_and_enrols(classroom, student):
    report = import_roster(classroom=classroom, csv_text=ROSTER)
    assert report.ok, report.errors
    assert [u for u, _ in report.created] == ["alice"]
    assert sorted(report.enrolled) == ["alice", "student_a"]
    alice = User.objects.get(username="alice")
    assert alice.last_name == "Adams"
    assert alice.check_password(report.created[0][1])
    again = import_roster(classroom=classroom, csv_text=ROSTER)
    assert again.created == [] and sorted(again.already_enrolled) == ["alice", "student_a"]
    assert classroom.enrollments.count() == 2


def test_import_roster_reports_every_bad_line_and_saves_nothing(classroom):
    text = (
        "username,first_name,last_name,email\n"
        "good,G,H,g@example.com\n"
        "bad name,B,C,b@example.com\n"
        "carol,C,D,not-an-email\n"
        "GOOD,x,y,\n"
    )
    report = import_roster(classroom=classroom, csv_text=text)
    assert report.errors == [
        "line 3: username 'bad name' may hold only letters, digits and @ . + - _",
        "line 4: 'not-an-email' is not an email address",
        "line 5: 'GOOD' is already on line 2",
    ]
    assert "Nothing was imported" in report.summary()
    assert not User.objects.filter(username="good").exists()
    assert classroom.enrollments.count() == 0


def test_import_roster_needs_a_username_header(classroom):
    report = import_roster(classroom=classroom, csv_text="alice,Alice\n")
    assert report.errors[0].startswith("line 1: the header has no 'username' column")


def test_import_roster_command(classroom, tmp_path, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    roster = tmp_path / "roster.csv"
    roster.write_text("username,first_name\nzoe,Zoe\n", encoding="utf-8")
    call_command("import_roster", str(roster), code="hist9abc")
    out = capsys.readouterr().out
    assert "new account zoe: first password " in out
    assert "Year 9 History: Enrolled 1 student(s) (1 new account(s))" in out

    roster.write_text("username\nno good\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_roster", str(roster), code="HIST9ABC")
    assert "roster.csv: line 2: username 'no good' may hold only" in capsys.readouterr().err
    with pytest.raises(CommandError, match="no class has the join code 'NOPE'"):
        call_command("import_roster", str(roster), code="NOPE")
