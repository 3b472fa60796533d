"""Content for tests: documents, flashcards, questions with their choices, uploads.

Factories make published items by default. A question's `choices` are its option texts in
order, the one equal to its answer right (a true/false question gets True and False);
`QuestionFactory.create_many` and `FlashcardFactory.create_many` insert hundreds of rows
in a few statements, for tests that compare query counts at two sizes.
"""

from __future__ import annotations

import uuid

import factory
from factory.django import DjangoModelFactory

from quizapp.accounts.tests.factories import UserFactory
from quizapp.content.models import (
    Choice,
    Document,
    Flashcard,
    Question,
    Section,
    Status,
    Upload,
)
from quizapp.content.rules import TRUE_FALSE_CHOICES


class BulkFactory(DjangoModelFactory):
    """A factory that can also insert many rows in one statement."""

    class Meta:
        abstract = True

    @classmethod
    def create_many(cls, n: int, **fields) -> list:
        """`n` rows inserted in one statement; a callable field value is called with the index."""
        rows = [
            cls.build(**{k: v(i) if callable(v) else v for k, v in fields.items()})
            for i in range(n)
        ]
        return cls._meta.model.objects.bulk_create(rows)


class DocumentFactory(BulkFactory):
    class Meta:
        model = Document
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"doc-{n}")
    title = factory.LazyAttribute(lambda d: f"About {d.slug}")
    source_name = factory.LazyAttribute(lambda d: f"{d.slug}.txt")
    text = "Text."
    content_hash = factory.LazyAttribute(lambda d: d.slug)


class ItemFactory(BulkFactory):
    """What flashcards and questions share: a document, published."""

    class Meta:
        abstract = True

    document = factory.SubFactory(DocumentFactory)
    status = Status.PUBLISHED


class FlashcardFactory(ItemFactory):
    class Meta:
        model = Flashcard

    key = factory.Sequence(lambda n: f"card-{n}")
    kind = Flashcard.Kind.FAQ
    front = factory.Sequence(lambda n: f"Front {n}?")
    back = factory.Sequence(lambda n: f"Back {n}.")
    source_text = factory.LazyAttribute(lambda c: c.back)


class QuestionFactory(ItemFactory):
    class Meta:
        model = Question
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"q-{n}")
    kind = Question.Kind.SHORT_ANSWER
    prompt = factory.Sequence(lambda n: f"Question {n}?")
    answer = "Answer"
    source_text = "Source sentence."

    @factory.post_generation
    def choices(question, create, extracted, **kwargs):
        texts = extracted
        if texts is None and question.kind == Question.Kind.TRUE_FALSE:
            texts = TRUE_FALSE_CHOICES
        if create and texts:
            add_choices([question], texts)

    @classmethod
    def create_many(cls, n: int, *, choices=(), **fields) -> list:
        questions = super().create_many(n, **fields)
        if choices:
            add_choices(questions, choices)
        return questions


class ChoiceFactory(BulkFactory):
    """A choice as given, right or not (to build questions that break the rules)."""

    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory)
    text = factory.Sequence(lambda n: f"Option {n}")
    position = factory.Sequence(lambda n: n)


def add_choices(questions, texts) -> None:
    """Give each question these options in order; the one equal to its answer is right."""
    Choice.objects.bulk_create(
        Choice(question=q, text=text, is_correct=text == q.answer, position=position)
        for q in questions
        for position, text in enumerate(texts)
    )


class UploadFactory(DjangoModelFactory):
    """A queued upload of a short text by a teacher (no task is queued for it)."""

    class Meta:
        model = Upload

    batch = factory.LazyFunction(uuid.uuid4)
    teacher = factory.SubFactory(UserFactory, teacher=True)
    name = factory.Sequence(lambda n: f"upload-{n}.txt")
    text = "date 2024-03-01 Leaders met in Paris."


def build_study_document(slug: str = "vilnius", *, cards: int = 3, rounds: int = 1) -> Document:
    """A document with `cards` flashcards and, per round, one question of each kind.

    The questions score 0.9 (multiple choice), 0.8 (true/false), 0.7 (cloze) and 0.6
    (short answer), so "best first" is that order.
    """
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


def build_etna_document(slug: str = "volcanoes", *, cards: int = 2) -> Document:
    """A document about Etna: `cards` published flashcards, a draft one, and a multiple-choice
    ("mc"), a true/false ("tf") and a short-answer ("short") question, all published."""
    document = DocumentFactory(
        slug=slug, text="Etna is in Sicily.\n\nFAQ\n\nWhere is Etna?\n\nIn Sicily."
    )
    FlashcardFactory.create_many(
        cards,
        document=document,
        key=lambda i: f"card-{i}",
        front=lambda i: f"Front {i}",
        back=lambda i: f"Back {i}",
        source_text="Etna is in Sicily.",
    )
    FlashcardFactory(
        document=document, key="draft-card", front="Draft", back="Draft", status=Status.DRAFT
    )
    etna = {"source_text": "Etna is in Sicily.", "explanation": "Etna is in Sicily."}
    QuestionFactory(
        document=document,
        key="mc",
        kind=Question.Kind.MULTIPLE_CHOICE,
        prompt="Where is Etna?",
        answer="Sicily",
        choices=["Sardinia", "Sicily"],
        alternatives=["Sicilia"],
        **etna,
    )
    QuestionFactory(
        document=document,
        key="tf",
        kind=Question.Kind.TRUE_FALSE,
        prompt="Etna is in Sicily.",
        answer="True",
        **{**etna, "explanation": "It is."},
    )
    QuestionFactory(
        document=document,
        key="short",
        kind=Question.Kind.SHORT_ANSWER,
        prompt="On which island is Etna?",
        answer="Sicily",
        **etna,
    )
    return document


def build_sectioned_document(
    slug: str = "canals", *, sections: int = 3, cards: int = 2, questions: int = 2, **fields
) -> Document:
    """A document of `sections` sections headed "Part 1", "Part 2", ..., each with `cards`
    published flashcards and `questions` published multiple-choice questions whose prompts
    and fronts name their part ("Part 2 card 0?", "Part 2 question 1?"), a draft question
    per section, and one FAQ card outside every section ("FAQ card?")."""
    document = DocumentFactory(slug=slug, **fields)
    parts = Section.objects.bulk_create(
        Section(document=document, position=i, heading=f"Part {i + 1}", word_count=40)
        for i in range(sections)
    )
    FlashcardFactory.create_many(
        sections * cards,
        document=document,
        section=lambda i: parts[i // cards],
        key=lambda i: f"card-{i}",
        kind=Flashcard.Kind.FACT,
        front=lambda i: f"Part {i // cards + 1} card {i % cards}?",
        back=lambda i: f"Answer to part {i // cards + 1} card {i % cards}.",
    )
    FlashcardFactory(document=document, key="faq", front="FAQ card?", back="FAQ answer.")
    published = QuestionFactory.create_many(
        sections * questions,
        document=document,
        section=lambda i: parts[i // questions],
        key=lambda i: f"q-{i}",
        kind=Question.Kind.MULTIPLE_CHOICE,
        prompt=lambda i: f"Part {i // questions + 1} question {i % questions}?",
        answer=lambda i: f"Right {i}",
        score=lambda i: 0.9 - (i % questions) / 100,
        source_text=lambda i: f"Part {i // questions + 1} says right {i}.",
    )
    Choice.objects.bulk_create(
        Choice(question=q, text=text, is_correct=text == q.answer, position=position)
        for q in published
        for position, text in enumerate(["Wrong", q.answer, "Also wrong"])
    )
    QuestionFactory.create_many(
        sections,
        document=document,
        section=lambda i: parts[i],
        key=lambda i: f"draft-{i}",
        prompt=lambda i: f"Part {i + 1} draft?",
        status=Status.DRAFT,
    )
    return document
