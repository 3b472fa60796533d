"""Students signing in, reviewing flashcards and answering quiz questions; a bare view beside.

Run by `run.py` (`make bench`); the environment says who logs in and how long students
pause. Every answer and review the server accepts is counted here, so the runner can
compare what clients saw accepted with the rows stored.

- `Student`: signs in, then alternates a few flashcard reviews with a few quiz answers,
  pausing between actions as a student reads and thinks (`BENCH_WAIT_MIN`/`MAX` seconds),
  and making the requests the page's htmx makes (a rating refreshes the due badge).
- `Answerer`: signs in, then only answers quiz questions, with the same pauses; the runner
  runs it with no pause to measure how many answers a second the server can take.
- `Bare`: signs in, then requests the bare view (`quizapp.baseline`) with the same pauses.
- `AnonymousBare`: the bare view without signing in, for comparison.
- `PacedStudent`: the capacity step test's student. Holds a session made beforehand
  (`BENCH_SESSIONS`: sign-in is not what is measured), then clicks every few seconds
  (`BENCH_WAIT_MIN`/`MAX`): shows a card's answer and rates it, answers a question and
  asks for the next one, now and then opens the progress page.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import threading
import time
from http.cookiejar import Cookie

import gevent
from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser
from page_patterns import (
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

PASSWORD = os.environ.get("BENCH_PASSWORD", "school-pass")
USERNAMES = os.environ.get("BENCH_USERNAMES", "").split(",")
QUIZ_SLUG = os.environ.get("BENCH_QUIZ", "school-quiz-000")
WAIT = between(
    float(os.environ.get("BENCH_WAIT_MIN", "1")), float(os.environ.get("BENCH_WAIT_MAX", "5"))
)
COUNTS_FILE = os.environ.get("BENCH_COUNTS_FILE", "")
# Requests finished before this many seconds after every user started are not timed: the
# sign-in rush (deliberately slow password hashing) is reported on its own.
SETTLE_SECONDS = float(os.environ.get("BENCH_SETTLE_SECONDS", "5"))
# The run stops this many seconds after timing starts, however long the sign-ins took.
MEASURE_SECONDS = float(os.environ.get("BENCH_MEASURE_SECONDS", "60"))


SESSIONS = [key for key in os.environ.get("BENCH_SESSIONS", "").split(",") if key]

_names = itertools.cycle(USERNAMES)
_sessions = itertools.cycle(SESSIONS)
_lock = threading.Lock()
counts = {
    "answers_accepted": 0,
    "reviews_accepted": 0,
    "logins": 0,
    "requests": 0,
    "unexpected": [],
}
timings: dict[str, list[float]] = {"student": [], "bare": [], "login": [], "answer": []}
errors: dict[str, int] = {"student": 0, "bare": 0, "login": 0}
window = {"from": float("inf"), "to": 0.0}
# Timing starts once every user is spawned and every sign-in has finished.
signing_in = {"spawned": False, "pending": 0}


def _maybe_start_timing() -> None:
    if signing_in["spawned"] and signing_in["pending"] == 0 and window["from"] == float("inf"):
        window["from"] = time.monotonic() + SETTLE_SECONDS


@events.spawning_complete.add_listener
def _all_spawned(user_count, **kwargs):
    signing_in["spawned"] = True
    _maybe_start_timing()


@events.request.add_listener
def _time_request(request_type, name, response_time, exception, **kwargs):
    group = (
        "login" if name.startswith("login") else "bare" if name.startswith("bare") else "student"
    )
    counts["requests"] += 1  # every request, timed or not (the server's CPU per request)
    if exception is not None:
        errors[group] += 1
    if group == "login":
        timings["login"].append(response_time)
    elif time.monotonic() >= window["from"]:
        timings[group].append(response_time)
        if name == "quiz: answer":
            timings["answer"].append(response_time)


@events.test_start.add_listener
def _stop_when_measured(environment, **kwargs):
    def watch():
        while time.monotonic() < window["from"] + MEASURE_SECONDS:
            gevent.sleep(0.5)
        environment.runner.quit()

    gevent.spawn(watch)


@events.test_stop.add_listener
def _stop_timing(environment, **kwargs):
    window["to"] = time.monotonic()


@events.quitting.add_listener
def _write_counts(environment, **kwargs):
    if COUNTS_FILE:
        seconds = max(window["to"] - window["from"], 0.0) if window["to"] else 0.0
        with open(COUNTS_FILE, "w") as out:
            json.dump(
                {"counts": counts, "timings": timings, "errors": errors, "seconds": seconds}, out
            )


def _note(problem: str) -> None:
    with _lock:
        if len(counts["unexpected"]) < 20:
            counts["unexpected"].append(problem[:300])


class SignedIn(FastHttpUser):
    """A student who signs in through the login form first."""

    abstract = True
    wait_time = WAIT
    # An answer's reply carries the next question, as the page uses it: one request per
    # question. True times the older "answer, then ask for the next question" pair.
    asks_for_next_question = False

    def on_start(self):
        signing_in["pending"] += 1
        try:
            self.sign_in()
        finally:
            signing_in["pending"] -= 1
            _maybe_start_timing()

    def sign_in(self):
        self.csrf = ""
        self.attempt = None
        self.step = ""
        self.card_page = ""
        self.username = next(_names)
        page = self.client.get("/accounts/login/", name="login page")
        token = CSRF_FIELD.search(page.text or "")
        with self.client.post(
            "/accounts/login/",
            data={
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            name="login",
            catch_response=True,
        ) as response:
            # A good login redirects to the start page, which carries the new CSRF token.
            found = CSRF_HEADER.search(response.text or "")
            if response.status_code != 200 or not found or "Log out" not in response.text:
                response.failure(f"login failed for {self.username}")
                return
            self.csrf = found.group(1)
        with _lock:
            counts["logins"] += 1

    def post(self, url, data, name):
        """An htmx POST with the page's CSRF token in the header, as base.html sends it."""
        return self.client.post(
            url,
            data=data,
            headers={**HTMX, "X-CSRFToken": self.csrf, "Referer": self.host + url},
            name=name,
            catch_response=True,
        )

    # --- quiz -----------------------------------------------------------------

    def answer_one(self):
        """Answer the current question of the open attempt, starting one if needed."""
        if not self.attempt or not QUESTION.search(self.step):
            self.start_attempt()
            if not self.attempt:
                return
        question = QUESTION.search(self.step).group(1)
        choices = CHOICE.findall(self.step)
        shown = SHOWN.search(self.step)
        url = f"/attempts/{self.attempt}/"
        with self.post(
            url,
            {
                "question": question,
                "choice": random.choice(choices) if choices else "",
                "answer": "" if choices else "a guess",
                "shown": shown.group(1) if shown else "",
            },
            "quiz: answer",
        ) as response:
            text = response.text or ""
            if response.status_code == 200 and (
                "Right!" in text or "Not quite." in text or "Your score" in text
            ):
                with _lock:
                    counts["answers_accepted"] += 1
            else:
                response.failure(f"answer not accepted ({response.status_code})")
                _note(f"answer {response.status_code}: {text[:200]}")
                self.attempt = None
                return
        if "Your score" in text:
            self.attempt = None  # finished: the next answer starts a new attempt
            return
        self.wait()  # reads the feedback, then goes on to the next question
        if not self.asks_for_next_question and QUESTION.search(text):
            # The next question came with the feedback: "Next question" shows it, no request.
            self.step = text
            return
        page = self.client.get(url, headers=HTMX, name="quiz: next question")
        self.step = page.text or ""

    def start_attempt(self):
        with self.client.post(
            f"/quizzes/{QUIZ_SLUG}/",
            data={"csrfmiddlewaretoken": self.csrf},
            headers={"Referer": self.host + f"/quizzes/{QUIZ_SLUG}/"},
            name="quiz: start",
            catch_response=True,
        ) as response:
            found = ATTEMPT.search(response.url or "")
            if response.status_code != 200 or not found or not QUESTION.search(response.text):
                response.failure("could not start an attempt")
                _note(f"start {response.status_code} {response.url}: {response.text[:200]}")
                self.attempt = None
                return
            self.attempt = found.group(1)
            self.step = response.text

    # --- flashcards -----------------------------------------------------------

    def review_one(self):
        """Show a due card's answer, then rate it; the reply carries the next card."""
        if not self.card_page:
            self.card_page = self.client.get("/review/", headers=HTMX, name="review: card").text
        reveal = REVEAL.search(self.card_page or "")
        if not reveal:
            self.card_page = ""
            return
        back = (
            self.client.get(
                reveal.group(1).replace("&amp;", "&"), headers=HTMX, name="review: show answer"
            ).text
            or ""
        )
        card, shown = CARD.search(back), SHOWN.search(back)
        if not card:
            _note(f"no rating form: {back[:200]}")
            self.card_page = ""
            return
        self.wait()  # recalls, then rates
        with self.post(
            "/review/",
            {"card": card.group(1), "rating": random.choice("1333344"), "shown": shown.group(1)},
            "review: rate",
        ) as response:
            if response.status_code == 200 and 'role="alert"' not in (response.text or ""):
                with _lock:
                    counts["reviews_accepted"] += 1
                self.card_page = response.text
            else:
                response.failure(f"rating not accepted ({response.status_code})")
                _note(f"rate {response.status_code}: {(response.text or '')[:200]}")
                self.card_page = ""
                return


def review(user: SignedIn) -> None:
    if user.csrf:
        user.review_one()


def answer(user: SignedIn) -> None:
    if user.csrf:
        user.answer_one()


def progress(user: SignedIn) -> None:
    if user.csrf:
        user.client.get("/progress/", name="progress")


class Student(SignedIn):
    """Reviews flashcards and answers quiz questions, in about equal measure."""

    tasks = {review: 1, answer: 1}


class Answerer(SignedIn):
    """Only answers quiz questions (the runner's throughput phase)."""

    tasks = [answer]


class Bare(SignedIn):
    """Signed-in users on the bare view, behind the same middleware and server."""

    @task
    def bare(self):
        if self.csrf:
            self.client.get("/bench/bare/", name="bare")


class AnonymousBare(FastHttpUser):
    """The bare view without signing in: no session or user to load (for comparison)."""

    wait_time = WAIT

    @task
    def bare(self):
        self.client.get("/bench/bare/", name="bare (anonymous)")


def _session_cookie(host: str, key: str) -> Cookie:
    """Django's session cookie for `host`, as the browser holds it after signing in."""
    domain = host.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return Cookie(
        0, "sessionid", key, None, False, domain, False, False, "/", True, False, None, False,
        None, None, {},
    )  # fmt: skip


class PacedStudent(SignedIn):
    """A signed-in student clicking every few seconds (the capacity step test)."""

    tasks = {review: 9, answer: 9, progress: 2}

    def sign_in(self):
        self.csrf = ""
        self.attempt = None
        self.step = ""
        self.card_page = ""
        self.client.cookiejar.set_cookie(_session_cookie(self.host, next(_sessions)))
        # The start page carries the CSRF token; its time counts with sign-in, not measured.
        with self.client.get("/", name="login: start page", catch_response=True) as response:
            found = CSRF_HEADER.search(response.text or "")
            if response.status_code != 200 or not found or "Log out" not in response.text:
                response.failure("the session made beforehand was not accepted")
                return
            self.csrf = found.group(1)

    def on_start(self):
        super().on_start()
        # Students do not all click at the same moment: start somewhere in a pause.
        gevent.sleep(random.uniform(0, float(os.environ.get("BENCH_WAIT_MAX", "5"))))
