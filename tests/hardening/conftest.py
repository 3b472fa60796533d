"""Fixtures for the hardening tests: hostile study material, a class that studied it."""

from html.parser import HTMLParser

import pytest

from quizapp.classes.tests.factories import AssignmentFactory, ClassroomFactory
from quizapp.content.models import Question
from quizapp.content.tests.factories import DocumentFactory, FlashcardFactory, QuestionFactory
from quizapp.study.tests.factories import QuizFactory

SCRIPT = '<script>alert("xss-script")</script>'
ATTR_DQ = '" onmouseover="alert(1)" data-x="'
ATTR_SQ = "' onfocus='alert(2)' autofocus data-y='"
IMG = "<img src=x onerror=alert(3)>"
HOSTILE = f"{SCRIPT} {ATTR_DQ} {ATTR_SQ} {IMG}"


def hostile(label: str) -> str:
    """Text for one field: a label (to find it on the page) and every payload."""
    return f"{label} {HOSTILE}"


@pytest.fixture
def hostile_document(db):
    """A published flashcard and a multiple-choice question whose every text is an attack."""
    document = DocumentFactory(slug="hostile", title=hostile("Doc title"), text=hostile("Doc text"))
    FlashcardFactory(
        document=document,
        key="card",
        front=hostile("Card front"),
        back=hostile("Card back"),
        source_text=hostile("Card source"),
    )
    QuestionFactory(
        document=document,
        key="mc",
        kind=Question.Kind.MULTIPLE_CHOICE,
        prompt=hostile("Question prompt"),
        answer=hostile("Right choice"),
        choices=[hostile("Right choice"), hostile("Wrong choice")],
        explanation=hostile("Explanation"),
        source_text=hostile("Question source"),
    )
    return document


@pytest.fixture
def hostile_quiz(hostile_document):
    return QuizFactory(
        slug="hostile-quiz",
        title=hostile("Quiz title"),
        questions=[hostile_document.questions.get()],
    )


@pytest.fixture
def hostile_class(teacher, student, hostile_quiz):
    """The teacher's class, with the student enrolled and the hostile quiz assigned."""
    classroom = ClassroomFactory(
        name=hostile("Class name"), teacher=teacher, join_code="HOSTILE1", students=[student]
    )
    AssignmentFactory(classroom=classroom, title=hostile("Assignment"), quiz=hostile_quiz)
    return classroom


class PageAudit(HTMLParser):
    """What in a page could run script: inline scripts, handlers, injected tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        if tag == "script":
            self._in_script = True
            if "src" not in names:
                self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("inline <style>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style":
                self.problems.append(f"<{tag} style={value!r}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.problems.append("injected <img src=x>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append(f"script body {data.strip()[:60]!r}")
        self.text.append(data)


def audit(html: str) -> PageAudit:
    """Parse a page or fragment and collect anything that could run script."""
    parser = PageAudit()
    parser.feed(html)
    parser.close()
    return parser
