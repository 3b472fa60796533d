"""The class pages as students and teachers use them."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quizapp.classes.models import Assignment, Classroom, Enrollment
from quizapp.classes.tests.factories import AssignmentFactory, ClassroomFactory
from quizapp.study.tests.factories import MemoryStateFactory


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


def test_join_page_needs_login(client):
    response = client.get(reverse("classes:join"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_student_joins_with_a_lower_case_code(client, student, classroom):
    client.force_login(student)
    response = client.post(reverse("classes:join"), {"code": "hist9abc"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("study:home")
    assert "You are in Year 9 History." in response.content.decode()
    assert Enrollment.objects.filter(classroom=classroom, student=student).exists()


def test_unknown_code_is_explained_on_the_form(client, student, classroom):
    client.force_login(student)
    response = client.post(reverse("classes:join"), {"code": "WRONG123"})
    assert response.status_code == 200
    assert "No class has the code WRONG123" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_students_cannot_open_teacher_pages(client, student, classroom):
    client.force_login(student)
    assert client.get(reverse("classes:list")).status_code == 403
    assert client.get(reverse("classes:report", args=[classroom.join_code])).status_code == 403


def test_teacher_sees_only_their_own_classes(teacher_client, classroom, make_user):
    other = make_user("other_teacher", is_staff=True)
    ClassroomFactory(name="Someone else's", teacher=other, join_code="OTHER111")
    page = teacher_client.get(reverse("classes:list")).content.decode()
    assert "Year 9 History" in page and "Someone else" not in page
    assert teacher_client.get(reverse("classes:detail", args=["OTHER111"])).status_code == 404
    assert teacher_client.get(reverse("classes:report", args=["OTHER111"])).status_code == 404


def test_teacher_creates_a_class(teacher_client, teacher):
    response = teacher_client.post(reverse("classes:list"), {"name": "Period 3"}, follow=True)
    classroom = Classroom.objects.get(name="Period 3")
    assert classroom.teacher == teacher
    assert classroom.join_code in response.content.decode()


def test_teacher_assigns_a_quiz_with_a_due_date(
    teacher_client, classroom, make_question, make_quiz
):
    quiz = make_quiz("unit-1", [make_question("Who?")])
    url = reverse("classes:detail", args=[classroom.join_code])
    assert "Unit-1" in teacher_client.get(url).content.decode()  # offered in the list
    response = teacher_client.post(
        url, {"work": "quiz:unit-1", "title": "", "due_at": "2030-05-01T09:30"}, follow=True
    )
    assignment = Assignment.objects.get(classroom=classroom)
    assert assignment.quiz == quiz and assignment.title == "Unit-1"
    assert assignment.due_at == datetime(2030, 5, 1, 9, 30, tzinfo=UTC)
    assert "Assigned Unit-1." in response.content.decode()
    again = teacher_client.post(url, {"work": "quiz:unit-1", "title": "", "due_at": ""})
    assert "already has an assignment called" in again.content.decode()
    assert Assignment.objects.count() == 1


@pytest.fixture
def answered_class(classroom, enrol, make_user, make_question, make_quiz, take_quiz):
    alice, bob = make_user("alice", first_name="Alice"), make_user("bob", first_name="Bob")
    enrol(classroom, alice, bob)
    good, bad = make_question("Good question?"), make_question("Bad question?")
    quiz = make_quiz("unit-1", [good, bad])
    AssignmentFactory(classroom=classroom, title="Unit 1", quiz=quiz)
    take_quiz(alice, quiz, {good: 1, bad: 1})
    take_quiz(bob, quiz, {good: 0, bad: 2})
    return classroom


def test_report_page_shows_scores_and_flags(teacher_client, answered_class):
    page = teacher_client.get(reverse("classes:report", args=[answered_class.join_code]))
    text = page.content.decode()
    assert "<html" in text
    assert "Alice" in text and "Bob" in text
    assert "Flagged: fewer than 1 in 5 got it right" in text
    assert "Download CSV" in text
    # Choice counts as bars out of the answers given, the right choice marked.
    assert '<li class="correct"><span class="choice-text">Right' in text
    assert '<meter min="0" max="2" value="1">1 of 2</meter>' in text
    assert '<div class="table-scroll">' in text  # sticky header row and first column


def test_report_marks_overdue_work_and_gives_the_year_when_not_this_year(
    teacher_client, answered_class
):
    from django.utils import timezone

    late = answered_class.assignments.get()
    late.due_at = timezone.now() - timezone.timedelta(days=1)
    late.save()
    later = AssignmentFactory(
        classroom=answered_class,
        title="Unit 2",
        quiz=late.quiz,
        due_at=timezone.make_aware(datetime(2030, 6, 23, 9)),
    )
    text = teacher_client.get(reverse("classes:report", args=[answered_class.join_code])).content
    text = text.decode()
    assert text.count("· overdue") == 1
    assert "due Sun 23 Jun 2030" in text
    assert later.title in text


def test_sorting_by_score_swaps_only_the_table(teacher_client, answered_class):
    url = reverse("classes:report", args=[answered_class.join_code])
    response = teacher_client.get(url, {"sort": "-score"}, headers={"HX-Request": "true"})
    text = response.content.decode()
    assert "<html" not in text and "<table" in text
    assert text.index("Bob") < text.index("Alice")  # Bob 50%, Alice 0%
    ascending = teacher_client.get(url, {"sort": "score"}, headers={"HX-Request": "true"})
    assert ascending.content.decode().index("Alice") < ascending.content.decode().index("Bob")


def test_report_csv_download(teacher_client, answered_class):
    response = teacher_client.get(reverse("classes:report_csv", args=[answered_class.join_code]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == [
        "username",
        "name",
        "Unit 1: score %",
        "Unit 1: completion %",
        "Unit 1: mastery %",
    ]
    assert rows[1][:4] == ["alice", "Alice", "0", "100"]
    assert rows[2][:4] == ["bob", "Bob", "50", "100"]
    bad = next(r for r in rows if r and r[0] == "Bad question?")
    assert bad[3] == "0" and bad[6] == "fewer than 1 in 5 got it right"


def test_roster_upload_enrols_and_shows_first_passwords(teacher_client, classroom):
    upload = SimpleUploadedFile(
        "roster.csv", b"username,first_name,last_name,email\nzoe,Zoe,Zed,zoe@example.com\n"
    )
    response = teacher_client.post(
        reverse("classes:roster", args=[classroom.join_code]), {"roster": upload}
    )
    text = response.content.decode()
    assert "Enrolled 1 student(s) (1 new account(s))" in text
    assert "zoe" in text
    assert classroom.students.filter(username="zoe").exists()


def test_roster_upload_with_bad_lines_lists_them(teacher_client, classroom):
    upload = SimpleUploadedFile("roster.csv", b"username,email\nok,ok@example.com\nx y,\n")
    text = teacher_client.post(
        reverse("classes:roster", args=[classroom.join_code]), {"roster": upload}
    ).content.decode()
    assert "line 3: username &#x27;x y&#x27; may hold only letters" in text
    assert "Nothing was imported" in text
    assert not classroom.enrollments.exists()


def test_report_shows_mastery_for_a_future_day(teacher_client, answered_class):
    from datetime import timedelta

    from django.utils import timezone

    from quizapp.content.models import Question
    from quizapp.study.models import MemoryState

    alice = answered_class.students.get(username="alice")
    now = timezone.now()
    for question in Question.objects.all():
        MemoryStateFactory(
            student=alice,
            question=question,
            state=MemoryState.State.REVIEW,
            stability=5.0,
            difficulty=5.0,
            due=now + timedelta(days=5),
            last_review=now,
        )
    url = reverse("classes:report", args=[answered_class.join_code])
    today = teacher_client.get(url, {"sort": "name"}).content.decode()
    exam = (now + timedelta(days=60)).date().isoformat()
    later = teacher_client.get(url, {"sort": "name", "at": exam}).content.decode()
    assert "mastery 100%" in today
    assert "mastery 100%" not in later and "Mastery predicted for" in later
    bad = teacher_client.get(url, {"at": "next week"}).content.decode()
    assert "&#x27;next week&#x27; is not a date (YYYY-MM-DD)" in bad
