"""The synthetic school behind `make bench-data`: the rows asked for, once, or a clear refusal."""

from io import StringIO

import pytest
from django.contrib.auth.models import User

from benchmarks.data import build_school, school
from quizapp.classes.models import Classroom, Enrollment
from quizapp.content.models import Choice, Document, Question, Status
from quizapp.study.models import Attempt, MemoryState, Response, ReviewLog

SMALL = ["--students", "4", "--classes", "2", "--questions", "100", "--responses", "400"]
SMALL += ["--quizzes-per-class", "2"]


def build(*args: str) -> str:
    out = StringIO()
    build_school.build(list(args), stdout=out)
    return out.getvalue()


def test_builds_the_school_it_is_asked_for(db):
    output = build(*SMALL)
    assert Classroom.objects.count() == 2
    assert Enrollment.objects.count() == 4
    assert User.objects.filter(username__startswith="school-student-").count() == 4
    assert Question.objects.published().count() == 100
    assert Response.objects.count() == 400
    assert Attempt.objects.filter(finished_at__isnull=False).count() == 20
    assert {a.answered_count for a in Attempt.objects.all()} == {20}  # every question answered
    assert all(sorted(a.answered_ids) == sorted(a.question_ids) for a in Attempt.objects.all())
    # Every answer left a review-log row; every item answered or reviewed has a memory state.
    assert ReviewLog.objects.filter(source="quiz").count() == 400
    assert MemoryState.objects.filter(question__isnull=False).count() == 4 * 2 * 20
    assert "study.Response" in output and "400" in output
    # Answers point at the attempt's own questions, and the student's right choice is right.
    for response in Response.objects.select_related("attempt", "choice")[:50]:
        assert response.question_id in response.attempt.question_ids
        assert response.choice.question_id == response.question_id
        assert response.choice.is_correct == response.is_correct


def test_a_second_run_changes_nothing_unless_asked_to_rebuild(db):
    build(*SMALL)
    assert "exists already" in build(*SMALL)
    assert Response.objects.count() == 400
    build(*SMALL, "--rebuild", "--responses", "200")
    assert Response.objects.count() == 200
    assert Classroom.objects.count() == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--students", "5", "--classes", "2"], "multiple of --classes"),
        (["--questions", "120"], "multiple of 50"),
        (["--questions", "100"], "fewer than the 10"),
        (["--students", "0"], "must be positive"),
        (["--responses", "100", "--students", "4", "--classes", "2"], "too few"),
    ],
)
def test_impossible_sizes_are_refused_with_what_to_change(db, args, message):
    with pytest.raises(school.SizeError, match=message):
        build(*args)
    assert not Response.objects.exists()


def test_the_library_grows_beside_the_school_and_only_once(db):
    build(*SMALL)
    output = build(*SMALL, "--library", "5")
    assert "exists already" in output
    assert Document.objects.count() == 5
    library = Document.objects.exclude(quizzes__isnull=False)
    assert library.count() == 3  # the school's 2 documents have a quiz each
    for document in library:
        assert document.flashcards.filter(status=Status.PUBLISHED).count() == 20
        assert document.questions.filter(status=Status.PUBLISHED).count() == 50
    choices = Choice.objects.filter(question__document__in=library)
    assert choices.count() == 3 * 50 * 4
    assert choices.filter(is_correct=True).count() == 3 * 50  # one right option each
    # Nobody has studied the new documents, and asking again adds nothing.
    assert not MemoryState.objects.filter(flashcard__document__in=library).exists()
    build(*SMALL, "--library", "5")
    assert Document.objects.count() == 5
    assert Response.objects.count() == 400
