"""`make bench-capacity`: how many students one server holds, by a step test.

1. Prepares its own database (`BENCH_CAPACITY_DATABASE_URL`, default quizapp_bench_capacity;
   built once, reused after, `BENCH_REBUILD=1` to start afresh): a school of as many
   students as the largest step, in classes of 40, with a quiz, decks, and a library grown
   to `BENCH_LIBRARY` documents (default 2,000), and a session for every student made
   beforehand, so sign-in (slow on purpose) is not what is measured.
2. Starts gunicorn with the production settings (as `make serve` does) on `BENCH_CAPACITY_PORT`.
3. For each step (`BENCH_STEPS`, default 100, 200, 400, 800 students at once): students who
   each click every 5 s on average (a pause of 1 to 9 s): show a card's answer and rate it
   (the rating's reply refreshes the due badge), answer a question and ask for the next
   one, and now and then open their progress page. `BENCH_STEP_SECONDS` (default 60) are
   measured once every student has started.
4. Prints p50/p95/p99 and errors per step, and the largest number held: the last step
   before the first with a p95 above 150 ms or an error. Exits 1 if that is under 400.
"""

from __future__ import annotations

import os
import runpy
import statistics
import sys
import time

import psutil
import psycopg

from benchmarks.load import run as load

STEPS = [int(n) for n in os.environ.get("BENCH_STEPS", "100,200,400,800").split(",")]
STEP_SECONDS = int(os.environ.get("BENCH_STEP_SECONDS", "60"))
LIBRARY = int(os.environ.get("BENCH_LIBRARY", "2000"))
PAUSE = (1.0, 9.0)  # seconds between a student's clicks: 5 on average
CLASS_SIZE = 40
TARGET_STUDENTS, TARGET_P95_MS = 400, 150.0
PORT = int(os.environ.get("BENCH_CAPACITY_PORT", str(load.PORT + 1)))

# Settings for the server's maintenance database, and a database's name.
_server = runpy.run_path(str(load.ROOT / "deploy" / "ensure_database.py"))["server_conninfo"]

ENV = {
    **load.ENV,
    "DATABASE_URL": os.environ.get(
        "BENCH_CAPACITY_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/quizapp_bench_capacity"
    ),
    "GUNICORN_BIND": f"127.0.0.1:{PORT}",
}

SESSIONS = """
from django.contrib.auth.models import User
from django.test import Client
keys = []
for user in User.objects.filter(username__startswith="school-student-").order_by("username")[:{n}]:
    client = Client()
    client.force_login(user)
    keys.append(client.cookies["sessionid"].value)
print(",".join(keys))
"""


def prepare() -> list[str]:
    """The database, static files and school; returns a fresh session key per student."""
    students = -(-max(STEPS) // CLASS_SIZE) * CLASS_SIZE
    print(f"Preparing a school of {students} students (reused once built)...", flush=True)
    load.subprocess.run(
        [str(load.BIN / "python"), "deploy/ensure_database.py"], cwd=load.ROOT, env=ENV, check=True
    )
    load.manage("migrate", "--no-input", "-v0", env=ENV)
    load.subprocess.run(
        ["deploy/collect_static.sh"], cwd=load.ROOT, env={**ENV, "BIN": str(load.BIN)}, check=True
    )
    import redis

    redis.Redis.from_url(ENV["REDIS_URL"]).flushdb()  # no session or lockout left from before
    school = ["--students", str(students), "--classes", str(students // CLASS_SIZE)]
    school += ["--questions", "500", "--quizzes-per-class", "2", "--responses", "0"]
    school += ["--library", str(LIBRARY)]
    if os.environ.get("BENCH_REBUILD") == "1":
        school.append("--rebuild")
    load.build_school(*school, env=ENV)
    return (
        load.manage("shell", "-v0", "-c", SESSIONS.format(n=students), env=ENV)
        .split()[-1]
        .split(",")
    )


def server_cpu_seconds(server_pid: int) -> float:
    """CPU seconds used so far by gunicorn (master and workers) and by the PostgreSQL
    backends serving the bench database: what one app server's requests cost, whatever
    else the machine is running."""
    conninfo, name = _server(ENV["DATABASE_URL"])
    with psycopg.connect(**conninfo) as conn:
        rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [name])
        backends = [pid for (pid,) in rows]
    master = psutil.Process(server_pid)
    total = 0.0
    for process in [master, *master.children(recursive=True), *map(psutil.Process, backends)]:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue  # ended meanwhile
        total += times.user + times.system
    return total


def step(students: int, sessions: list[str], server_pid: int) -> dict:
    """One step: `students` paced students for STEP_SECONDS; what the locustfile counted,
    with the server's CPU seconds over the whole step (`cpu_seconds`)."""
    spawn = max(students / 10, 10)  # everyone started within about ten seconds
    before = server_cpu_seconds(server_pid)
    result = load.locust(
        ["PacedStudent"],
        students,
        STEP_SECONDS,
        PAUSE,
        spawn,
        host=f"http://127.0.0.1:{PORT}",
        extra_env={"BENCH_SESSIONS": ",".join(sessions), "BENCH_SETTLE_SECONDS": "10"},
    )
    result["cpu_seconds"] = server_cpu_seconds(server_pid) - before
    return result


def report(results: list[tuple[int, dict]]) -> int:
    """The table of steps and the verdict; returns the exit status."""
    load_avg = os.getloadavg()
    print(
        f"\nCapacity, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} (load average "
        f"{load_avg[0]:.2f} {load_avg[1]:.2f} {load_avg[2]:.2f}): students clicking every "
        f"{sum(PAUSE) / 2:.0f} s on average, {STEP_SECONDS} s measured per step, "
        f"{os.cpu_count()} cores, a {LIBRARY:,}-document library"
    )
    print(f"  {'students':>8} {'reqs':>7} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
          f"{'errors':>6} {'CPU ms/req':>10}  held")  # fmt: skip
    demands = []
    held, failed, rates = 0, False, []
    for students, result in results:
        timings = result["timings"]["student"]
        errors = result["errors"]["student"] + result["errors"]["login"]
        p95 = load.percentile(timings, 0.95)
        ok = bool(timings) and p95 <= TARGET_P95_MS and errors == 0
        failed |= not ok
        if not failed:  # held: this step and every smaller one
            held = students
        rate = len(timings) / result["seconds"] if result["seconds"] else 0.0
        requests = result["counts"]["requests"]
        if result["seconds"]:
            rates.append(len(timings) / result["seconds"] / students)
        demand = 1000 * result["cpu_seconds"] / requests if requests else float("nan")
        if requests:
            demands.append(demand)
        print(
            f"  {students:>8} {len(timings):>7} {rate:>7.1f} "
            f"{load.percentile(timings, 0.5):>7.0f} {p95:>7.0f} "
            f"{load.percentile(timings, 0.99):>7.0f} {errors:>6} {demand:>10.1f}  "
            f"{'yes' if ok else 'no'}"
        )
        for problem in result["counts"]["unexpected"][:3]:
            print(f"      unexpected reply: {problem}")
    if demands and rates:
        # Requests a student makes per second, and the server CPU each costs: how many
        # students a core carries while busy at most 70% of the time (queues stay short).
        per_student = max(rates)  # the step least slowed by queueing
        demand = statistics.median(demands)
        per_core = 0.7 * 1000 / demand / per_student
        print(
            f"\n  server CPU (gunicorn and its PostgreSQL backends): {demand:.1f} ms a request, "
            f"{per_student:.2f} requests a second per student: {per_core:.0f} students per "
            f"core at 70% CPU (whatever else the machine runs)"
        )
    met = held >= TARGET_STUDENTS
    print(
        f"\n  {'ok  ' if met else 'MISS'} largest step held (p95 <= {TARGET_P95_MS:.0f} ms, "
        f"no errors): {held} students, {held / (os.cpu_count() or 1):.0f} per core"
        f"   target >= {TARGET_STUDENTS}"
    )
    return 0 if met else 1


def main() -> int:
    sessions = prepare()
    server = load.start_server(ENV)
    results = []
    try:
        for students in STEPS:
            print(f"Step: {students} students, {STEP_SECONDS} s measured...", flush=True)
            results.append((students, step(students, sessions, server.pid)))
    finally:
        load.stop_server(server)
    return report(results)


if __name__ == "__main__":
    sys.exit(main())
