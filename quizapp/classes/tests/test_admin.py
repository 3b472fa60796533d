"""Classes in the admin: teachers reach only their own; the roster import page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quizapp.classes.models import Classroom
from quizapp.classes.tests.factories import ClassroomFactory


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


@pytest.fixture
def other_class(make_user):
    other = make_user("other_teacher", is_staff=True)
    return ClassroomFactory(name="Not yours", teacher=other, join_code="OTHER111")


def test_teachers_group_gives_admin_access_to_content_and_classes(teacher_client):
    assert teacher_client.get(reverse("admin:content_question_changelist")).status_code == 200
    assert teacher_client.get(reverse("admin:classes_classroom_changelist")).status_code == 200
    assert teacher_client.get(reverse("admin:study_quiz_add")).status_code == 200
    # Accounts are not theirs to manage.
    assert teacher_client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_teacher_sees_and_changes_only_their_own_classes(teacher_client, classroom, other_class):
    page = teacher_client.get(reverse("admin:classes_classroom_changelist")).content.decode()
    assert "Year 9 History" in page and "Not yours" not in page
    other_url = reverse("admin:classes_classroom_change", args=[other_class.pk])
    assert teacher_client.get(other_url).status_code == 302  # "does not exist" back to the list
    form = teacher_client.get(reverse("admin:classes_assignment_add")).content.decode()
    assert "Year 9 History" in form and "Not yours" not in form


def test_a_new_class_belongs_to_the_teacher_who_adds_it(teacher_client, teacher):
    data = {
        "name": "Period 4",
        "join_code": "PERIOD44",
        "assignments-TOTAL_FORMS": "0",
        "assignments-INITIAL_FORMS": "0",
        "enrollments-TOTAL_FORMS": "0",
        "enrollments-INITIAL_FORMS": "0",
    }
    response = teacher_client.post(reverse("admin:classes_classroom_add"), data)
    assert response.status_code == 302
    assert Classroom.objects.get(join_code="PERIOD44").teacher == teacher


def test_roster_import_from_the_admin(teacher_client, classroom, other_class):
    url = reverse("admin:classes_classroom_roster", args=[classroom.pk])
    upload = SimpleUploadedFile("r.csv", b"username,first_name\nzoe,Zoe\nbad name,B\n")
    text = teacher_client.post(url, {"roster": upload}).content.decode()
    assert "line 3: username &#x27;bad name&#x27; may hold only letters" in text
    assert not classroom.enrollments.exists()

    upload = SimpleUploadedFile("r.csv", b"username,first_name\nzoe,Zoe\n")
    text = teacher_client.post(url, {"roster": upload}).content.decode()
    assert "Enrolled 1 student(s) (1 new account(s))" in text
    assert classroom.students.filter(username="zoe").exists()
    other = reverse("admin:classes_classroom_roster", args=[other_class.pk])
    assert teacher_client.get(other).status_code == 404


def test_assignment_needs_a_quiz_or_a_deck(teacher_client, classroom):
    response = teacher_client.post(
        reverse("admin:classes_assignment_add"),
        {"classroom": classroom.pk, "title": "Nothing", "quiz": "", "document": ""},
    )
    assert response.status_code == 200
    assert "Choose either a quiz or a document&#x27;s flashcard deck" in response.content.decode()
    assert not classroom.assignments.exists()
