import random
import statistics
from datetime import timedelta

import pytest
from django.utils import timezone

from quizapp.classes.selectors import class_report, classrooms_for_teacher, correlation_of_sums
from quizapp.classes.tests.factories import AssignmentFactory, ClassroomFactory
from quizapp.content.tests.factories import DocumentFactory, FlashcardFactory
from quizapp.study.models import MemoryState
from quizapp.study.tests.factories import MemoryStateFactory


@pytest.fixture
def four_students(make_user):
    return [make_user(n) for n in ("alice", "bob", "chen", "dana")]


def test_classrooms_for_teacher_only_their_own(classroom, make_user, enrol, four_students):
    other = make_user("other_teacher", is_staff=True)
    ClassroomFactory(name="Not mine", teacher=other, join_code="OTHER111")
    enrol(classroom, *four_students)
    [mine] = classrooms_for_teacher(teacher=classroom.teacher)
    assert mine == classroom and mine.student_count == 4 and mine.assignment_count == 0


def test_report_scores_item_analysis_and_flags(
    classroom,
    enrol,
    four_students,
    make_user,
    make_question,
    make_quiz,
    take_quiz,
    django_assert_max_num_queries,
):
    alice, bob, chen, dana = four_students
    eve = make_user("eve")
    enrol(classroom, *four_students, eve)
    easy, hard, medium, upside_down = (
        make_question(p) for p in ("Easy?", "Hard?", "Medium?", "Upside down?")
    )
    quiz = make_quiz("unit-1", [easy, hard, medium, upside_down])
    AssignmentFactory(classroom=classroom, title="Unit 1", quiz=quiz)
    # Position 0 is right. Strong students (alice, bob) miss "upside down"; weak ones get it.
    take_quiz(alice, quiz, {easy: 0, hard: 0, medium: 0, upside_down: 1})
    take_quiz(bob, quiz, {easy: 0, hard: 1, medium: 0, upside_down: 2})
    take_quiz(chen, quiz, {easy: 0, hard: 2, medium: 1, upside_down: 0})
    take_quiz(dana, quiz, {easy: 1, hard: 1, medium: 2, upside_down: 0})
    # A later, better attempt counts for chen's score but not for the item analysis.
    take_quiz(chen, quiz, {easy: 0, hard: 0, medium: 0, upside_down: 0})

    with django_assert_max_num_queries(8):
        report = class_report(classroom=classroom)
        by_name = {row.student.username: row for row in report.rows}
        stats = {s.question.prompt: s for s in report.questions}
        [[d.choice.text for d in s.choices] for s in report.questions]

    assert by_name["alice"].cells[0].score == pytest.approx(3 / 4)
    assert by_name["chen"].cells[0].score == 1.0
    assert by_name["chen"].cells[0].attempts == 2
    assert by_name["eve"].cells[0].score is None
    assert by_name["eve"].cells[0].completion == 0.0

    assert stats["Easy?"].facility == 0.75
    assert stats["Hard?"].facility == 0.25
    assert stats["Upside down?"].facility == 0.5
    assert stats["Easy?"].discrimination > 0
    assert stats["Hard?"].discrimination > 0
    assert stats["Medium?"].discrimination == 0
    assert stats["Upside down?"].discrimination < 0
    assert [d.picked for d in stats["Upside down?"].choices] == [2, 1, 1]
    assert [d.picked for d in stats["Hard?"].choices] == [1, 2, 1]
    assert [s.question.prompt for s in report.flagged_questions] == ["Upside down?"]
    assert stats["Upside down?"].flags == ["stronger students did worse on it than weaker ones"]


def test_report_flags_questions_almost_nobody_gets(
    classroom, enrol, four_students, make_question, make_quiz, take_quiz
):
    enrol(classroom, *four_students)
    q = make_question("Impossible?")
    other = make_question("Fine?")
    quiz = make_quiz("unit-2", [q, other])
    AssignmentFactory(classroom=classroom, title="Unit 2", quiz=quiz)
    for s in four_students:
        take_quiz(s, quiz, {q: 1, other: 0})
    stats = {s.question.prompt: s for s in class_report(classroom=classroom).questions}
    assert stats["Impossible?"].facility == 0.0
    assert stats["Impossible?"].discrimination is None  # nobody differs, nothing to correlate
    assert stats["Impossible?"].flags == ["fewer than 1 in 5 got it right"]
    assert not stats["Fine?"].flagged


def test_mastery_is_mean_recall_now_with_unseen_items_as_zero(
    classroom, enrol, student, make_question, make_quiz
):
    enrol(classroom, student)
    q1, q2 = make_question("One?"), make_question("Two?")
    quiz = make_quiz("unit-3", [q1, q2])
    AssignmentFactory(classroom=classroom, title="Unit 3", quiz=quiz)
    now = timezone.now()
    MemoryStateFactory(
        student=student,
        question=q1,
        state=MemoryState.State.REVIEW,
        stability=10.0,
        difficulty=5.0,
        due=now + timedelta(days=10),
        last_review=now,
    )
    [row] = class_report(classroom=classroom, now=now).rows
    assert row.cells[0].mastery == pytest.approx(0.5)  # q1 recalled for certain, q2 unseen
    later = class_report(classroom=classroom, now=now + timedelta(days=10)).rows[0]
    assert later.cells[0].mastery == pytest.approx(0.45, abs=0.01)  # 90% at the due date


def test_deck_assignment_completion_and_mastery(classroom, enrol, student):
    enrol(classroom, student)
    document = DocumentFactory(slug="deck")  # a deck of exactly the four cards below
    cards = FlashcardFactory.create_batch(4, document=document)
    AssignmentFactory(classroom=classroom, title="Deck", document=document)
    now = timezone.now()
    MemoryStateFactory(
        student=student,
        flashcard=cards[0],
        stability=3.0,
        difficulty=5.0,
        state=MemoryState.State.REVIEW,
        due=now + timedelta(days=3),
        last_review=now,
    )
    [row] = class_report(classroom=classroom, now=now).rows
    assert row.cells[0].score is None
    assert row.cells[0].completion == 0.25
    assert row.cells[0].mastery == pytest.approx(0.25)


def test_mastery_counts_whole_days_since_the_exact_review_moment(
    classroom, enrol, student, make_question, make_quiz
):
    from quizapp.study.scheduling import recall_probability

    enrol(classroom, student)
    reviewed_q, learning_q = make_question("Reviewed?"), make_question("Learning?")
    quiz = make_quiz("unit-4", [reviewed_q, learning_q])
    AssignmentFactory(classroom=classroom, title="Unit 4", quiz=quiz)
    reviewed = timezone.now().replace(microsecond=654321)
    state = MemoryStateFactory(
        student=student,
        question=reviewed_q,
        state=MemoryState.State.REVIEW,
        stability=2.0,
        difficulty=5.0,
        due=reviewed + timedelta(days=2),
        last_review=reviewed,
    )
    # Studied but never reviewed yet: it counts as seen with no recall.
    MemoryStateFactory(
        student=student, question=learning_q, due=reviewed, last_review=None, stability=None
    )

    one_day = timedelta(days=1)
    [almost] = class_report(
        classroom=classroom, now=reviewed + one_day - timedelta(microseconds=1)
    ).rows
    [day] = class_report(classroom=classroom, now=reviewed + one_day).rows

    assert almost.cells[0].mastery == 0.5  # still the same day: recalled for certain
    expected = recall_probability(state, now=reviewed + one_day)
    assert expected < 1.0
    assert day.cells[0].mastery == pytest.approx(expected / 2)


def test_completion_and_item_analysis_read_the_right_attempts(
    classroom, enrol, four_students, make_question, make_quiz, take_quiz
):
    alice, bob, chen, _ = four_students
    enrol(classroom, alice, bob, chen)
    questions = [make_question(p) for p in ("One?", "Two?", "Three?", "Four?")]
    one, two, three, four = questions
    quiz = make_quiz("unit-5", questions)
    AssignmentFactory(classroom=classroom, title="Unit 5", quiz=quiz)
    # alice stopped after one question: her cell shows a quarter done, no score.
    take_quiz(alice, quiz, {one: 0}, finished=False)
    # bob finished once (all wrong), then better, then started a third try.
    take_quiz(bob, quiz, {one: 1, two: 1, three: 1, four: 1})
    take_quiz(bob, quiz, {one: 0, two: 0, three: 0, four: 0})
    take_quiz(bob, quiz, {one: 0, two: 0}, finished=False)
    # chen finished on the first try with two right.
    take_quiz(chen, quiz, {one: 0, two: 0, three: 1, four: 1})

    report = class_report(classroom=classroom)
    cells = {row.student.username: row.cells[0] for row in report.rows}
    stats = {s.question.prompt: s for s in report.questions}

    assert (cells["alice"].score, cells["alice"].completion) == (None, 0.25)
    assert cells["alice"].attempts == 1
    assert (cells["bob"].score, cells["bob"].completion, cells["bob"].attempts) == (1.0, 1.0, 3)
    assert cells["chen"].score == 0.5
    # Only first finished attempts count: bob's all-wrong try and chen's.
    assert {s.answered for s in stats.values()} == {2}
    assert stats["One?"].right == 1 and stats["Four?"].right == 0
    assert [d.picked for d in stats["One?"].choices] == [1, 1, 0]


def _correlation(xs: list[int], ys: list[int]) -> float | None:
    """The report's correlation of two lists, from their plain sums as the database gives them."""
    pairs = ((xs, xs), (ys, ys), (xs, ys))
    products = [sum(a * b for a, b in zip(u, v, strict=True)) for u, v in pairs]
    return correlation_of_sums(len(xs), sum(xs), sum(ys), *products)


def test_discrimination_is_the_pearson_correlation():
    rng = random.Random(7)
    for _ in range(50):
        items = [rng.randint(0, 1) for _ in range(30)]
        rests = [rng.randint(0, 19) for _ in range(30)]
        assert _correlation(items, rests) == pytest.approx(statistics.correlation(items, rests))
    assert _correlation([1, 1, 1], [3, 5, 7]) is None  # everyone right: nothing to compare
    assert _correlation([1], [3]) is None


def test_report_counts_the_questions_a_quiz_asks_drafts_left_out(
    classroom, enrol, student, make_question, make_quiz
):
    from quizapp.content.models import Status
    from quizapp.study.models import MemoryState as State

    enrol(classroom, student)
    asked, draft = make_question("Asked?"), make_question("Draft?")
    draft.status = Status.DRAFT
    draft.save()
    quiz = make_quiz("unit-2", [asked, draft])
    AssignmentFactory(classroom=classroom, title="Unit 2", quiz=quiz)
    now = timezone.now()
    State.objects.create(
        student=student, question=asked, state=2, stability=100.0, due=now, last_review=now
    )
    [row] = class_report(classroom=classroom, now=now).rows
    # The one question students are asked is recalled: a draft would have halved it.
    assert row.cells[0].mastery == pytest.approx(1.0)


def test_mastery_of_assignments_that_share_questions(
    classroom, enrol, four_students, make_question, make_quiz
):
    alice, bob, *_ = four_students
    enrol(classroom, alice, bob)
    one, two, three = (make_question(p) for p in ("One?", "Two?", "Three?"))
    first, second = make_quiz("first", [one, two]), make_quiz("second", [two, three])
    for title, quiz in (("First", first), ("Second", second), ("First again", first)):
        AssignmentFactory(classroom=classroom, title=title, quiz=quiz)
    now = timezone.now()
    for question in (one, two):  # alice knows the first quiz; bob has studied nothing
        MemoryStateFactory(
            student=alice, question=question, stability=50.0, due=now, last_review=now
        )
    report = class_report(classroom=classroom, now=now)
    mastery = {
        row.student.username: {
            a.title: cell.mastery for a, cell in zip(report.assignments, row.cells, strict=True)
        }
        for row in report.rows
    }
    assert mastery["alice"] == {"First": 1.0, "Second": 0.5, "First again": 1.0}
    assert mastery["bob"] == {"First": 0.0, "Second": 0.0, "First again": 0.0}


def test_answer_sums_read_any_number_of_attempts_in_one_query(
    student, make_question, make_quiz, django_assert_num_queries
):
    from quizapp.classes.selectors import answer_sums
    from quizapp.study.models import Attempt, Response

    right, wrong = make_question("Right?"), make_question("Wrong?")
    quiz = make_quiz("many", [right, wrong])
    now = timezone.now()
    # More attempts than SQLite takes parameters in one query (999 by default).
    attempts = Attempt.objects.bulk_create(
        Attempt(quiz=quiz, student=student, number=n, started_at=now, max_score=2)
        for n in range(1, 1201)
    )
    Response.objects.bulk_create(
        Response(attempt=attempt, question=question, is_correct=correct, answered_at=now)
        for attempt in attempts
        for question, correct in ((right, True), (wrong, attempt.number % 3 == 0))
    )
    with django_assert_num_queries(1):
        sums = answer_sums([attempt.pk for attempt in attempts])
    by_question = {row.question_id: row for row in sums}
    assert by_question[right.pk][2:] == (1200, 1200, 400, 400, 400)  # n, right, rests...
    assert by_question[wrong.pk][2:] == (1200, 400, 1200, 1200, 400)
