"""deploy/serve.sh serves with BIN naming a virtualenv outside the project.

It runs the whole script (database, migrations, static files, workers, gunicorn) in a copy
of the project on a database of its own, then asks the probes. Runs when the suite runs on
PostgreSQL (with Redis beside it), as CI's second pass does.
"""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import dj_database_url
import psycopg
import pytest
from psycopg import sql

from .conftest import files_under
from .test_collect_static import collect

DATABASE_URL = os.environ.get("DATABASE_URL", "")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not DATABASE_URL.startswith("postgres"),
        reason="serve.sh needs PostgreSQL; runs when DATABASE_URL names one, as in CI",
    ),
]


@pytest.fixture
def serve_database():
    """A database URL of the test's own on the suite's server, dropped afterwards."""
    config = dj_database_url.parse(DATABASE_URL)
    name = f"{config['NAME']}_serve_test"
    server = {
        "host": config.get("HOST") or "127.0.0.1",
        "port": config.get("PORT") or 5432,
        "user": config.get("USER") or "postgres",
        "dbname": "postgres",
        "autocommit": True,
    }
    if config.get("PASSWORD"):
        server["password"] = config["PASSWORD"]

    def drop():
        with psycopg.connect(**server) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    drop()
    auth = server["user"] + (f":{server['password']}" if "password" in server else "")
    yield f"postgres://{auth}@{server['host']}:{server['port']}/{name}"
    drop()


def outside_the_tests() -> dict[str, str]:
    """This process's environment without what the test run sets for itself."""
    own = {"DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    return {key: value for key, value in os.environ.items() if key not in own}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(server: subprocess.Popen) -> None:
    """End serve.sh and everything it started (its own process group)."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def wait_for(url: str, server: subprocess.Popen, seconds: float, log: Path) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"serve.sh stopped with status {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"{url} did not answer within {seconds} s")


def websocket_status(port: int, *, origin: str) -> int:
    """The HTTP status with which the live server answers a WebSocket to a game that is not
    there (the handshake is refused). The synchronous client needs no event loop, so it
    works after browser tests have left one running in this thread."""
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    try:
        with connect(f"ws://127.0.0.1:{port}/ws/live/999999/play/", origin=origin, open_timeout=10):
            return 101
    except InvalidStatus as refused:
        return refused.response.status_code


def test_serve_with_bin_naming_another_virtualenv(
    project: Path, other_env: Path, production_env: dict, serve_database: str, tmp_path: Path
):
    # The static files once, without the minute of compression; serve.sh then finds its
    # stamp in var/ unchanged and skips them.
    assert collect(project, other_env / "bin", production_env).returncode == 0
    env_files = files_under(other_env)
    port, live_port = free_port(), free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [str(project / "deploy" / "serve.sh")],
        env={
            **outside_the_tests(),
            **production_env,
            "BIN": str(other_env / "bin"),
            "DATABASE_URL": serve_database,
            "PORT": str(port),
            "LIVE_PORT": str(live_port),
            "SERVE_SEED": "0",
            "QUIZAPP_TASK_WORKERS": "1",
            "WEB_CONCURRENCY": "1",
        },
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        ready = wait_for(
            f"http://127.0.0.1:{port}/readyz", server, seconds=240, log=tmp_path / "serve.log"
        )
        # daphne beside gunicorn: pages send browsers to its port for the live sockets,
        # and it routes /ws/ to the live games.
        live = wait_for(
            f"http://127.0.0.1:{live_port}/healthz", server, seconds=60, log=tmp_path / "serve.log"
        )
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/live/", timeout=5) as page:
            policy = page.headers["Content-Security-Policy"]
        refused = websocket_status(live_port, origin=f"http://127.0.0.1:{port}")
    finally:
        stop(server)
        log.close()

    assert '"status": "ready"' in ready, (tmp_path / "serve.log").read_text()
    assert '"status": "alive"' in live
    assert f"ws://127.0.0.1:{live_port}" in policy
    # No game 999999: the live consumer itself turns the socket away (403), where a server
    # without the live routes would not know the path (404).
    assert refused == 403
    assert "Collecting static files" not in (tmp_path / "serve.log").read_text()
    assert not (project / ".venv").exists()
    assert files_under(other_env) == env_files
