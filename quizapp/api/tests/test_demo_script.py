"""The API alone is enough to sign in, take a quiz and read its score.

The flow is `scripts/api_quiz_demo.py` itself: once through DRF's APIClient, and once over
real HTTP with the standard library against a running server.
"""

from __future__ import annotations

import importlib.util

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from quizapp.study.models import Attempt


def load_script():
    path = settings.BASE_DIR / "scripts" / "api_quiz_demo.py"
    spec = importlib.util.spec_from_file_location("api_quiz_demo", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def apiclient_sender(client: APIClient):
    def send(method, path, body=None, token=None):
        client.credentials(**({"HTTP_AUTHORIZATION": f"Token {token}"} if token else {}))
        response = getattr(client, method.lower())(path, body, format="json")
        return response.status_code, response.json() if response.content else None

    return send


def test_a_script_takes_a_quiz_with_the_api_client(student, etna_quiz):
    demo = load_script()
    lines = []
    result = demo.take_quiz(
        apiclient_sender(APIClient()),
        username="student_a",
        password="pw-student_a",
        guess="Sicily",
        log=lines.append,
    )
    attempt = Attempt.objects.get(student=student)
    assert attempt.is_finished
    # First options: Sardinia (wrong), True (right); the typed guess is right.
    assert (result["score"], result["max_score"]) == (attempt.score, 3) == (2, 3)
    assert lines[-1] == "Score: 2/3 (66.7%)"


def test_the_script_without_a_quiz_uses_a_document_practice_quiz(student, etna):
    demo = load_script()
    result = demo.take_quiz(
        apiclient_sender(APIClient()),
        username="student_a",
        password="pw-student_a",
        log=lambda line: None,
    )
    assert result["max_score"] == 3
    assert Attempt.objects.get().quiz.document == etna


def test_a_wrong_password_stops_the_script_with_a_message(student, etna_quiz):
    demo = load_script()
    with pytest.raises(demo.ApiError, match="Signing in failed with HTTP 400"):
        demo.take_quiz(apiclient_sender(APIClient()), username="student_a", password="x")


def test_the_script_over_http(live_server, student, etna_quiz, capsys):
    demo = load_script()
    exit_code = demo.main(
        ["--base-url", live_server.url, "--username", "student_a", "--password", "pw-student_a"]
    )
    out = capsys.readouterr().out
    assert exit_code == 0, out
    assert "Signed in as student_a." in out
    assert out.strip().endswith("Score: 1/3 (33.3%)")  # Sardinia wrong, True right, guess wrong
