"""Study items built with the factories, so study tests need no spaCy."""

import pytest

from quizapp.content.models import Document, Question
from quizapp.content.tests.factories import DocumentFactory, FlashcardFactory, QuestionFactory


@pytest.fixture
def build_document(db):
    """Create a document with `cards` flashcards and one question of each kind per `rounds`."""

    def build(slug="vilnius", *, cards=3, rounds=1) -> Document:
        document = DocumentFactory(slug=slug, content_hash="x")
        FlashcardFactory.create_many(
            cards,
            document=document,
            key=lambda i: f"card-{i}",
            front=lambda i: f"Front {i}?",
            back=lambda i: f"Back {i}.",
            source_text=lambda i: f"Source sentence {i}.",
        )
        for r in range(rounds):
            QuestionFactory(
                document=document,
                key=f"mc-{r}",
                kind=Question.Kind.MULTIPLE_CHOICE,
                prompt=f"Which city is the capital of Lithuania ({r})?",
                answer="Vilnius",
                choices=["Kaunas", "Vilnius", "Riga"],
                source_text="Vilnius is the capital of Lithuania.",
                score=0.9,
            )
            QuestionFactory(
                document=document,
                key=f"tf-{r}",
                kind=Question.Kind.TRUE_FALSE,
                prompt=f"True or false: Vilnius lies on the Neris ({r}).",
                answer="True",
                source_text="Vilnius lies where the Vilnia meets the Neris.",
                score=0.8,
            )
            QuestionFactory(
                document=document,
                key=f"cloze-{r}",
                kind=Question.Kind.CLOZE,
                prompt=f"The Old Town of _____ is a World Heritage Site ({r}).",
                answer="Vilnius",
                source_text="The Old Town of Vilnius is a World Heritage Site.",
                score=0.7,
            )
            QuestionFactory(
                document=document,
                key=f"short-{r}",
                kind=Question.Kind.SHORT_ANSWER,
                prompt=f"Who founded Vilnius ({r})?",
                answer="Gediminas",
                alternatives=["Grand Duke Gediminas"],
                source_text="Vilnius was founded by Grand Duke Gediminas.",
                score=0.6,
            )
        return document

    return build


@pytest.fixture
def document(build_document):
    return build_document()


@pytest.fixture
def assign(make_user):
    """Put `student` in a class (made once per test) and assign it a deck or a quiz."""
    from quizapp.classes.models import Assignment, Classroom, Enrollment

    made = {}

    def assign_(student, *, document=None, quiz=None):
        if "classroom" not in made:
            teacher = make_user("teacher_t", is_staff=True)
            made["classroom"] = Classroom.objects.create(
                name="Class", teacher=teacher, join_code="CLASS001"
            )
        classroom = made["classroom"]
        Enrollment.objects.get_or_create(classroom=classroom, student=student)
        title = f"Deck: {document.title}" if document else f"Quiz: {quiz.title}"
        return Assignment.objects.create(
            classroom=classroom, title=title, document=document, quiz=quiz
        )

    return assign_
