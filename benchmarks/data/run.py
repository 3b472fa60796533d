"""`make bench-data`: the class report and a student's progress page at school scale.

Builds (once) a synthetic school in its own PostgreSQL database (`BENCH_SCHOOL_DATABASE_URL`,
default quizapp_school): 2,000 students, 40 classes, 5,000 questions, 1,000,000 responses.
Then, with the production settings, renders each page several times through Django's test
client (the whole view: queries, Python and template), prints the render times against the
300 ms target, and prints the PostgreSQL plan (EXPLAIN ANALYZE) of every query the pages run.
"""

from __future__ import annotations

import gc
import os
import runpy
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("BIN", ROOT / ".venv" / "bin")).resolve()
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
TARGET_MS = 300.0
CLASS_CODE = os.environ.get("BENCH_CLASS", "SCHOOL00")
STUDENT = os.environ.get("BENCH_STUDENT", "school-student-0000")

os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "quizapp.settings.production",
        "DATABASE_URL": os.environ.get(
            "BENCH_SCHOOL_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/quizapp_school"
        ),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2"),
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
    }
)


def prepare() -> None:
    """Database, schema, static files (the pages link hashed names) and the school."""
    python = str(BIN / "python")
    subprocess.run([python, "deploy/ensure_database.py"], cwd=ROOT, check=True)
    subprocess.run([python, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, check=True)
    subprocess.run(
        ["deploy/collect_static.sh"], cwd=ROOT, env={**os.environ, "BIN": str(BIN)}, check=True
    )
    subprocess.run([python, "manage.py", "build_school"], cwd=ROOT, check=True)


def render_times(client, url: str) -> list[float]:
    """Milliseconds for each of RUNS renders of `url`, after one warm-up render."""
    response = client.get(url)
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code}; is the school built?")
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return times


def explain(client, url: str) -> None:
    """Print every query one render of `url` runs, with its PostgreSQL plan."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    selects = [
        q for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")
    ]
    total = sum(float(q["time"]) for q in captured.captured_queries) * 1000
    print(f"\n=== {url}: {len(captured.captured_queries)} queries, {total:.0f} ms in the database")
    with connection.cursor() as cursor:
        for number, query in enumerate(selects, 1):
            sql = query["sql"]
            print(
                f"\n--- query {number} ({float(query['time']) * 1000:.1f} ms): "
                f"{sql[:300]}{'...' if len(sql) > 300 else ''}"
            )
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}")
            for (line,) in cursor.fetchall():
                # Long IN (...) lists say nothing about the plan; keep lines readable.
                print(f"    {line[:160]}{'...' if len(line) > 160 else ''}")


def main() -> int:
    prepare()
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.test import Client

    from quizapp.classes.models import Classroom
    from quizapp.study.models import Response

    classroom = Classroom.objects.select_related("teacher").get(join_code=CLASS_CODE)
    student = User.objects.get(username=STUDENT)
    teacher_client, student_client = Client(), Client()
    teacher_client.force_login(classroom.teacher)
    student_client.force_login(student)
    pages = [
        (
            f"class report ({classroom.enrollments.count()} students)",
            teacher_client,
            f"/classes/{classroom.join_code}/report/",
        ),
        (
            f"progress page ({student.memory_states.count()} items studied)",
            student_client,
            "/progress/",
        ),
    ]
    for _, client, url in pages:
        explain(client, url)
    # Render as a production worker does: gunicorn freezes what it loaded before forking and
    # raises the collection thresholds (deploy/gunicorn.conf.py).
    gc.collect()
    gc.freeze()
    gc.set_threshold(*runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))["GC_THRESHOLD"])

    print(f"\nSchool: {Response.objects.count():,} responses, {User.objects.count():,} users.")
    print(f"{'page':44} {'median ms':>10} {'max ms':>8}  target")
    ok = True
    for label, client, url in pages:
        times = render_times(client, url)
        median = statistics.median(times)
        ok &= median <= TARGET_MS
        verdict = "ok" if median <= TARGET_MS else "MISS"
        print(f"{label:44} {median:>10.0f} {max(times):>8.0f}  <= {TARGET_MS:.0f} ms {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
