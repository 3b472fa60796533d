"""`make bench-data`: every student page and the class report, with a small and a large library.

Builds (once; later runs reuse them) two PostgreSQL databases holding the same synthetic
school: 2,000 students in 40 classes, 1,000,000 quiz answers over 50 documents. The first
(`BENCH_SCHOOL_DATABASE_URL`, default quizapp_school) has only those 50 documents in its
library; the second (the same name + `_library`) is a copy whose library grew to 2,000
documents (40,000 flashcards, 100,000 questions) that no class uses.

Then, with the production settings, it renders each page through Django's test client (the
whole view: queries, Python and template) in a process per database, the two databases
taking turns (`BENCH_ROUNDS` rounds of `BENCH_RUNS` renders), and prints the median and
maximum render time, the queries each page runs, and any sequential scan of a large table
in their PostgreSQL plans (`BENCH_EXPLAIN=1` prints every plan). Exits 1 if a target is
missed: each student page at most 100 ms median with the large library and within 20% of
its time with the small one; the class report at most 250 ms median.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import runpy
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("BIN", ROOT / ".venv" / "bin")).resolve()
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
CLASS_CODE = os.environ.get("BENCH_CLASS", "SCHOOL00")
STUDENT = os.environ.get("BENCH_STUDENT", "school-student-0000")
SMALL_LIBRARY = int(os.environ.get("BENCH_SMALL_LIBRARY", "50"))
LARGE_LIBRARY = int(os.environ.get("BENCH_LIBRARY", "2000"))
RESPONSES = os.environ.get("BENCH_RESPONSES", "1000000")
STUDENT_TARGET_MS, GROWTH_TARGET, REPORT_TARGET_MS = 100.0, 1.2, 250.0
# Tables whose size follows the library or the school: a page must reach them by an index.
LARGE_TABLES = (
    "content_flashcard",
    "content_question",
    "content_choice",
    "study_memorystate",
    "study_response",
    "study_reviewlog",
)
SMALL_URL = os.environ.get(
    "BENCH_SCHOOL_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/quizapp_school"
)
LARGE_URL = re.sub(r"(/[^/?]+)(\?.*)?$", r"\1_library\2", SMALL_URL)

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "quizapp.settings.production",
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2"),
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
}


# --- building the two databases -------------------------------------------------


# Settings for the server's maintenance database, and the database's name.
_server = runpy.run_path(str(ROOT / "deploy" / "ensure_database.py"))["server_conninfo"]


def _exists(url: str) -> bool:
    conninfo, name = _server(url)
    with psycopg.connect(**conninfo) as conn:
        return bool(conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone())


def _drop(url: str) -> None:
    conninfo, name = _server(url)
    with psycopg.connect(**conninfo) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def _copy(source: str, target: str) -> None:
    """Create `target` as a file-level copy of `source` (seconds, where a build takes minutes)."""
    conninfo, source_name = _server(source)
    _, target_name = _server(target)
    with psycopg.connect(**conninfo) as conn:
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(target_name), sql.Identifier(source_name)
            )
        )


def _run(url: str, *args: str) -> None:
    subprocess.run(
        [str(BIN / "python"), *args], cwd=ROOT, env={**ENV, "DATABASE_URL": url}, check=True
    )


def build_school(url: str, library: int) -> None:
    """Schema and school in `url` (built if missing), its library grown to `library`."""
    _run(url, "deploy/ensure_database.py")
    _run(url, "manage.py", "migrate", "--no-input", "-v0")
    _run(
        url,
        "-m",
        "benchmarks.data.build_school",
        "--questions",
        str(SMALL_LIBRARY * 50),
        "--responses",
        RESPONSES,
        "--library",
        str(library),
    )


def prepare() -> None:
    """Both databases, built or reused, and the static files the pages link."""
    if os.environ.get("BENCH_REBUILD") == "1":
        for url in (LARGE_URL, SMALL_URL):
            _drop(url)
    started = time.monotonic()
    print(
        f"School with a {SMALL_LIBRARY}-document library ({_server(SMALL_URL)[1]})...", flush=True
    )
    build_school(SMALL_URL, SMALL_LIBRARY)
    if not _exists(LARGE_URL):
        print(f"Copying it to {_server(LARGE_URL)[1]}...", flush=True)
        _copy(SMALL_URL, LARGE_URL)
    print(f"The copy with a {LARGE_LIBRARY:,}-document library...", flush=True)
    build_school(LARGE_URL, LARGE_LIBRARY)
    print(f"Schools ready in {time.monotonic() - started:.0f} s.", flush=True)
    subprocess.run(
        ["deploy/collect_static.sh"],
        cwd=ROOT,
        env={**ENV, "DATABASE_URL": SMALL_URL, "BIN": str(BIN)},
        check=True,
    )


# --- measuring, in a process per database -------------------------------------------


def _open_attempt(client, student, classroom) -> str:
    """The URL of an unfinished attempt of the student at one of the class's quizzes."""
    from quizapp.study.models import Attempt

    assignment = classroom.assignments.filter(quiz__isnull=False).select_related("quiz").first()
    attempt = Attempt.objects.filter(
        student=student, quiz=assignment.quiz, finished_at__isnull=True
    ).first()
    if attempt is None:
        response = client.post(f"/quizzes/{assignment.quiz.slug}/")
        if response.status_code != 302:
            sys.exit(
                f"Could not start an attempt at {assignment.quiz.slug}: {response.status_code}"
            )
        return response["Location"]
    return f"/attempts/{attempt.pk}/"


def _pages():
    """(label, client, url, headers) of every page measured."""
    from django.contrib.auth.models import User
    from django.test import Client

    from quizapp.classes.models import Classroom

    classroom = Classroom.objects.select_related("teacher").get(join_code=CLASS_CODE)
    student = User.objects.get(username=STUDENT)
    teacher_client, student_client = Client(), Client()
    teacher_client.force_login(classroom.teacher)
    student_client.force_login(student)
    htmx = {"HTTP_HX_REQUEST": "true"}
    return [
        ("home", student_client, "/", {}),
        ("library (first page)", student_client, "/library/", {}),
        # The same ten titles match in both libraries ("... reading 0010" to "0019"), so the
        # figure compares the cost of searching 50 and 2,000 titles, not of listing 5 and 25.
        ("library search", student_client, "/library/?q=reading+001", {}),
        ("review (everything due)", student_client, "/review/", {}),
        (
            "quiz step (attempt page)",
            student_client,
            _open_attempt(student_client, student, classroom),
            {},
        ),
        (
            "quiz step (htmx fragment)",
            student_client,
            _open_attempt(student_client, student, classroom),
            htmx,
        ),
        ("progress", student_client, "/progress/", {}),
        ("due badge (htmx)", student_client, "/due-badge/", htmx),
        (
            f"class report ({classroom.enrollments.count()} students)",
            teacher_client,
            f"/classes/{classroom.join_code}/report/",
            {},
        ),
    ]


def seq_scans(plan: dict, tables=LARGE_TABLES) -> set[str]:
    """The `tables` a PostgreSQL plan (EXPLAIN's JSON "Plan") reads with a sequential scan."""
    found = set()
    if plan.get("Node Type") == "Seq Scan" and plan.get("Relation Name") in tables:
        found.add(plan["Relation Name"])
    for child in plan.get("Plans", []):
        found |= seq_scans(child, tables)
    return found


def _queries(client, url: str, headers: dict) -> dict:
    """The queries one render runs: how many, their time, and the large tables scanned whole."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url, **headers)
    queries = captured.captured_queries
    scans: set[str] = set()
    with connection.cursor() as cursor:
        for query in queries:
            if not query["sql"].lstrip().upper().startswith("SELECT"):
                continue
            if os.environ.get("BENCH_EXPLAIN") == "1":
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {query['sql']}")
                print(f"\n--- {url} ({float(query['time']) * 1000:.1f} ms): {query['sql'][:300]}")
                for (line,) in cursor.fetchall():
                    print(f"    {line[:160]}")
            cursor.execute(f"EXPLAIN (FORMAT JSON) {query['sql']}")
            scans |= seq_scans(cursor.fetchone()[0][0]["Plan"])
    return {
        "queries": len(queries),
        "db_ms": sum(float(q["time"]) for q in queries) * 1000,
        "seq_scans": sorted(scans),
    }


def measure(out: str) -> None:
    """Render every page RUNS times (after a warm-up) and write the figures to `out`."""
    import django

    django.setup()
    from quizapp.content.models import Document

    results = {"documents": Document.objects.count(), "pages": {}}
    pages = []
    for label, client, url, headers in _pages():
        if client.get(url, **headers).status_code == 404:
            continue  # a page this version of the app does not have
        pages.append((label, client, url, headers))
        results["pages"][label] = _queries(client, url, headers)
    # Render as a production worker does: gunicorn freezes what it loaded before forking and
    # raises the collection thresholds (deploy/gunicorn.conf.py).
    gc.collect()
    gc.freeze()
    gc.set_threshold(*runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))["GC_THRESHOLD"])
    for label, client, url, headers in pages:
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            response = client.get(url, **headers)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                sys.exit(f"{url} answered {response.status_code}")
        results["pages"][label]["times"] = times
    Path(out).write_text(json.dumps(results))


# --- the report -------------------------------------------------------------------


def _measure_in(url: str) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        _run(url, str(Path(__file__).resolve()), "--measure", out.name)
        return json.loads(Path(out.name).read_text())


def _merge(rounds: list[dict]) -> dict:
    merged = rounds[0]
    for extra in rounds[1:]:
        for label, page in extra["pages"].items():
            merged["pages"][label]["times"] += page["times"]
    return merged


def main() -> int:
    prepare()
    small_rounds, large_rounds = [], []
    for number in range(1, ROUNDS + 1):
        print(f"Round {number}/{ROUNDS}: rendering with each library...", flush=True)
        small_rounds.append(_measure_in(SMALL_URL))
        large_rounds.append(_measure_in(LARGE_URL))
    small, large = _merge(small_rounds), _merge(large_rounds)
    load = os.getloadavg()
    print(
        f"\n{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {ROUNDS} x {RUNS} renders per page "
        f"and library, the two libraries taking turns."
    )
    heading = f"{small['documents']:,} documents"
    heading2 = f"{large['documents']:,} documents"
    print(
        f"\n{'page':36} {heading:>18} {heading2:>18} {'ratio':>6} {'queries':>8}  "
        f"{'seq scans (large library)':26} target"
    )
    print(f"{'':36} {'median / max ms':>18} {'median / max ms':>18}")
    ok = True
    for label, big in large["pages"].items():
        little = small["pages"].get(label)
        big_median = statistics.median(big["times"])
        cell_big = f"{big_median:.0f} / {max(big['times']):.0f}"
        if little:
            little_median = statistics.median(little["times"])
            cell_small = f"{little_median:.0f} / {max(little['times']):.0f}"
            ratio = big_median / little_median
        else:
            cell_small, ratio = "-", float("nan")
        queries = f"{little['queries'] if little else '-'}/{big['queries']}"
        if label.startswith("class report"):
            met = big_median <= REPORT_TARGET_MS
            target = f"<= {REPORT_TARGET_MS:.0f} ms"
        else:
            met = big_median <= STUDENT_TARGET_MS and (not little or ratio <= GROWTH_TARGET)
            target = f"<= {STUDENT_TARGET_MS:.0f} ms, x{GROWTH_TARGET}"
        ok &= met
        scans = ", ".join(t.split("_", 1)[1] for t in big["seq_scans"]) or "none"
        print(
            f"{label:36} {cell_small:>18} {cell_big:>18} {ratio:>6.2f} {queries:>8}  "
            f"{scans:26} {target} {'ok' if met else 'MISS'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", metavar="JSON", help="(internal) measure one database")
    arguments = parser.parse_args()
    if arguments.measure:
        measure(arguments.measure)
        sys.exit(0)
    sys.exit(main())
