"""Fixtures shared by every test, built from the factories: people, a document, a quiz, a class,
the seed document, and the system Chromium."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User

ROOT = Path(__file__).resolve().parent
SEED_DIR = ROOT / "seeds"
EVAL_DIR = ROOT / "quizapp" / "content" / "tests" / "data" / "eval"
# Debian's Chromium (`apt-get install chromium`); QUIZAPP_CHROMIUM names another binary.
CHROMIUM = os.environ.get("QUIZAPP_CHROMIUM", "/usr/bin/chromium")
# CI sets QUIZAPP_REQUIRE_BROWSER=1: there a missing Chromium fails the run instead of
# skipping the browser tests.
REQUIRE_BROWSER = os.environ.get("QUIZAPP_REQUIRE_BROWSER") == "1"
NO_BROWSER = (
    f"Browser tests skipped: {CHROMIUM} is missing; "
    "run `apt-get install chromium` (as root) to run them."
)

# Playwright's sync API keeps an event loop in the main thread once a browser test has
# started; the ORM calls that tests make between page actions are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _needs_browser(item) -> bool:
    return item.get_closest_marker("browser") is not None or "page" in item.fixturenames


def pytest_collection_modifyitems(config, items):
    """Without Chromium, skip the browser tests (or fail, where CI requires them)."""
    if os.access(CHROMIUM, os.X_OK):
        return
    browser_items = [item for item in items if _needs_browser(item)]
    if not browser_items:
        return
    if REQUIRE_BROWSER:
        raise pytest.UsageError(
            f"QUIZAPP_REQUIRE_BROWSER=1 but {CHROMIUM} is missing: "
            "run `apt-get install chromium` (as root)."
        )
    skip = pytest.mark.skip(reason=NO_BROWSER)
    for item in browser_items:
        item.add_marker(skip)
    config.stash[_skipped_browser_tests] = len(browser_items)


_skipped_browser_tests = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter, config):
    if config.stash.get(_skipped_browser_tests, 0):
        terminalreporter.write_line(NO_BROWSER)


@pytest.fixture(autouse=True)
def cold_question_cache():
    """Each test reads questions afresh: ids repeat across tests that roll back on SQLite."""
    from quizapp.study.selectors import forget_cached_questions

    forget_cached_questions()


@pytest.fixture
def make_user(db):
    """Create a user with password `pw-<username>`."""
    from quizapp.accounts.tests.factories import UserFactory

    def make(username: str, **extra) -> User:
        return UserFactory(username=username, **extra)

    return make


@pytest.fixture
def student(make_user):
    return make_user("student_a")


@pytest.fixture
def other_student(make_user):
    return make_user("student_b")


@pytest.fixture
def teacher(db):
    """A member of the Teachers group with admin access."""
    from quizapp.accounts.tests.factories import UserFactory

    return UserFactory(username="teacher_t", teacher=True)


@pytest.fixture
def other_teacher(db):
    from quizapp.accounts.tests.factories import UserFactory

    return UserFactory(username="teacher_u", teacher=True)


@pytest.fixture
def build_document(db):
    """`build_document(slug="vilnius", cards=3, rounds=1)`: a document with `cards` published
    flashcards and, per round, one published question of each kind (built without spaCy)."""
    from quizapp.content.tests.factories import build_study_document

    return build_study_document


@pytest.fixture
def document(build_document):
    """ "vilnius": three flashcards, and a multiple-choice, a true/false, a cloze and a
    short-answer question about Vilnius, best first in that order."""
    return build_document()


@pytest.fixture
def quiz(document):
    """A quiz drawn from `document` (its published questions, best first), not shuffled."""
    from quizapp.study.tests.factories import QuizFactory

    return QuizFactory(slug="q", title="Q", document=document)


@pytest.fixture
def classroom(teacher):
    """The teacher's class "Year 9 History", join code HIST9ABC, with no students yet."""
    from quizapp.classes.tests.factories import ClassroomFactory

    return ClassroomFactory(name="Year 9 History", teacher=teacher, join_code="HIST9ABC")


@pytest.fixture
def assign(teacher):
    """`assign(student, document=... or quiz=...)`: put the student in a class (one per test)
    and assign it a deck or a quiz there."""
    from quizapp.classes.tests.factories import (
        AssignmentFactory,
        ClassroomFactory,
        EnrollmentFactory,
    )

    made = {}

    def assign_(student, *, document=None, quiz=None):
        if "classroom" not in made:
            made["classroom"] = ClassroomFactory(
                name="Class", teacher=teacher, join_code="CLASS001"
            )
        classroom = made["classroom"]
        if not classroom.enrollments.filter(student=student).exists():
            EnrollmentFactory(classroom=classroom, student=student)
        title = f"Deck: {document.title}" if document else f"Quiz: {quiz.title}"
        return AssignmentFactory(classroom=classroom, title=title, document=document, quiz=quiz)

    return assign_


@pytest.fixture
def seed_document(db):
    """The seed document, ingested as `make run` does."""
    from quizapp.content.ingest import ingest_paths
    from quizapp.content.models import Document

    report = ingest_paths([str(SEED_DIR)])
    assert not report.errors, report.errors
    return Document.objects.get()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Browser tests drive Debian's Chromium, headless, never Playwright's own download."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.fixture
def console_errors(page):
    """Errors the page logs or throws (a CSP violation is one); tests assert none at the end."""
    errors: list[str] = []

    def on_console(msg):
        # The admin's pages name no favicon, so the browser asks for /favicon.ico itself.
        if msg.type == "error" and not msg.location.get("url", "").endswith("/favicon.ico"):
            errors.append(f"{msg.text} ({msg.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


@pytest.fixture
def run_worker(transactional_db):
    """Run the queued background tasks as `manage.py db_worker --batch` does, then return.

    The worker closes database connections that are inside a transaction (as a test's
    would be), so tests that run it commit for real.
    """
    from django.core.management import call_command

    def run() -> None:
        call_command(
            "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
        )

    return run


@pytest.fixture(scope="session")
def axe_engine():
    """axe-core as shipped inside axe-playwright-python: injected into the page, never fetched."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def assert_accessible(axe_engine):
    """`assert_accessible(page)` fails on any axe-core violation of the page as it is now.

    axe runs its default rule set (WCAG 2.0/2.1 A and AA, and best practices) twice: with
    the light colour scheme and with the dark one, since each has its own palette to pass
    contrast. The page keeps the light scheme afterwards. Returns the number of rules
    checked, so a caller can see axe really ran.
    """

    def check(page) -> int:
        reports = []
        checked = 0
        requests = []

        def on_request(request):
            # The page may still load its own files (a favicon); axe itself loads nothing.
            if urlsplit(request.url).netloc != urlsplit(page.url).netloc:
                requests.append(request.url)

        page.on("request", on_request)
        try:
            for scheme in ("dark", "light"):
                page.emulate_media(color_scheme=scheme)
                results = axe_engine.run(page, options={"resultTypes": ["violations", "passes"]})
                checked = max(checked, len(results.response["passes"]))
                if results.violations_count:
                    report = results.generate_report()
                    reports.append(f"{scheme} colour scheme, {page.url}\n{report}")
        finally:
            page.remove_listener("request", on_request)
        assert not reports, "\n\n".join(reports)
        assert requests == [], f"axe must fetch nothing from elsewhere: {requests}"
        return checked

    return check
