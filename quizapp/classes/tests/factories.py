"""Classes for tests: classrooms with their students, enrollments and assignments."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from quizapp.accounts.tests.factories import UserFactory
from quizapp.classes.models import Assignment, Classroom, Enrollment


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


class EnrollmentFactory(DjangoModelFactory):
    """A student in a class."""

    class Meta:
        model = Enrollment

    classroom = factory.SubFactory(ClassroomFactory)
    student = factory.SubFactory(UserFactory)


class AssignmentFactory(DjangoModelFactory):
    """A deck (`document=`) or a quiz (`quiz=`) assigned to a class."""

    class Meta:
        model = Assignment

    classroom = factory.SubFactory(ClassroomFactory)
    title = factory.Sequence(lambda n: f"Assignment {n}")
