"""Security headers on every kind of response, cookies and HSTS as production sets them."""

import importlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from .conftest import audit

ROOT = Path(__file__).resolve().parents[2]
HX = {"HTTP_HX_REQUEST": "true"}


def production_env(**overrides) -> dict:
    """Environment for the production settings with a real secret and host."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "quizapp.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "quiz.example.org",
        "DATABASE_URL": "postgres://quizapp@db.example.org:5432/quizapp",
        "REDIS_URL": "redis://cache.example.org:6379/0",
    }
    unsafe_locally = ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "DEBUG")
    # The browser tests allow sync ORM calls inside their event loop; production never does.
    for name in (*unsafe_locally, "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def check_deploy(**overrides) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(**overrides),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def production_security(settings, monkeypatch):
    """The test settings with every security value taken from the production settings."""
    for name, value in production_env().items():
        monkeypatch.setenv(name, value)
    # Both modules read the environment when imported, so import them again under it.
    importlib.reload(importlib.import_module("quizapp.settings.base"))
    production = importlib.reload(importlib.import_module("quizapp.settings.production"))
    for name in dir(production):
        if name.startswith(("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_")):
            setattr(settings, name, getattr(production, name))
    settings.ALLOWED_HOSTS = ["testserver"]
    return production


def test_check_deploy_is_clean_with_a_real_secret_and_host():
    done = check_deploy()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"REDIS_URL": None}, "REDIS_URL"),
        ({"DATABASE_URL": None}, "DATABASE_URL"),
    ],
)
def test_production_refuses_to_start_without_what_it_needs(overrides, message):
    done = check_deploy(**overrides)
    assert done.returncode != 0
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_production_turns_off_plain_http_only_when_told(production_security):
    assert production_security.DEBUG is False
    assert production_security.SECURE_SSL_REDIRECT is True
    assert production_security.SESSION_COOKIE_SECURE is True
    assert production_security.CSRF_COOKIE_SECURE is True
    assert production_security.SECURE_HSTS_SECONDS >= 31536000
    assert production_security.CACHES["default"]["BACKEND"].endswith("RedisCache")
    assert production_security.AXES_HANDLER == "axes.handlers.cache.AxesCacheHandler"


def test_every_kind_of_response_carries_the_security_headers(client, student, hostile_document):
    anonymous = [client.get(reverse("login")), client.get("/admin/login/")]
    client.force_login(student)
    responses = anonymous + [
        client.get(reverse("study:home")),
        client.get(reverse("study:review"), **HX),
        client.get(reverse("study:due_badge"), **HX),
        client.get("/api/me/"),
        client.get("/no-such-page/"),
    ]
    for response in responses:
        csp = response["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
        assert directives["script-src"] == "'self'"
        assert directives["default-src"] == "'self'"
        assert directives["frame-ancestors"] == "'none'"
        assert directives["object-src"] == "'none'"
        assert "unsafe" not in csp
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "camera=()" in response["Permissions-Policy"]


def test_pages_need_no_inline_script_or_style(client, admin_client, student, hostile_class):
    """What the policy forbids, no page uses: so the policy breaks nothing."""
    client.force_login(student)
    pages = {
        "login": client.get(reverse("login")),
        "home": client.get(reverse("study:home")),
        "review": client.get(reverse("study:review")),
        "progress": client.get(reverse("study:progress")),
        "join": client.get(reverse("classes:join")),
        "admin index": admin_client.get("/admin/"),
        "admin question": admin_client.get(
            reverse(
                "admin:content_question_change",
                args=[hostile_class.assignments.get().quiz.questions.get().pk],
            )
        ),
        "API docs": admin_client.get("/api/docs/"),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        problems = audit(response.content.decode()).problems
        assert problems == [], f"{name}: {problems}"


def test_http_is_redirected_to_https_in_production(client, production_security):
    response = client.get(reverse("login"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_https_responses_carry_hsts_in_production(client, production_security):
    response = client.get(reverse("login"), secure=True)
    assert response.status_code == 200
    hsts = response["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts
    assert "preload" in hsts


def test_cookies_are_secure_and_http_only_in_production(client, student, production_security):
    page = client.get(reverse("login"), secure=True)
    csrf_cookie = page.cookies["csrftoken"]
    assert csrf_cookie["secure"] is True
    assert csrf_cookie["httponly"] is True
    assert csrf_cookie["samesite"] == "Lax"

    response = client.post(
        reverse("login"),
        {"username": student.username, "password": f"pw-{student.username}"},
        secure=True,
    )
    assert response.status_code == 302
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["secure"] is True
    assert session_cookie["httponly"] is True
    assert session_cookie["samesite"] == "Lax"
