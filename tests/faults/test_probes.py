"""`/healthz` and `/readyz`: no sign-in, cheap, and honest about the database."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from quizapp.ops.private_redis import free_port

from .conftest import fail_open_cache


def test_healthz_touches_nothing(client):
    # No database access is allowed in this test: a query would fail it. A balancer probes
    # by address over plain HTTP: no host check, no redirect.
    response = client.get("/healthz", HTTP_HOST="10.1.2.3")
    assert response.status_code == 200
    assert response.json() == {"status": "alive"}
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response


@pytest.mark.django_db
def test_readyz_ready_when_the_database_answers_and_is_migrated(client):
    response = client.get("/readyz", HTTP_HOST="10.1.2.3")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "database": "ok",
        "migrations": "ok",
        "cache": "local to this process",
    }


@pytest.mark.django_db
def test_readyz_not_ready_while_a_migration_is_missing(client):
    MigrationRecorder(connection).applied_migrations()  # the table exists
    MigrationRecorder.Migration.objects.filter(app="study").order_by("-id").first().delete()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["migrations"] == "1 not applied"


@pytest.mark.django_db
def test_readyz_answers_are_kept_briefly(client, django_assert_max_num_queries):
    client.get("/readyz")
    with django_assert_max_num_queries(0):
        for _ in range(20):
            assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
def test_readyz_reports_redis_down_but_stays_ready(client, settings):
    settings.CACHES = fail_open_cache(f"redis://127.0.0.1:{free_port()}/0")
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["cache"] == "unavailable (carrying on without it)"


@pytest.mark.django_db
def test_readyz_reports_redis_up(client, settings, private_redis):
    settings.CACHES = fail_open_cache(private_redis.url)
    assert client.get("/readyz").json()["cache"] == "ok"
