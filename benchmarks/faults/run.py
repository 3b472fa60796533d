"""`make faults`: the production configuration kept working through faults, scenario by scenario.

Starts a private PostgreSQL cluster and a private Redis of its own (ports FAULTS_PG_PORT and
FAULTS_REDIS_PORT, 5499 and 6399 by default), so the machine's own servers are never
touched, builds a small school there, and runs `deploy/serve.sh` (gunicorn, production
settings) on FAULTS_PORT. Simulated students sign in, answer quiz questions and rate
flashcards the way the pages' htmx does, retrying what was not acknowledged as a student
would (the form keeps the answer), while each scenario breaks something:

1. Redis stopped, then started again (empty).
2. Redis stalled (SIGSTOP: connections are accepted, nothing answers), then resumed.
3. PostgreSQL stopped (`pg_ctl stop -m fast`), then started again.
4. A gunicorn worker SIGKILLed three times under answering and reviewing load.
5. `manage.py ingest` SIGKILLed in the middle of a folder, then run again.

Prints per scenario: requests tried, status codes seen, the slowest answer during the
fault, time to recover, answers and reviews acknowledged versus stored; then whether each
promise held. Exits 1 if any promise broke.

    .venv/bin/python benchmarks/faults/run.py      (or: make faults)
"""

from __future__ import annotations

import collections
import contextlib
import glob
import json
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import requests

from quizapp.ops.private_redis import PrivateRedis

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks" / "load"))
from page_patterns import (  # noqa: E402 - the load benchmark's, beside its locustfile
    ATTEMPT,
    CARD,
    CHOICE,
    CSRF_FIELD,
    CSRF_HEADER,
    HTMX,
    QUESTION,
    REVEAL,
    SHOWN,
)

BIN = Path(os.environ.get("BIN", ROOT / ".venv" / "bin")).resolve()
PG_PORT = int(os.environ.get("FAULTS_PG_PORT", "5499"))
REDIS_PORT = int(os.environ.get("FAULTS_REDIS_PORT", "6399"))
PORT = int(os.environ.get("FAULTS_PORT", "8500"))
HOST = f"http://127.0.0.1:{PORT}"
STUDENTS = int(os.environ.get("FAULTS_STUDENTS", "8"))
FAULT_SECONDS = float(os.environ.get("FAULTS_SECONDS", "8"))
WORKERS = int(os.environ.get("WEB_CONCURRENCY", "3"))
DATABASE = "quizapp_faults"
DATABASE_URL = f"postgres://postgres@127.0.0.1:{PG_PORT}/{DATABASE}"
PAGE_LIMIT_SECONDS = 5.0  # every answer during a PostgreSQL outage comes within this
SOCKET_TIMEOUT = float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.5"))
RECOVERY_LIMIT_SECONDS = 15.0

ENV = {
    **os.environ,
    "BIN": str(BIN),
    "DJANGO_SETTINGS_MODULE": "quizapp.settings.production",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "HOST": "127.0.0.1",
    "PORT": str(PORT),
    "SERVE_SEED": "0",
    "WEB_CONCURRENCY": str(WORKERS),
    # Generous limits: the scenarios measure faults, not rate limiting.
    "QUIZAPP_ANSWER_RATE": "10000/min",
    "QUIZAPP_REVIEW_RATE": "10000/min",
}


# --- private servers ------------------------------------------------------------------


def run_as_postgres(args: list[str], cwd: str) -> subprocess.CompletedProcess:
    """PostgreSQL's tools refuse to run as root; run them as the postgres user then."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run(prefix + args, cwd=cwd, capture_output=True, text=True, check=True)


class PrivatePostgres:
    def __init__(self, folder: str):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        self.bindir = Path(found[-1]).parent if found else Path(shutil.which("pg_ctl")).parent
        self.folder = folder
        self.data = os.path.join(folder, "data")
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres")

    def init(self) -> None:
        run_as_postgres(
            [str(self.bindir / "initdb"), "-D", self.data, "-U", "postgres", "-A", "trust"]
            + ["--no-sync", "-E", "UTF8"],
            self.folder,
        )

    def start(self) -> None:
        options = f"-p {PG_PORT} -k {self.folder} -c listen_addresses=127.0.0.1"
        run_as_postgres(
            [str(self.bindir / "pg_ctl"), "-D", self.data, "-o", options, "-w", "-l"]
            + [os.path.join(self.folder, "postgres.log"), "start"],
            self.folder,
        )

    def stop(self) -> None:
        run_as_postgres(
            [str(self.bindir / "pg_ctl"), "-D", self.data, "-m", "fast", "-w", "stop"], self.folder
        )


def wait_for(check, seconds: float, what: str, every: float = 0.1) -> float:
    """Seconds until `check()` is true; stops the run if it never is."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if check():
            return time.monotonic() - started
        time.sleep(every)
    raise SystemExit(f"Gave up waiting for {what} after {seconds:.0f} s.")


def manage(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=ENV, capture_output=True, text=True
    )
    if check and done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done


def build_school(*args: str) -> None:
    """Build the synthetic school (benchmarks/data/build_school.py) in the faults database."""
    done = subprocess.run(
        [str(BIN / "python"), "-m", "benchmarks.data.build_school", *args],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"build_school {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


def sql(query: str, *params):
    with psycopg.connect(DATABASE_URL.replace("postgres://", "postgresql://")) as conn:
        return conn.execute(query, params).fetchall()


# --- simulated students ---------------------------------------------------------------


@dataclass
class Tally:
    """What the clients saw in one scenario."""

    requests: list[tuple[float, float, str, str]] = field(default_factory=list)
    answers: set[tuple[int, int]] = field(default_factory=set)  # (attempt, question) acked
    reviews: int = 0
    unknown_answers: set[tuple[int, int]] = field(default_factory=set)
    unknown_reviews: int = 0
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, problem: str) -> None:
        with self.lock:
            if len(self.problems) < 20:
                self.problems.append(problem[:300])


class Student:
    """Signs in, then answers questions and rates cards; keeps what was not acknowledged."""

    def __init__(self, username: str, tally: Tally, pause: tuple[float, float]):
        self.username = username
        self.tally = tally
        self.pause = pause
        self.http = requests.Session()
        self.csrf = ""
        self.attempt = None
        self.step = ""
        self.pending_answer: dict | None = None  # sent, not acknowledged: send again
        self.pending_review: dict | None = None
        self.card_page = ""

    def request(self, method: str, path: str, kind: str, **kwargs):
        started = time.monotonic()
        try:
            response = self.http.request(method, HOST + path, timeout=20, **kwargs)
            status = str(response.status_code)
        except requests.RequestException:
            response, status = None, "no answer"
        with self.tally.lock:
            self.tally.requests.append((started, time.monotonic() - started, status, kind))
        if response is not None and response.status_code == 503:
            self.check_unavailable(path, response)
        return response

    def check_unavailable(self, path: str, response) -> None:
        """The 503 says what it is: JSON under /api/, the plain page elsewhere, Retry-After."""
        kind = response.headers.get("Content-Type", "")
        if not response.headers.get("Retry-After"):
            self.tally.note(f"503 without Retry-After on {path}")
        elif path.startswith("/api/") and not kind.startswith("application/json"):
            self.tally.note(f"503 on {path} is not JSON")
        elif not path.startswith("/api/") and "briefly unavailable" not in response.text:
            self.tally.note(f"503 page on {path} does not say what happened")

    def sign_in(self) -> bool:
        page = self.request("GET", "/accounts/login/", "sign-in")
        token = CSRF_FIELD.search(page.text if page is not None else "")
        done = self.request(
            "POST",
            "/accounts/login/",
            "sign-in",
            data={
                "username": self.username,
                "password": "school-pass",
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
        )
        found = CSRF_HEADER.search(done.text if done is not None else "")
        if done is None or done.status_code != 200 or not found or "Log out" not in done.text:
            return False
        self.csrf = found.group(1)
        return True

    def post(self, path: str, data: dict, kind: str):
        headers = {**HTMX, "X-CSRFToken": self.csrf, "Referer": HOST + path}
        return self.request("POST", path, kind, data=data, headers=headers)

    def answer_one(self) -> None:
        if self.pending_answer is None:
            if not self.attempt or not QUESTION.search(self.step):
                self.start_attempt()
                if not self.attempt:
                    return
            choices = CHOICE.findall(self.step)
            shown = SHOWN.search(self.step)
            self.pending_answer = {
                "question": QUESTION.search(self.step).group(1),
                "choice": random.choice(choices) if choices else "",
                "answer": "" if choices else "a guess",
                "shown": shown.group(1) if shown else "",
            }
        key = (int(self.attempt), int(self.pending_answer["question"]))
        url = f"/attempts/{self.attempt}/"
        response = self.post(url, self.pending_answer, "answer")
        if response is None or response.status_code >= 500:
            with self.tally.lock:  # may or may not be stored: sent again next time
                if response is None:
                    self.tally.unknown_answers.add(key)
            return
        text = response.text
        if response.status_code == 200 and any(
            word in text for word in ("Right!", "Not quite.", "Your score")
        ):
            with self.tally.lock:
                self.tally.answers.add(key)
                self.tally.unknown_answers.discard(key)
            self.pending_answer = None
            if "Your score" in text:
                self.attempt = None
                return
            page = self.request("GET", url, "page", headers=HTMX)
            self.step = page.text if page is not None and page.status_code == 200 else ""
            return
        self.tally.note(f"answer refused ({response.status_code}): {text[:200]}")
        self.pending_answer, self.attempt = None, None

    def start_attempt(self) -> None:
        response = self.request(
            "POST",
            "/quizzes/school-quiz-000/",
            "page",
            data={"csrfmiddlewaretoken": self.csrf},
            headers={"Referer": HOST + "/quizzes/school-quiz-000/"},
        )
        found = ATTEMPT.search(response.url if response is not None else "")
        if response is None or response.status_code != 200 or not found:
            self.attempt = None
            return
        self.attempt, self.step = found.group(1), response.text

    def review_one(self) -> None:
        if self.pending_review is None:
            if not self.card_page:
                page = self.request("GET", "/review/", "page", headers=HTMX)
                self.card_page = page.text if page is not None and page.status_code == 200 else ""
            reveal = REVEAL.search(self.card_page)
            if not reveal:
                self.card_page = ""
                return
            back = self.request("GET", reveal.group(1).replace("&amp;", "&"), "page", headers=HTMX)
            text = back.text if back is not None and back.status_code == 200 else ""
            card, shown = CARD.search(text), SHOWN.search(text)
            if not card or not shown:
                self.card_page = ""
                return
            self.pending_review = {
                "card": card.group(1),
                "rating": random.choice("1333344"),
                "shown": shown.group(1),
            }
        response = self.post("/review/", self.pending_review, "review")
        if response is None or response.status_code >= 500:
            if response is None and not getattr(self, "review_unknown", False):
                self.review_unknown = True
                with self.tally.lock:
                    self.tally.unknown_reviews += 1
            return
        if response.status_code == 200 and 'role="alert"' not in response.text:
            with self.tally.lock:
                self.tally.reviews += 1
                if getattr(self, "review_unknown", False):
                    self.tally.unknown_reviews -= 1
            self.review_unknown = False
            self.pending_review, self.card_page = None, response.text
            return
        self.tally.note(f"rating refused ({response.status_code}): {response.text[:200]}")
        self.pending_review, self.card_page = None, ""

    def study(self, stop: threading.Event, kinds: str = "ar") -> None:
        """Answer and rate until told to stop, then finish what is pending if it can."""
        while not stop.is_set():
            kind = random.choice(kinds)
            (self.answer_one if kind == "a" else self.review_one)()
            if random.random() < 0.1:
                self.request("GET", "/api/me/", "api")
            time.sleep(random.uniform(*self.pause))
        for _ in range(20):  # what was sent but not acknowledged is sent again
            if self.pending_answer is None and self.pending_review is None:
                return
            if self.pending_answer is not None:
                self.answer_one()
            if self.pending_review is not None:
                self.review_one()
            time.sleep(0.25)


def signed_in_students(names: list[str], tally: Tally, pause) -> list[Student]:
    """Students signed in at once (each sign-in is deliberately slow password hashing)."""
    students = [Student(name, tally, pause) for name in names]
    with ThreadPoolExecutor(len(students)) as pool:
        signed_in = list(pool.map(Student.sign_in, students))
    for student, ok in zip(students, signed_in, strict=True):
        if not ok:
            raise SystemExit(f"{student.username} could not sign in before the fault")
    return students


def run_students(students, stop, kinds="ar") -> list[threading.Thread]:
    threads = [
        threading.Thread(target=student.study, args=(stop, kinds), daemon=True)
        for student in students
    ]
    for thread in threads:
        thread.start()
    return threads


# --- what was stored ------------------------------------------------------------------


def stored_answers(since_id: int) -> list[tuple[int, int]]:
    return [
        (attempt, question)
        for attempt, question in sql(
            "SELECT attempt_id, question_id FROM study_response WHERE id > %s", since_id
        )
    ]


def max_id(table: str) -> int:
    return sql(f"SELECT coalesce(max(id), 0) FROM {table}")[0][0]  # noqa: S608 - our names


def stored_reviews(since_id: int) -> int:
    return sql(
        "SELECT count(*) FROM study_reviewlog WHERE id > %s AND source = 'flashcard'", since_id
    )[0][0]


# --- scenarios ------------------------------------------------------------------------


@dataclass
class Outcome:
    name: str
    tried: int = 0
    statuses: str = ""
    slowest: float = 0.0
    recover: float | None = None
    answers: str = "-"
    reviews: str = "-"
    broken: list[str] = field(default_factory=list)


def outcome_of(name: str, tally: Tally, fault: tuple[float, float], since: dict) -> Outcome:
    """Figures for the table, and the promises about answers and reviews checked."""
    during = [r for r in tally.requests if fault[0] <= r[0] < fault[1]]
    statuses = collections.Counter(status for *_, status, _kind in tally.requests)
    outcome = Outcome(
        name=name,
        tried=len(tally.requests),
        statuses=" ".join(f"{s}:{n}" for s, n in sorted(statuses.items())),
        # Sign-ins are left out: their password hashing is slow on purpose.
        slowest=max((r[1] for r in during if r[3] != "sign-in"), default=0.0),
    )
    stored = stored_answers(since["answers"])
    stored_set = set(stored)
    if len(stored) != len(stored_set):
        outcome.broken.append(f"{len(stored) - len(stored_set)} answer(s) stored twice")
    missing = tally.answers - stored_set
    extra = stored_set - tally.answers - tally.unknown_answers
    if missing:
        outcome.broken.append(f"{len(missing)} acknowledged answer(s) not stored")
    if extra:
        outcome.broken.append(f"{len(extra)} answer(s) stored that no client sent successfully")
    outcome.answers = f"{len(tally.answers)} / {len(stored)}" + (
        f" (+{len(tally.unknown_answers)} unanswered sends)" if tally.unknown_answers else ""
    )
    reviews = stored_reviews(since["reviews"])
    if reviews < tally.reviews:
        outcome.broken.append(f"{tally.reviews - reviews} acknowledged review(s) not stored")
    if reviews > tally.reviews + tally.unknown_reviews:
        outcome.broken.append(f"{reviews - tally.reviews} review(s) stored more than acknowledged")
    outcome.reviews = f"{tally.reviews} / {reviews}"
    outcome.broken.extend(tally.problems[:5])
    return outcome


def since_now() -> dict:
    return {"answers": max_id("study_response"), "reviews": max_id("study_reviewlog")}


def readyz() -> dict:
    try:
        return requests.get(HOST + "/readyz", timeout=5).json()
    except (requests.RequestException, ValueError):
        return {}


def median(values) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0


def recovered_after(check, times: int, what: str, every: float) -> float:
    """Seconds from now until the first of `times` checks in a row that pass."""
    started = time.monotonic()
    streak_from, streak = 0.0, 0
    while time.monotonic() - started < 2 * RECOVERY_LIMIT_SECONDS:
        at = time.monotonic()
        if check():
            streak_from, streak = (at, streak + 1) if streak == 0 else (streak_from, streak + 1)
            if streak >= times:
                return streak_from - started
        else:
            streak = 0
            time.sleep(every)
    raise SystemExit(f"Gave up waiting for {what}.")


def log_lines_since(log: Path, offset: int, needle: str) -> list[str]:
    with open(log, encoding="utf-8", errors="replace") as handle:
        handle.seek(offset)
        return [line for line in handle.read().splitlines() if needle in line]


def redis_scenario(name: str, redis_server: PrivateRedis, log: Path, names, *, stall: bool):
    tally, stop, since = Tally(), threading.Event(), since_now()
    students = signed_in_students(names, tally, (0.1, 0.4))
    threads = run_students(students, stop)
    time.sleep(2)
    offset = log.stat().st_size
    fault_start = time.monotonic()
    redis_server.stall() if stall else redis_server.stop()
    time.sleep(FAULT_SECONDS / 2)
    newcomer = Student(names[-1], tally, (0.1, 0.4))  # a new sign-in during the fault
    signed_in = newcomer.sign_in()
    if signed_in:
        for _ in range(3):
            newcomer.answer_one()
    time.sleep(FAULT_SECONDS / 2)
    fault_end = time.monotonic()
    redis_server.resume() if stall else redis_server.start()
    recover = recovered_after(
        lambda: readyz().get("cache") == "ok", 8, "the cache to be used again", every=0.2
    )
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    outcome = outcome_of(name, tally, (fault_start, fault_end), since)
    outcome.recover = recover
    during = [r for r in tally.requests if fault_start <= r[0] < fault_end]
    bad = collections.Counter(status for _s, _d, status, _k in during if status != "200")
    if bad:
        outcome.broken.append(f"answers other than 200 during the fault: {dict(bad)}")
    if not signed_in:
        outcome.broken.append("a new sign-in during the fault did not work")
    warnings = log_lines_since(log, offset, "Redis cache at")
    unavailable = collections.Counter(
        re.search(r"\[(\d+)\]", line).group(1) for line in warnings if "unavailable" in line
    )
    if any(count > 1 for count in unavailable.values()):
        outcome.broken.append(f"more than one warning a minute per process: {dict(unavailable)}")
    if stall:
        # Were every request to wait for the socket timeout, the typical request would be
        # that much slower; with the breaker only one a worker every few seconds is.
        before = median(r[1] for r in tally.requests if fault_start - 2 <= r[0] < fault_start)
        stalled = median(r[1] for r in during)
        if stalled > before + SOCKET_TIMEOUT / 2:
            outcome.broken.append(
                f"typical request {stalled:.2f} s while Redis stalled, {before:.2f} s before"
            )
    if outcome.slowest > PAGE_LIMIT_SECONDS:
        outcome.broken.append(f"slowest answer {outcome.slowest:.1f} s during the fault")
    if recover > RECOVERY_LIMIT_SECONDS:
        outcome.broken.append(f"the cache came back only after {recover:.1f} s")
    return outcome


def postgres_scenario(postgres: PrivatePostgres, names, serve: int) -> Outcome:
    tally, stop, since = Tally(), threading.Event(), since_now()
    task_workers_before = len(task_workers(serve))
    students = signed_in_students(names, tally, (0.1, 0.4))
    threads = run_students(students, stop)
    time.sleep(2)
    fault_start = time.monotonic()
    postgres.stop()
    time.sleep(FAULT_SECONDS)
    fault_end = time.monotonic()
    postgres.start()
    probe = students[0]
    recover = recovered_after(
        lambda: getattr(probe.request("GET", "/", "page"), "status_code", 0) == 200,
        10,
        "pages to answer 200 again",
        every=0.1,
    )
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    outcome = outcome_of("PostgreSQL stopped", tally, (fault_start, fault_end), since)
    outcome.recover = recover
    # Requests that started once PostgreSQL was fully stopped.
    during = [r for r in tally.requests if fault_start + 1 <= r[0] < fault_end]
    statuses = collections.Counter(status for _s, _d, status, _k in during)
    if set(statuses) - {"200", "503"}:
        outcome.broken.append(f"answers other than 503 during the fault: {dict(statuses)}")
    if not statuses.get("503"):
        outcome.broken.append("no 503 seen while PostgreSQL was down")
    if outcome.slowest > PAGE_LIMIT_SECONDS:
        outcome.broken.append(f"slowest answer {outcome.slowest:.1f} s while PostgreSQL was down")
    if recover > RECOVERY_LIMIT_SECONDS:
        outcome.broken.append(f"pages came back only after {recover:.1f} s")
    try:  # the background workers exit while the database is away; serve.sh restarts them
        wait_for(lambda: len(task_workers(serve)) == task_workers_before, 15, "task workers", 0.5)
    except SystemExit:
        outcome.broken.append(
            f"{len(task_workers(serve))} task workers running, not {task_workers_before}"
        )
    return outcome


def gunicorn_master(serve: int) -> int:
    """serve.sh runs gunicorn beside the task workers; its master is serve.sh's child."""
    done = subprocess.run(["pgrep", "-P", str(serve), "-f", "gunicorn"], capture_output=True)
    return int(done.stdout.split()[0])


def task_workers(serve: int) -> set[int]:
    """The `manage.py db_worker` processes serve.sh keeps running."""
    done = subprocess.run(["pgrep", "-s", str(serve), "-f", "db_worker"], capture_output=True)
    return {int(pid) for pid in done.stdout.split()}


def workers_of(master: int) -> set[int]:
    done = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True)
    return {int(pid) for pid in done.stdout.split()}


def worker_kill_scenario(master: int, names) -> Outcome:
    tally, stop, since = Tally(), threading.Event(), since_now()
    half = len(names) // 2
    answerers = signed_in_students(names[:half], tally, (0.0, 0.0))
    reviewers = signed_in_students(names[half:], tally, (0.0, 0.0))
    threads = run_students(answerers, stop, "a") + run_students(reviewers, stop, "r")
    time.sleep(2)
    fault_start = time.monotonic()
    replaced = []
    for _ in range(3):
        before = workers_of(master)
        victim = random.choice(sorted(before))
        os.kill(victim, signal.SIGKILL)
        killed_at = time.monotonic()
        wait_for(
            lambda victim=victim, before=before: (
                victim not in workers_of(master) and len(workers_of(master)) == len(before)
            ),
            RECOVERY_LIMIT_SECONDS * 2,
            "gunicorn to replace the killed worker",
            every=0.05,
        )
        replaced.append(time.monotonic() - killed_at)
        time.sleep(2)
    fault_end = time.monotonic()
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    outcome = outcome_of("gunicorn worker SIGKILLed x3", tally, (fault_start, fault_end), since)
    outcome.recover = max(replaced)
    if len(workers_of(master)) != WORKERS:
        outcome.broken.append(f"{len(workers_of(master))} workers left, not {WORKERS}")
    if not tally.answers or not tally.reviews:
        outcome.broken.append("no answers or reviews acknowledged under load")
    return outcome


def ingest_scenario(folder: Path) -> Outcome:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    sys.path.insert(0, str(ROOT))
    from ingest_speed import build_documents

    docs = folder / "documents"
    docs.mkdir()
    paths = build_documents(docs, int(os.environ.get("FAULTS_DOCUMENTS", "12")))
    preview = folder / "preview.json"
    manage("ingest", str(docs), "--dry-run", "--json", str(preview), "--no-progress")
    expected = {
        d["source"]: (len(d["flashcards"]), len(d["questions"]))
        for d in json.loads(preview.read_text())["documents"]
    }
    outcome = Outcome(name="ingest SIGKILLed mid-folder")
    before = sql("SELECT count(*) FROM content_document")[0][0]
    process = subprocess.Popen(
        [str(BIN / "python"), "manage.py", "ingest", str(docs), "--no-progress"],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    stored_then = lambda: sql("SELECT count(*) FROM content_document")[0][0] - before  # noqa: E731
    wait_for(lambda: stored_then() >= 3, 120, "ingest to store its first documents", every=0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    counts_query = (
        "SELECT d.source_name,"
        " (SELECT count(*) FROM content_flashcard f WHERE f.document_id = d.id),"
        " (SELECT count(*) FROM content_question q WHERE q.document_id = d.id)"
        " FROM content_document d WHERE d.source_name LIKE 'doc_%%'"
    )
    at_kill = {name: (cards, questions) for name, cards, questions in sql(counts_query)}
    partial = [name for name, counts in at_kill.items() if counts != expected.get(name)]
    started = time.monotonic()
    rerun = manage("ingest", str(docs), "--no-progress", check=False)
    outcome.recover = time.monotonic() - started
    after = {name: (cards, questions) for name, cards, questions in sql(counts_query)}
    duplicates = sql(
        "SELECT count(*) - count(DISTINCT source_name) FROM content_document "
        "WHERE source_name LIKE 'doc_%%'"
    )[0][0]
    outcome.tried = len(paths)
    outcome.statuses = f"killed after {len(at_kill)} of {len(paths)} documents"
    outcome.answers = f"re-run: exit {rerun.returncode}, {len(after)} documents"
    if partial:
        outcome.broken.append(f"half-saved documents at the kill: {partial[:5]}")
    if after != expected:
        wrong = [n for n in expected if after.get(n) != expected[n]]
        outcome.broken.append(f"after the re-run {len(wrong)} document(s) differ from a clean run")
    if duplicates:
        outcome.broken.append(f"{duplicates} duplicate document(s)")
    if rerun.returncode:
        outcome.broken.append(f"the re-run failed: {rerun.stderr[-300:]}")
    return outcome


# --- the run --------------------------------------------------------------------------


def print_table(outcomes: list[Outcome]) -> None:
    print()
    header = (
        f"  {'scenario':30} {'tried':>6}  {'status codes seen':34} {'slowest':>8} "
        f"{'recover':>8}  {'answers acked/stored':22} {'reviews acked/stored':>20}"
    )
    print(header)
    print("  " + "-" * (len(header) - 2))
    for o in outcomes:
        recover = f"{o.recover:.1f} s" if o.recover is not None else "-"
        slowest = f"{o.slowest:.2f} s" if o.slowest else "-"
        print(
            f"  {o.name:30} {o.tried:>6}  {o.statuses:34} {slowest:>8} {recover:>8}  "
            f"{o.answers:22} {o.reviews:>20}"
        )
    print()
    for o in outcomes:
        verdict = "kept" if not o.broken else "BROKEN: " + "; ".join(o.broken)
        print(f"  {o.name}: {verdict}")


def main() -> int:
    folder = tempfile.mkdtemp(prefix="quizapp-faults-")
    postgres, redis_server = PrivatePostgres(folder), PrivateRedis(REDIS_PORT)
    server = None
    log = Path(folder) / "gunicorn.log"
    outcomes: list[Outcome] = []
    run_started = time.monotonic()
    try:
        print(
            f"Private PostgreSQL on {PG_PORT}, Redis on {REDIS_PORT}, app on {PORT}...", flush=True
        )
        postgres.init()
        postgres.start()
        redis_server.start()
        subprocess.run(
            [str(BIN / "python"), "deploy/ensure_database.py"], cwd=ROOT, env=ENV, check=True
        )
        manage("migrate", "--no-input", "-v0")
        # serve.sh would do it too, but the first time takes minutes: before, not timed.
        subprocess.run(["deploy/collect_static.sh"], cwd=ROOT, env=ENV, check=True)
        # Each scenario has students of its own: one who rated every card of the
        # class's decks in an earlier scenario would have nothing due in a later one.
        students = 4 * (STUDENTS + 1)
        build_school(
            "--students",
            str(students),
            "--classes",
            "1",
            "--questions",
            "200",
            "--responses",
            "0",
            "--quizzes-per-class",
            "1",
        )
        names = [f"school-student-{i:04}" for i in range(students)]
        cohorts = [names[k : k + STUDENTS + 1] for k in range(0, students, STUDENTS + 1)]
        with open(log, "w") as out:
            server = subprocess.Popen(
                ["deploy/serve.sh"],
                cwd=ROOT,
                env=ENV,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for(lambda: readyz().get("status") == "ready", 180, "the app to be ready", every=0.5)
        print(f"Ready after {time.monotonic() - run_started:.0f} s; scenarios:", flush=True)
        scenarios = {
            "redis-stop": lambda: redis_scenario(
                "Redis stopped", redis_server, log, cohorts[0], stall=False
            ),
            "redis-stall": lambda: redis_scenario(
                "Redis stalled (SIGSTOP)",
                redis_server,
                log,
                cohorts[1],
                stall=True,
            ),
            "postgres": lambda: postgres_scenario(postgres, cohorts[2][:STUDENTS], server.pid),
            "worker-kill": lambda: worker_kill_scenario(
                gunicorn_master(server.pid), cohorts[3][:STUDENTS]
            ),
            "ingest-kill": lambda: ingest_scenario(Path(folder)),
        }
        # FAULTS_ONLY=redis-stall,postgres runs some of them.
        for key in os.environ.get("FAULTS_ONLY", ",".join(scenarios)).split(","):
            print(f"  {key} (at {time.monotonic() - run_started:.0f} s)", flush=True)
            outcomes.append(scenarios[key]())
        probes_logged = log_lines_since(log, 0, "GET /healthz") + log_lines_since(
            log, 0, "GET /readyz"
        )
        passing = [line for line in probes_logged if '" 200 ' in line]
        if passing and outcomes:
            outcomes[0].broken.append(f"{len(passing)} passing probes in the access log")
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        redis_server.stop()
        with contextlib.suppress(subprocess.CalledProcessError):
            postgres.stop()
    print_table(outcomes)
    print(f"\n  {len(outcomes)} scenarios in {time.monotonic() - run_started:.0f} s.")
    if any(o.broken for o in outcomes):
        print(f"  Server logs kept in {folder} (gunicorn.log, postgres.log).")
        return 1
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
