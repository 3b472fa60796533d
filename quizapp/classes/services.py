"""Writes for classes: joining, creating classes and assignments, importing a roster.

Views, API views, admin actions and commands call these; each is one transaction and
raises a `ClassesError` (a `ValidationError`) with a message fit to show the user.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction

from quizapp.accounts.roles import TEACHERS_GROUP
from quizapp.content.models import Document
from quizapp.study.models import Quiz

from .models import Assignment, Classroom, Enrollment
from .roster import parse_roster


class ClassesError(ValidationError):
    """A request about classes that cannot be done; the message says why and what to do."""


class UnknownJoinCode(ClassesError):
    """No classroom has the code a student typed."""


def normalise_code(code: str) -> str:
    """A join code as stored: upper case, without the spaces or dashes people type."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


@transaction.atomic
def join_classroom(*, student, code: str) -> Enrollment:
    """Enrol `student` in the class with this code; joining twice returns the same enrolment."""
    wanted = normalise_code(code)
    if not wanted:
        raise UnknownJoinCode("Type the class code your teacher gave you.", code="empty")
    classroom = Classroom.objects.filter(join_code__iexact=wanted).first()
    if classroom is None:
        raise UnknownJoinCode(
            f"No class has the code {wanted}. Check the code with your teacher and try again.",
            code="unknown",
        )
    if classroom.teacher_id == student.pk:
        raise ClassesError("You teach this class, so you cannot join it as a student.", code="own")
    enrollment, _ = Enrollment.objects.get_or_create(classroom=classroom, student=student)
    return enrollment


@transaction.atomic
def create_classroom(*, teacher, name: str) -> Classroom:
    """A new class for `teacher` with a fresh join code."""
    classroom = Classroom(teacher=teacher, name=(name or "").strip())
    classroom.full_clean()
    classroom.save()
    return classroom


@transaction.atomic
def create_assignment(
    *,
    classroom: Classroom,
    quiz: Quiz | None = None,
    document: Document | None = None,
    title: str = "",
    due_at: datetime | None = None,
) -> Assignment:
    """Set a quiz, or a document's flashcard deck, for the class; the title defaults to its name."""
    if (quiz is None) == (document is None):
        raise ClassesError(
            "Choose either a quiz or a flashcard deck to assign (not both).", code="target"
        )
    title = (title or "").strip() or str(quiz or document)[:200]
    if Assignment.objects.filter(classroom=classroom, title=title).exists():
        raise ClassesError(
            f"This class already has an assignment called '{title}'; give this one another title.",
            code="duplicate",
        )
    assignment = Assignment(
        classroom=classroom, quiz=quiz, document=document, title=title, due_at=due_at
    )
    assignment.full_clean()
    assignment.save()
    return assignment


@transaction.atomic
def remove_student(*, classroom: Classroom, student) -> bool:
    """Take a student out of a class; their answers and memory stay theirs. True if removed."""
    deleted, _ = Enrollment.objects.filter(classroom=classroom, student=student).delete()
    return bool(deleted)


@dataclass
class RosterReport:
    """What importing a roster did, or why it did nothing."""

    created: list[tuple[str, str]] = field(default_factory=list)  # (username, first password)
    enrolled: list[str] = field(default_factory=list)  # newly enrolled usernames
    already_enrolled: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # "line 3: ..." messages

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """One line for a message or a command's output."""
        if self.errors:
            return (
                f"Nothing was imported: {len(self.errors)} line(s) need fixing. "
                "Correct them and import the file again."
            )
        return (
            f"Enrolled {len(self.enrolled)} student(s) "
            f"({len(self.created)} new account(s)); "
            f"{len(self.already_enrolled)} already in the class."
        )


def _first_password() -> str:
    # Readable enough to read out in class; students change it after their first login.
    words = "".join(secrets.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(10))
    return f"{words[:5]}-{words[5:]}"


@transaction.atomic
def import_roster(*, classroom: Classroom, csv_text: str) -> RosterReport:
    """Enrol the students of a CSV roster, creating missing accounts; all rows or none.

    Every bad line is reported (with its line number) and then nothing is saved, so the
    teacher fixes the file and imports it again; importing the same file twice is harmless.
    """
    report = RosterReport()
    rows, report.errors = parse_roster(csv_text)
    User = get_user_model()
    existing = {
        u.username.lower(): u for u in User.objects.filter(username__in=[r.username for r in rows])
    }
    # Usernames differ only by case in other rows' accounts: look those up case-insensitively.
    for row in rows:
        if row.username.lower() not in existing:
            match = User.objects.filter(username__iexact=row.username).first()
            if match is not None:
                existing[row.username.lower()] = match
        user = existing.get(row.username.lower())
        if user is not None and user.pk == classroom.teacher_id:
            report.errors.append(f"line {row.line}: '{row.username}' teaches this class")
    if report.errors:
        return report

    for row in rows:
        user = existing.get(row.username.lower())
        if user is None:
            password = _first_password()
            user = User(
                username=row.username,
                first_name=row.first_name,
                last_name=row.last_name,
                email=row.email,
            )
            user.set_password(password)
            user.full_clean()
            user.save()
            report.created.append((user.username, password))
        else:
            # Fill in what the account lacks; never overwrite what a student set.
            changed = False
            for name in ("first_name", "last_name", "email"):
                if not getattr(user, name) and getattr(row, name):
                    setattr(user, name, getattr(row, name))
                    changed = True
            if changed:
                user.save(update_fields=["first_name", "last_name", "email"])
        _, created = Enrollment.objects.get_or_create(classroom=classroom, student=user)
        (report.enrolled if created else report.already_enrolled).append(user.username)
    return report


@transaction.atomic
def make_teacher(*, user) -> None:
    """Give `user` admin access and the Teachers group's permissions."""
    group = Group.objects.get(name=TEACHERS_GROUP)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.groups.add(group)
