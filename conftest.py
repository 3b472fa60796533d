"""Fixtures shared by every test: people, and the seed document ingested once per test."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User

ROOT = Path(__file__).resolve().parent
SEED_DIR = ROOT / "seeds"
EVAL_DIR = ROOT / "quizapp" / "content" / "tests" / "data" / "eval"


@pytest.fixture
def make_user(db):
    """Create a user with password `pw-<username>`."""

    def make(username: str, **extra) -> User:
        return User.objects.create_user(username=username, password=f"pw-{username}", **extra)

    return make


@pytest.fixture
def student(make_user):
    return make_user("student_a")


@pytest.fixture
def other_student(make_user):
    return make_user("student_b")


@pytest.fixture
def teacher(make_user):
    """A member of the Teachers group with admin access."""
    from django.contrib.auth.models import Group

    user = make_user("teacher_t", is_staff=True)
    group, _ = Group.objects.get_or_create(name="Teachers")
    user.groups.add(group)
    return user


@pytest.fixture
def seed_document(db):
    """The seed document, ingested as `make run` does."""
    from quizapp.content.ingest import ingest_paths
    from quizapp.content.models import Document

    report = ingest_paths([str(SEED_DIR)])
    assert not report.errors, report.errors
    return Document.objects.get()
