#!/usr/bin/env python3
"""Take a quiz through the REST API alone: sign in, start, answer every question, print the score.

Uses only the standard library, so it runs anywhere Python does:

    python scripts/api_quiz_demo.py --username alice --password student-demo-pass
    python scripts/api_quiz_demo.py --base-url http://127.0.0.1:8000 --quiz 3 --username ...

Without `--quiz` it takes the first quiz the API lists, or else the practice quiz of the
first document. It does not know the answers: it picks the first option of choice
questions and types `--guess` for the others, so the score says how lucky it was.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
from collections.abc import Callable

# send(method, path, body, token) -> (status, decoded JSON body or None)
Send = Callable[[str, str, dict | None, str | None], tuple[int, dict | None]]


class ApiError(RuntimeError):
    """The API refused a step; the message says which and why."""


def urllib_sender(base_url: str) -> Send:
    """A `Send` that talks HTTP to a running server."""

    def send(method, path, body=None, token=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(base_url.rstrip("/") + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Token {token}")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                raw = response.read()
                return response.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as exc:
            raw = exc.read()
            try:
                return exc.code, json.loads(raw) if raw else None
            except ValueError:
                return exc.code, {"detail": raw.decode(errors="replace")[:200]}

    return send


def expect(result: tuple[int, dict | None], step: str, *ok: int) -> dict:
    """The body of a response with one of the `ok` statuses, or ApiError naming the step."""
    status, body = result
    if status not in ok:
        raise ApiError(f"{step} failed with HTTP {status}: {body}")
    return body or {}


def take_quiz(
    send: Send,
    *,
    username: str,
    password: str,
    quiz_id: int | None = None,
    guess: str = "I am not sure",
    log: Callable[[str], None] = print,
) -> dict:
    """Run the whole flow and return the attempt's result as the API gives it."""
    login = {"username": username, "password": password}
    token = expect(send("POST", "/api/auth/token/", login, None), "Signing in", 200)["token"]
    log(f"Signed in as {username}.")

    if quiz_id is None:
        quizzes = expect(send("GET", "/api/quizzes/", None, token), "Listing quizzes", 200)
        if quizzes["results"]:
            quiz_id = quizzes["results"][0]["id"]
        else:
            documents = expect(send("GET", "/api/documents/", None, token), "Listing", 200)
            if not documents["results"]:
                raise ApiError("There is nothing to study yet: no quizzes and no documents.")
            path = f"/api/documents/{documents['results'][0]['id']}/quiz/"
            quiz_id = expect(send("POST", path, None, token), "Making a practice quiz", 200)["id"]

    started = expect(
        send("POST", f"/api/quizzes/{quiz_id}/attempts/", None, token),
        "Starting the quiz",
        200,
        201,
    )
    attempt = started["attempt"]
    log(f"Started {attempt['quiz_title']!r}: {len(started['questions'])} question(s).")
    answered = {a["question"] for a in started["answers"]}
    for number, question in enumerate(started["questions"], start=1):
        if question["id"] in answered:
            continue
        body = {"question": question["id"]}
        if question["choices"]:
            body["choice"] = question["choices"][0]["id"]
        else:
            body["answer_text"] = guess
        path = f"/api/attempts/{attempt['id']}/answers/"
        feedback = expect(send("POST", path, body, token), f"Answering question {number}", 200)
        verdict = {True: "right", False: "wrong", None: "recorded"}[feedback["is_correct"]]
        log(f"  {number}. {question['prompt'][:70]} -> {verdict}")

    result = expect(
        send("POST", f"/api/attempts/{attempt['id']}/finish/", None, token), "Finishing", 200
    )
    log(f"Score: {result['score']}/{result['max_score']} ({result['percent']}%)")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000", help="the app's address")
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--quiz", type=int, help="quiz id (default: the first one listed)")
    parser.add_argument("--guess", default="I am not sure", help="answer typed for text questions")
    args = parser.parse_args(argv)
    try:
        take_quiz(
            urllib_sender(args.base_url),
            username=args.username,
            password=args.password,
            quiz_id=args.quiz,
            guess=args.guess,
        )
    except ApiError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except urllib.error.URLError as exc:
        print(
            f"error: cannot reach {args.base_url} ({exc.reason}); is the app running?",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
