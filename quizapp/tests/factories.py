"""Test data for every app's tests: factory-boy factories and small study helpers.

Factories make published items by default. A question's `choices` are its option texts in
order, the one equal to its answer right (a true/false question gets True and False);
`QuestionFactory.create_many` and `FlashcardFactory.create_many` insert hundreds of rows
in a few statements, for tests that compare query counts at two sizes.
"""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group, User
from factory.django import DjangoModelFactory

from quizapp.accounts.roles import TEACHERS_GROUP
from quizapp.classes.models import Assignment, Classroom, Enrollment
from quizapp.content.models import Choice, Document, Flashcard, Question, Status
from quizapp.content.rules import TRUE_FALSE_CHOICES
from quizapp.study import services
from quizapp.study.models import Quiz, QuizQuestion


class UserFactory(DjangoModelFactory):
    """A user whose password is `pw-<username>`; `teacher=True` joins the Teachers group."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.LazyAttribute(lambda u: f"pw-{u.username}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.objects.create_user(*args, **kwargs)

    @factory.post_generation
    def teacher(user, create, extracted, **kwargs):
        if create and extracted:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
            user.groups.add(Group.objects.get_or_create(name=TEACHERS_GROUP)[0])


class _BulkFactory(DjangoModelFactory):
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


class DocumentFactory(_BulkFactory):
    class Meta:
        model = Document
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"doc-{n}")
    title = factory.LazyAttribute(lambda d: f"About {d.slug}")
    source_name = factory.LazyAttribute(lambda d: f"{d.slug}.txt")
    text = "Text."
    content_hash = factory.LazyAttribute(lambda d: d.slug)


class _ItemFactory(_BulkFactory):
    class Meta:
        abstract = True

    document = factory.SubFactory(DocumentFactory)
    status = Status.PUBLISHED


class FlashcardFactory(_ItemFactory):
    class Meta:
        model = Flashcard

    key = factory.Sequence(lambda n: f"card-{n}")
    kind = Flashcard.Kind.FAQ
    front = factory.Sequence(lambda n: f"Front {n}?")
    back = factory.Sequence(lambda n: f"Back {n}.")
    source_text = factory.LazyAttribute(lambda c: c.back)


class QuestionFactory(_ItemFactory):
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


class ChoiceFactory(_BulkFactory):
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


class QuizFactory(DjangoModelFactory):
    """A quiz in a fixed order; `questions=[...]` hand-picks them in that order."""

    class Meta:
        model = Quiz
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"quiz-{n}")
    title = factory.LazyAttribute(lambda q: q.slug.replace("-", " ").title())
    shuffle = False

    @factory.post_generation
    def questions(quiz, create, extracted, **kwargs):
        if create and extracted:
            QuizQuestion.objects.bulk_create(
                QuizQuestion(quiz=quiz, question=q, position=i) for i, q in enumerate(extracted)
            )


class ClassroomFactory(DjangoModelFactory):
    """A class; `students=[...]` enrols them."""

    class Meta:
        model = Classroom
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Class {n}")
    teacher = factory.SubFactory(UserFactory, teacher=True)

    @factory.post_generation
    def students(classroom, create, extracted, **kwargs):
        if create and extracted:
            Enrollment.objects.bulk_create(
                Enrollment(classroom=classroom, student=s) for s in extracted
            )


class AssignmentFactory(DjangoModelFactory):
    class Meta:
        model = Assignment

    classroom = factory.SubFactory(ClassroomFactory)
    title = factory.Sequence(lambda n: f"Assignment {n}")


def answer(attempt, question, *, choice=None, **kwargs):
    """Answer `question` in `attempt` as its student, through the one answer service.

    `choice` is a Choice (its id is sent); other keywords pass through. Returns the response.
    """
    if choice is not None:
        kwargs["choice_id"] = choice.pk
    answered = services.answer_question(
        student=attempt.student, attempt_id=attempt.pk, question_id=question.pk, **kwargs
    )
    return answered.response


def answer_right(attempt, question, **kwargs):
    """Answer `question` correctly: its right option, or its answer typed."""
    if question.has_choices:
        return answer(attempt, question, choice=question.choices.get(is_correct=True), **kwargs)
    return answer(attempt, question, answer_text=question.answer, **kwargs)


def start(student, quiz, **kwargs):
    """The student's new (or open) attempt at `quiz`."""
    attempt, _created = services.start_attempt(student=student, quiz=quiz, **kwargs)
    return attempt
