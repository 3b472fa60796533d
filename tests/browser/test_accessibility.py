"""axe-core finds no violation on any page a student or a teacher sees, in either colour scheme.

Each test walks the pages the way a person does and calls `assert_accessible(page)` (root
conftest) on every page and every state that changes what is on it: a revealed card, a
question, its feedback, the result. The admin's own pages are Django's and are left out.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from quizapp.classes.tests.factories import AssignmentFactory, ClassroomFactory, EnrollmentFactory
from quizapp.content.models import Document, Question
from quizapp.study import services as study
from quizapp.study.models import Quiz
from tests.browser.pages import sign_in

pytestmark = pytest.mark.browser
TEACH_DATA = Path(__file__).resolve().parents[2] / "quizapp" / "teach" / "tests" / "data"


def sign_in_to_home(page: Page, live_server, username: str):
    sign_in(page, live_server, username)
    expect(page.get_by_role("heading", name="Study", level=1)).to_be_visible()


def test_student_pages(page, live_server, student, study_document, assert_accessible):
    Document.objects.create(
        slug="empty", title="Empty", source_name="e", text="t", content_hash="e"
    )
    checked = []

    def check(name):
        assert assert_accessible(page) > 10, name  # axe ran its rules on a real page
        checked.append(name)

    page.goto(f"{live_server.url}/accounts/login/")
    check("login")
    page.get_by_label("Username").fill("student_a")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_be_visible()
    check("login, wrong password")

    sign_in_to_home(page, live_server, "student_a")
    check("home, nothing started")
    page.get_by_role("link", name="Browse the library").click()
    check("library")
    page.get_by_label("Search titles").fill("no such title")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("No document has")).to_be_visible()
    check("library, nothing found")
    page.goto(f"{live_server.url}/library/")
    page.get_by_role("link", name="Vilnius", exact=True).click()
    expect(page.locator("#review h2.front")).to_be_visible()
    check("deck: review before reveal")
    page.get_by_role("link", name="Show answer").click()
    expect(page.locator("#review .back")).to_be_visible()
    check("deck: review after reveal")

    page.goto(f"{live_server.url}/review/")
    check("review everything due")
    page.goto(f"{live_server.url}/decks/empty/")
    expect(page.get_by_role("heading", name="Nothing due right now")).to_be_visible()
    check("deck with nothing due")

    page.goto(f"{live_server.url}/decks/vilnius/")
    page.get_by_role("button", name="Take a quiz on this document").click()
    expect(page.get_by_text("Question 1 of 4")).to_be_visible()
    check("quiz step")
    page.get_by_role("button", name="Submit answer").click()  # nothing chosen: the browser asks
    for position in range(1, 5):
        expect(page.get_by_text(f"Question {position} of 4")).to_be_visible()
        if page.locator("input[type=radio]").count():
            page.locator("input[type=radio]").first.check()
        else:
            page.locator("input[name=answer]").fill("a wrong answer")
            check("quiz step, typed answer")
        page.get_by_role("button", name="Submit answer").click()
        if position < 4:
            expect(page.locator(".feedback")).to_be_visible()
            check(f"quiz feedback {position}")
            page.get_by_role("link", name="Next question").click()
    expect(page.get_by_role("heading", name="Your score")).to_be_visible()
    check("quiz result")

    quiz = Quiz.objects.get()
    page.goto(f"{live_server.url}/quizzes/{quiz.slug}/")
    check("quiz page with an attempt")
    page.goto(f"{live_server.url}/progress/")
    check("progress")
    page.goto(f"{live_server.url}/")
    check("home, with a started document")
    page.goto(f"{live_server.url}/classes/join/")
    check("join")
    page.get_by_label("Class code").fill("NOSUCHCODE")
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_role("alert")).to_be_visible()
    check("join, unknown code")
    page.goto(f"{live_server.url}/no/such/page/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    check("404")
    page.goto(f"{live_server.url}/classes/")
    expect(page.get_by_role("heading", name="Not allowed")).to_be_visible()
    check("403")
    page.get_by_role("button", name="Log out student_a").click()
    check("logged out")
    assert len(checked) == 24


@pytest.fixture
def taught_class(teacher, student, study_document):
    """A class with one student who took its assigned quiz, and a deck assignment."""
    quiz = study.quiz_for_document(document=study_document)
    classroom = ClassroomFactory(name="Year 9", teacher=teacher, join_code="YEARNINE")
    EnrollmentFactory(classroom=classroom, student=student)
    AssignmentFactory(classroom=classroom, title="Quiz on Vilnius", quiz=quiz)
    AssignmentFactory(classroom=classroom, title="Cards", document=study_document)
    attempt, _ = study.start_attempt(student=student, quiz=quiz)
    study.finish_attempt(attempt=attempt)
    return classroom


def test_teacher_pages(page, live_server, taught_class, assert_accessible):
    checked = []

    def check(name):
        assert assert_accessible(page) > 10, name
        checked.append(name)

    sign_in_to_home(page, live_server, "teacher_t")
    page.get_by_role("link", name="Classes").click()
    check("classes")
    page.get_by_role("link", name="Year 9").click()
    check("class page")
    page.get_by_role("link", name="Print Quiz on Vilnius").click()
    expect(page.get_by_role("heading", name="Answer key: Quiz on Vilnius")).to_be_attached()
    check("print page of an assignment")
    page.go_back()
    page.get_by_role("link", name="Class report").click()
    expect(page.locator("table.report")).to_be_visible()
    check("class report")
    page.goto(f"{live_server.url}/classes/YEARNINE/report/?at=not-a-date")
    check("class report, bad date")

    page.goto(f"{live_server.url}/classes/YEARNINE/")
    page.get_by_label("Roster (CSV)").set_input_files(
        files=[{"name": "r.csv", "mimeType": "text/csv", "buffer": b"username\nnew_one\n"}]
    )
    page.get_by_role("button", name="Import students").click()
    check("roster result")

    quiz = Quiz.objects.get()
    page.goto(f"{live_server.url}/quizzes/{quiz.slug}/")
    page.get_by_role("link", name="Print this quiz with its answer key").click()
    expect(page.get_by_role("heading", name="Answer key: ", exact=False)).to_be_attached()
    check("print page of a quiz")
    page.goto(f"{live_server.url}/classes/")
    page.get_by_label("Class name").fill("Year 10")
    page.get_by_role("button", name="Create class").click()
    check("new class")
    assert len(checked) == 8


def test_the_check_fails_on_a_violation_in_either_scheme(page, live_server, assert_accessible):
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate(
        """() => {
          const img = document.createElement("img");
          img.src = "/static/favicon.svg";  // no alt text
          document.querySelector("main").append(img);
        }"""
    )
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)
    # Text that passes in the light scheme only: the dark run must catch it.
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate("() => { document.querySelector('h1').style.color = '#1b1f24'; }")
    with pytest.raises(AssertionError, match="(?s)dark colour scheme.*color-contrast"):
        assert_accessible(page)


def test_teacher_workspace_pages(
    page, live_server, teacher, study_document, run_worker, assert_accessible
):
    draft = Question.objects.create(
        document=study_document,
        key="draft",
        kind=Question.Kind.SHORT_ANSWER,
        prompt="Which river meets the Vilnia?",
        answer="Neris",
        source_text="Vilnius lies where the Vilnia meets the Neris.",
    )
    checked = []

    def check(name):
        assert assert_accessible(page) > 10, name
        checked.append(name)

    sign_in_to_home(page, live_server, "teacher_t")
    page.get_by_role("link", name="Documents").click()
    check("documents")
    page.get_by_role("link", name="New documents").first.click()
    check("upload")
    page.get_by_label("Documents").set_input_files(
        [TEACH_DATA / "lakes.txt", TEACH_DATA / "broken.txt"]
    )
    page.get_by_role("button", name="Upload and generate").click()
    expect(page.locator("#progress-label")).to_have_text("0 of 1 file done.")
    check("upload progress, waiting, with a refused file")
    run_worker()
    expect(page.get_by_text("All done.")).to_be_visible(timeout=15_000)
    check("upload progress, done")

    page.goto(f"{live_server.url}/teach/documents/{study_document.slug}/?show=flagged")
    check("review, items flagged by class data")
    page.goto(f"{live_server.url}/teach/documents/{study_document.slug}/")
    check("review")
    item = page.locator(f"#question-{draft.pk}")
    item.get_by_role("button", name="Publish").click()
    expect(page.locator("#announce")).to_contain_text("Published:")
    check("review, after publishing an item")
    item.get_by_role("link", name="Edit").click()
    expect(item.locator("textarea").first).to_be_visible()
    check("review, editing an item in place")
    page.goto(f"{live_server.url}/teach/items/question/{draft.pk}/edit/")
    check("edit page")
    page.get_by_label("Answer", exact=True).fill("")
    page.get_by_role("button", name="Save").click()
    check("edit page, not saved")
    assert len(checked) == 10


def test_error_pages(page, live_server, student, settings, assert_accessible):
    settings.ROOT_URLCONF = "tests.browser.fault_urls"
    page.goto(f"{live_server.url}/test-failure/")
    expect(page.get_by_role("heading", name="Something went wrong")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/test-database-down/")
    expect(page.get_by_role("heading", name="Quizapp is briefly unavailable")).to_be_visible()
    assert_accessible(page)

    # A form posted without its CSRF cookie.
    page.goto(f"{live_server.url}/accounts/login/")
    page.context.clear_cookies()
    page.get_by_label("Username").fill("student_a")
    page.get_by_label("Password").fill("pw-student_a")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="This form has expired")).to_be_visible()
    assert_accessible(page)

    settings.AXES_FAILURE_LIMIT = 2
    page.goto(f"{live_server.url}/accounts/login/")
    for _ in range(3):
        page.get_by_label("Username").fill("student_a")
        page.get_by_label("Password").fill("wrong")
        page.get_by_role("button", name="Log in").click()
        if page.get_by_role("heading", name="Too many failed logins").count():
            break
    expect(page.get_by_role("heading", name="Too many failed logins")).to_be_visible()
    assert_accessible(page)
