"""Work assigned to a student, as the study layer reads it.

Classes (classrooms, enrollments, assignments) sit above study, so study cannot read them
itself; yet a student's scope and home page start from what their classes assign. The
classes app registers its readers here when it starts (`ClassesConfig.ready`), and study
calls them through this module. Without a registered reader a student has no assigned work,
so study runs on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class AssignedWork:
    """How to read what a student's classes assign.

    `document_ids(student)` is a one-column query of the ids of the documents assigned
    (a deck's document, a drawn quiz's document), for a UNION with study's own rows;
    `assignments(student)` lists the assignments to show, each with `title`, `quiz`,
    `document`, `classroom` and `due_at`, soonest due first.
    """

    document_ids: Callable[..., QuerySet]
    assignments: Callable[..., Iterable]


_readers: list[AssignedWork] = []


def register(work: AssignedWork) -> None:
    """Read assigned work through `work` from now on (the classes app calls this once)."""
    if work not in _readers:
        _readers.append(work)


def document_ids(*, student) -> list[QuerySet]:
    """One-column queries of the ids of the documents assigned to `student`."""
    return [reader.document_ids(student) for reader in _readers]


def assignments(*, student) -> list:
    """The assignments of `student`'s classes, soonest due first."""
    return [item for reader in _readers for item in reader.assignments(student)]
