"""Classrooms, the students enrolled in them, and the work assigned to them."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

from quizapp.content.models import Document
from quizapp.study.models import Quiz

JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(8))


class ClassroomManager(models.Manager):
    def get_by_natural_key(self, join_code):
        return self.get(join_code=join_code)


class Classroom(models.Model):
    """A teacher's class; students join it with its code."""

    name = models.CharField(max_length=200)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="classrooms_taught"
    )
    join_code = models.CharField(max_length=16, unique=True, default=new_join_code)
    students = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Enrollment", related_name="classrooms", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClassroomManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.join_code,)


class EnrollmentManager(models.Manager):
    def get_by_natural_key(self, join_code, username):
        return self.get(classroom__join_code=join_code, student__username=username)


class Enrollment(models.Model):
    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="enrollments")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    objects = EnrollmentManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["classroom", "student"], name="enrollment_unique"),
        ]

    def __str__(self):
        return f"{self.student} in {self.classroom}"

    def natural_key(self):
        return (self.classroom.join_code, self.student.username)

    natural_key.dependencies = ["classes.classroom", "auth.user"]


class AssignmentManager(models.Manager):
    def get_by_natural_key(self, join_code, title):
        return self.get(classroom__join_code=join_code, title=title)


class Assignment(models.Model):
    """Work set for a class: a quiz, or a document's flashcard deck."""

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="assignments")
    title = models.CharField(max_length=200)
    quiz = models.ForeignKey(
        Quiz, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    document = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="Assign this document's flashcard deck.",
    )
    due_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssignmentManager()

    class Meta:
        ordering = ["due_at", "title"]
        constraints = [
            models.UniqueConstraint(fields=["classroom", "title"], name="assignment_unique_title"),
            models.CheckConstraint(
                condition=Q(quiz__isnull=False, document__isnull=True)
                | Q(quiz__isnull=True, document__isnull=False),
                name="assignment_quiz_or_deck",
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.classroom.join_code, self.title)

    natural_key.dependencies = ["classes.classroom", "study.quiz", "content.document"]
