"""`make bench`: a class-sized rush against the production configuration on PostgreSQL.

1. Prepares its own database (`BENCH_DATABASE_URL`, default quizapp_bench): migrations,
   static files, and a seeded class of students with a quiz (`benchmarks.data.build_school`, small).
2. Starts gunicorn with the production settings (2 x cores + 1 workers, whitenoise, Redis,
   DEBUG off) and the bare baseline view switched on.
3. Rush: BENCH_USERS students sign in and review cards and answer questions with pauses,
   while as many signed-in users hit the bare view with the same pauses. Timing starts once
   every user has signed in. Latency, errors, lost answers.
4. Throughput: the same number of users with no pauses, one kind at a time: the bare view
   anonymous (for reference), then BENCH_ROUNDS rounds of the bare view signed in followed
   by answering questions. Alternating the two keeps a machine that speeds up or slows down
   during the run (other tenants, CPU boost) from favouring either; the ratio is that of
   their total rates, and each round's ratio is printed to show the spread.
5. Prints one table and exits 1 if a target is missed.

Lost answers are answers the clients saw accepted minus the Response rows stored (and the
same for flashcard reviews); both must be 0.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BIN = Path(os.environ.get("BIN", ROOT / ".venv" / "bin")).resolve()
USERS = int(os.environ.get("BENCH_USERS", "50"))
RUSH_SECONDS = int(os.environ.get("BENCH_RUSH_SECONDS", "60"))
CAPACITY_SECONDS = int(os.environ.get("BENCH_CAPACITY_SECONDS", "20"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SPAWN_RATE = float(os.environ.get("BENCH_SPAWN_RATE", "4"))
PORT = int(os.environ.get("BENCH_PORT", "18765"))
HOST = f"http://127.0.0.1:{PORT}"
TARGET_RATIO, TARGET_P95_MS = 0.3, 150.0

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "quizapp.settings.production",
    "DATABASE_URL": os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/quizapp_bench"
    ),
    # Its own Redis database, so the bench never touches `make serve`'s sessions.
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2"),
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "QUIZAPP_BASELINE_VIEW": "1",
    "GUNICORN_BIND": f"127.0.0.1:{PORT}",
    "GUNICORN_ACCESS_LOG": "",
    "GUNICORN_LOG_LEVEL": "warning",
}


def manage(*args: str, env: dict = ENV) -> str:
    """Run a management command with the bench environment; stop the bench if it fails."""
    done = subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def build_school(*args: str, env: dict = ENV) -> str:
    """Build the synthetic school (benchmarks/data/build_school.py) with the bench environment."""
    done = subprocess.run(
        [str(BIN / "python"), "-m", "benchmarks.data.build_school", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(f"build_school {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def prepare() -> None:
    """Database, schema, static files and the seeded class."""
    print("Preparing the bench database and static files...", flush=True)
    subprocess.run(
        [str(BIN / "python"), "deploy/ensure_database.py"], cwd=ROOT, env=ENV, check=True
    )
    manage("migrate", "--no-input", "-v0")
    subprocess.run(["deploy/collect_static.sh"], cwd=ROOT, env={**ENV, "BIN": str(BIN)}, check=True)
    # A fresh class each run: every card new, no attempts, no lockout left from before.
    import redis

    redis.Redis.from_url(ENV["REDIS_URL"]).flushdb()
    build_school(
        "--rebuild",
        "--students",
        str(2 * USERS),  # students, and as many signed-in users for the bare view
        "--classes",
        "1",
        "--questions",
        "500",
        "--responses",
        "0",
    )


STORED_ROWS = """
from django.db.models import Q
from quizapp.study.models import Response, ReviewLog
students = Q(student__username__startswith="school-student-")
print(Response.objects.filter(attempt__student__username__startswith="school-student-").count(),
      ReviewLog.objects.filter(students, source="flashcard").count())
"""


def stored_rows() -> tuple[int, int]:
    """(quiz responses, flashcard reviews) stored for the bench's students."""
    answers, reviews = manage("shell", "-v0", "-c", STORED_ROWS).split()[-2:]
    return int(answers), int(reviews)


def start_server(env: dict = ENV) -> subprocess.Popen:
    """gunicorn with the production settings on `env`'s GUNICORN_BIND, once it answers."""
    bind = env["GUNICORN_BIND"]
    host, port = bind.rsplit(":", 1)
    with socket.socket() as probe:
        if probe.connect_ex((host, int(port))) == 0:
            sys.exit(f"Port {port} is in use; set BENCH_PORT to a free one.")
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "quizapp.wsgi:application", "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(60):
        try:
            with urllib.request.urlopen(f"http://{bind}/bench/bare/", timeout=2) as reply:
                if reply.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    stop_server(server)
    sys.exit(f"gunicorn did not answer on http://{bind}")


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def locust(
    users: list[str],
    total: int,
    seconds: int,
    wait: tuple[float, float],
    spawn: float,
    host: str = HOST,
    extra_env: dict | None = None,
):
    """One headless locust run; returns what the locustfile counted."""
    usernames = ",".join(f"school-student-{i:04}" for i in range(2 * USERS))
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        counts_file = out.name
    env = {
        **os.environ,
        **(extra_env or {}),
        "BENCH_USERNAMES": usernames,
        "BENCH_WAIT_MIN": str(wait[0]),
        "BENCH_WAIT_MAX": str(wait[1]),
        "BENCH_COUNTS_FILE": counts_file,
        "BENCH_MEASURE_SECONDS": str(seconds),
    }
    ramp = total / spawn
    command = [
        str(BIN / "locust"),
        "-f",
        str(HERE / "locustfile.py"),
        "--headless",
        "--only-summary",
        "--host",
        host,
        "--users",
        str(total),
        "--spawn-rate",
        str(spawn),
        "--run-time",
        # A cap only: the locustfile stops the run once `seconds` have been measured.
        f"{int(ramp + seconds + 180)}s",
        "--stop-timeout",
        "10",
        "--loglevel",
        "ERROR",
        *users,
    ]
    done = subprocess.run(command, cwd=HERE, env=env, capture_output=True, text=True)
    if not Path(counts_file).stat().st_size:
        sys.exit(f"locust wrote no figures:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    with open(counts_file) as data:
        result = json.load(data)
    os.unlink(counts_file)
    return result


def combined(results: list[dict]) -> dict:
    """Several locust runs of one kind as one: their requests, errors and seconds added up."""
    total = {"counts": {}, "timings": {}, "errors": {}, "seconds": 0.0}
    for result in results:
        total["seconds"] += result["seconds"]
        for key in ("counts", "timings", "errors"):
            for name, value in result[key].items():
                total[key][name] = total[key].get(name, type(value)()) + value
    return total


def rate(result: dict, group: str) -> float:
    """Requests per second of one group of a run."""
    return len(result["timings"][group]) / result["seconds"] if result["seconds"] else 0.0


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def latency_row(label: str, values: list[float], errors: int, seconds: float) -> str:
    rate = len(values) / seconds if seconds else float("nan")
    return (
        f"  {label:36} {len(values):>7} {rate:>8.1f} {percentile(values, 0.5):>7.0f} "
        f"{percentile(values, 0.95):>7.0f} {percentile(values, 0.99):>7.0f} {errors:>6}"
    )


def main() -> int:
    prepare()
    answers_before, reviews_before = stored_rows()
    server = start_server()
    try:
        print(
            f"Rush: {USERS} students and {USERS} signed-in bare-view users, pauses 1-5 s, "
            f"{RUSH_SECONDS} s measured...",
            flush=True,
        )
        rush = locust(["Student", "Bare"], 2 * USERS, RUSH_SECONDS, (1, 5), SPAWN_RATE)
        print(
            f"Throughput: {USERS} users, no pauses: bare view anonymous, then {ROUNDS} rounds of "
            f"bare view signed in and answering ({CAPACITY_SECONDS} s each)...",
            flush=True,
        )
        anonymous = locust(["AnonymousBare"], USERS, CAPACITY_SECONDS, (0, 0), 50)
        rounds = []
        for _ in range(ROUNDS):
            bare_round = locust(["Bare"], USERS, CAPACITY_SECONDS, (0, 0), SPAWN_RATE)
            answering_round = locust(["Answerer"], USERS, CAPACITY_SECONDS, (0, 0), SPAWN_RATE)
            rounds.append((bare_round, answering_round))
    finally:
        stop_server(server)
    answers_after, reviews_after = stored_rows()

    bare, answering = combined([r[0] for r in rounds]), combined([r[1] for r in rounds])
    phases = (("rush", rush), ("anonymous", anonymous), ("bare", bare), ("answering", answering))
    for name, result in phases:
        if not result["seconds"]:
            problems = "\n".join(result["counts"]["unexpected"]) or "none recorded"
            sys.exit(f"The {name} phase measured nothing (errors: {result['errors']}).\n{problems}")
    accepted_answers = sum(r["counts"]["answers_accepted"] for r in (rush, answering))
    accepted_reviews = rush["counts"]["reviews_accepted"]
    lost_answers = accepted_answers - (answers_after - answers_before)
    lost_reviews = accepted_reviews - (reviews_after - reviews_before)
    errors = sum(sum(r["errors"].values()) for _, r in phases)
    student = rush["timings"]["student"]
    p95 = percentile(student, 0.95)
    ratio = rate(answering, "student") / rate(bare, "bare")
    answers_rate = rate(answering, "answer")
    round_ratios = [rate(a, "student") / rate(b, "bare") for b, a in rounds]

    columns = ("reqs", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors")
    header = f"  {'':36} " + " ".join(f"{c:>{max(len(c), 7)}}" for c in columns)

    def row(label: str, result: dict, group: str, timings: str | None = None) -> str:
        values = result["timings"][timings or group]
        return latency_row(label, values, result["errors"][group], result["seconds"])

    print(
        f"\nRush: {USERS} students + {USERS} signed-in bare-view users, pauses 1-5 s, "
        f"{rush['seconds']:.0f} s measured after every sign-in"
    )
    print(header)
    print(row("students: every request", rush, "student"))
    print(row("students: quiz answers only", rush, "student", "answer"))
    print(row("bare view", rush, "bare"))
    print(row("sign-in (slow hash, on purpose)", rush, "login"))
    print(
        f"\nThroughput: {USERS} users each, no pauses, one kind at a time "
        f"({ROUNDS} rounds of {CAPACITY_SECONDS} s for the last two)"
    )
    print(header)
    print(row("bare view, anonymous (for reference)", anonymous, "bare"))
    print(row("bare view, signed in", bare, "bare"))
    print(row("answering (answer, next question)", answering, "student"))
    print(f"  answers stored per second while answering: {answers_rate:.1f}")
    spread = ", ".join(f"{r:.2f}" for r in round_ratios)
    print(f"  answering / bare view, round by round: {spread}\n")
    checks = [
        (
            f"answering / signed-in bare view throughput = {ratio:.2f}",
            ratio >= TARGET_RATIO,
            f">= {TARGET_RATIO}",
        ),
        (
            f"student p95 in the rush = {p95:.0f} ms",
            p95 <= TARGET_P95_MS,
            f"<= {TARGET_P95_MS:.0f} ms",
        ),
        (f"errors = {errors}", errors == 0, "= 0"),
        (
            f"lost answers = {lost_answers} ({accepted_answers} accepted, "
            f"{answers_after - answers_before} stored)",
            lost_answers == 0,
            "= 0",
        ),
        (
            f"lost reviews = {lost_reviews} ({accepted_reviews} accepted, "
            f"{reviews_after - reviews_before} stored)",
            lost_reviews == 0,
            "= 0",
        ),
    ]
    for text, ok, target in checks:
        print(f"  {'ok  ' if ok else 'MISS'} {text:70} target {target}")
    problems = [p for _, r in phases for p in r["counts"]["unexpected"]]
    for problem in problems[:10]:
        print(f"  unexpected reply: {problem}")
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
