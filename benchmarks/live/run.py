"""Live games under load: one game of 400 players, then 10 games of 40 at once.

Starts `--servers` daphne processes (default 2) serving quizapp.asgi on PostgreSQL, with
the channel layer on Redis, so a game's events cross processes. The players are
WebSocket clients in this process, spread over the servers; the host of each game is on
the first. For each question every player answers once at a random moment within 5 s of
seeing it (a tenth of them tap twice). Measured:

- answer -> stored: from sending an answer to the server's reply that shows it stored
  (the reply is sent after the answer's transaction commits); p50 and p95;
- host count lag: from the last answer's reply to the host seeing the full count;
- lost or doubled answers: answers in the database against answers sent, per question.

Targets (issue 24): p95 <= 200 ms, host lag <= 1 s, 0 lost, 0 doubled.

    .venv/bin/python -m benchmarks.live.run [--players 400] [--games 10x40] [--questions 3]

Needs PostgreSQL and Redis (DATABASE_URL, REDIS_URL; defaults: a `quizapp_bench_live`
database on 127.0.0.1 and Redis database 5). Exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
P95_TARGET_MS = 200
LAG_TARGET_MS = 1000
ANSWER_WINDOW_S = 5.0
DOUBLE_TAP_SHARE = 0.1
JOIN_BATCH = 25
DEBUG = os.environ.get("BENCH_DEBUG") == "1"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def setup_django(database_url: str, redis_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["REDIS_URL"] = redis_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "quizapp.settings.dev"
    os.environ["DEBUG"] = "0"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def ensure_database(database_url: str) -> None:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def start_servers(count: int, ports=None) -> tuple[list[str], list[subprocess.Popen]]:
    urls, processes = [], []
    for n in range(count):
        port = ports[n] if ports else _free_port()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "daphne",
                "-b",
                "127.0.0.1",
                "-p",
                str(port),
                "quizapp.asgi:application",
            ],
            cwd=ROOT,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "quizapp.settings.dev"},
            stdout=subprocess.DEVNULL,
            stderr=open(f"/tmp/quizapp-bench-live-daphne-{port}.log", "w"),  # noqa: SIM115
        )
        urls.append(f"127.0.0.1:{port}")
        processes.append(process)
    # Django takes a few seconds to start, more on a busy machine.
    deadline = time.monotonic() + 60
    for url in urls:
        host, port = url.split(":")
        while True:
            try:
                socket.create_connection((host, int(port)), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    for process in processes:
                        process.kill()
                    raise RuntimeError(f"daphne at {url} did not start within 60 s") from None
                time.sleep(0.1)
    return urls, processes


def make_games(games: int, players: int, questions: int):
    """Games in their lobbies with guest players; (game, host cookie, [player cookies])."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth.models import User
    from django.test import Client

    from quizapp.content.models import Choice, Document, Question
    from quizapp.live import services
    from quizapp.live.consumers import SESSION_KEY
    from quizapp.live.models import LiveGame
    from quizapp.study.models import Quiz, QuizQuestion

    store = import_module(settings.SESSION_ENGINE).SessionStore
    teacher, _ = User.objects.get_or_create(username="bench-live-host")
    document, _ = Document.objects.get_or_create(
        slug="bench-live",
        defaults={
            "title": "Bench",
            "source_name": "b.txt",
            "text": "x",
            "content_hash": "bench-live",
        },
    )
    quiz, created = Quiz.objects.get_or_create(
        slug=f"bench-live-{questions}", defaults={"title": "Bench live"}
    )
    if created:
        for i in range(questions):
            question = Question.objects.create(
                document=document,
                key=f"bench-live-{questions}-{i}",
                kind=Question.Kind.MULTIPLE_CHOICE,
                prompt=f"Question {i}?",
                answer="Right",
                source_text="x",
                status="published",
            )
            Choice.objects.bulk_create(
                Choice(question=question, text=t, is_correct=t == "Right", position=p)
                for p, t in enumerate(["Right", "Wrong", "Other", "None"])
            )
            QuizQuestion.objects.create(quiz=quiz, question=question, position=i)
    LiveGame.objects.filter(host=teacher).delete()
    client = Client()
    client.force_login(teacher)
    host_cookie = (
        f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    )
    made = []
    for _ in range(games):
        game = services.create_game(host=teacher, quiz=quiz, allow_guests=True)
        cookies = []
        for n in range(players):
            player = services.join_game(game=game, nickname=f"p{n}")
            session = store()
            session[SESSION_KEY] = {str(game.pk): player.pk}
            session.create()
            cookies.append(f"{settings.SESSION_COOKIE_NAME}={session.session_key}")
        made.append((game, host_cookie, cookies))
    return made


@dataclass
class Figures:
    latencies_ms: list[float] = field(default_factory=list)
    lags_ms: list[float] = field(default_factory=list)
    sent: int = 0
    errors: list[str] = field(default_factory=list)


async def open_socket(server: str, path: str, cookie: str):
    import websockets

    return await websockets.connect(
        f"ws://{server}{path}",
        origin=f"http://{server}",
        additional_headers={"Cookie": cookie},
        open_timeout=30,
        max_queue=None,
    )


async def play_player(ws, game_id, figures: Figures, done: asyncio.Event, last_ack: dict):
    """Answer each question once (some twice) within the window; time each reply."""
    answered: set[int] = set()
    pending: dict[int, float] = {}
    try:
        async for raw in ws:
            message = json.loads(raw)
            if message.get("type") != "state":
                continue
            question = message.get("question")
            if message["state"] == "ended":
                break
            if not question or message["state"] != "question":
                continue
            index = question["index"]
            if message.get("my_answer") and index in pending:
                now = time.perf_counter()
                figures.latencies_ms.append((now - pending.pop(index)) * 1000)
                last_ack[index] = max(last_ack.get(index, 0), now)
            elif index not in answered:
                answered.add(index)
                choice = random.choice(question["options"])["id"]
                asyncio.ensure_future(answer_later(ws, index, choice, figures, pending))
    except Exception as error:  # noqa: BLE001 - counted, the run goes on
        figures.errors.append(repr(error))
    finally:
        done.set()


async def answer_later(ws, index, choice, figures, pending):
    await asyncio.sleep(random.uniform(0.05, ANSWER_WINDOW_S))
    pending[index] = time.perf_counter()
    message = json.dumps({"action": "answer", "index": index, "choice": choice})
    await ws.send(message)
    figures.sent += 1
    if random.random() < DOUBLE_TAP_SHARE:
        await ws.send(message)


async def run_game(servers, game, host_cookie, cookies, questions, figures: Figures):
    host = await open_socket(servers[0], f"/ws/live/{game.pk}/host/", host_cookie)
    await host.recv()
    # Phones join over a few seconds, as a class does, not in one instant.
    sockets = []
    if DEBUG:
        print(f"{time.perf_counter():.2f} joining", flush=True)
    for start in range(0, len(cookies), JOIN_BATCH):
        sockets += await asyncio.gather(
            *(
                open_socket(servers[n % len(servers)], f"/ws/live/{game.pk}/play/", cookie)
                for n, cookie in enumerate(cookies[start : start + JOIN_BATCH], start)
            )
        )
    if DEBUG:
        print(f"{time.perf_counter():.2f} joined", flush=True)
    last_ack: dict[int, float] = {}
    dones = [asyncio.Event() for _ in sockets]
    tasks = [
        asyncio.ensure_future(play_player(ws, game.pk, figures, done, last_ack))
        for ws, done in zip(sockets, dones, strict=True)
    ]
    players = len(cookies)
    for index in range(questions):
        await host.send(json.dumps({"action": "next"}))
        full_at = None
        deadline = time.perf_counter() + 60
        while time.perf_counter() < deadline:
            message = json.loads(await asyncio.wait_for(host.recv(), 60))
            if DEBUG:
                print(
                    f"{time.perf_counter():.2f} host",
                    message["type"],
                    message.get("state"),
                    message.get("answered"),
                    flush=True,
                )
            count = None
            if message["type"] == "count" and message["index"] == index:
                count = message["answered"]
            elif message["type"] == "state" and message.get("question", {}).get("index") == index:
                count = message.get("answered")
            if count is not None and count >= players and full_at is None:
                full_at = time.perf_counter()
            if message["type"] == "state" and message["state"] == "reveal" and full_at:
                break
        await asyncio.sleep(0.3)  # replies still in flight land before the lag is read
        if full_at is not None and index in last_ack:
            figures.lags_ms.append(max(0.0, (full_at - last_ack[index]) * 1000))
        else:
            figures.errors.append(f"game {game.pk}: question {index + 1} never reached the count")
    await host.send(json.dumps({"action": "end"}))
    await asyncio.wait_for(asyncio.gather(*(d.wait() for d in dones)), 60)
    for task in tasks:
        task.cancel()
    await asyncio.gather(host.close(), *(ws.close() for ws in sockets), return_exceptions=True)


def check_answers(games, questions, players) -> tuple[int, int]:
    from django.db.models import Count

    from quizapp.live.models import LiveAnswer

    lost = doubled = 0
    for game in games:
        counts = dict(
            LiveAnswer.objects.filter(game=game).values_list("index").annotate(n=Count("id"))
        )
        for index in range(questions):
            n = counts.get(index, 0)
            lost += max(0, players - n)
            doubled += max(0, n - players)
    return lost, doubled


def percentile(values, share):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def scenario(name, servers, games, players, questions) -> bool:
    made = make_games(games, players, questions)
    figures = Figures()

    async def everything():
        await asyncio.gather(
            *(run_game(servers, g, hc, cs, questions, figures) for g, hc, cs in made)
        )

    started = time.perf_counter()
    asyncio.run(everything())
    elapsed = time.perf_counter() - started
    lost, doubled = check_answers([g for g, _, _ in made], questions, players)
    p50 = percentile(figures.latencies_ms, 0.5)
    p95 = percentile(figures.latencies_ms, 0.95)
    lag = max(figures.lags_ms) if figures.lags_ms else float("nan")
    ok = p95 <= P95_TARGET_MS and lag <= LAG_TARGET_MS and lost == 0 and doubled == 0
    print(
        f"{name}: {games} game(s) x {players} players x {questions} questions in {elapsed:.1f} s; "
        f"answers sent {figures.sent}; answer->stored p50 {p50:.0f} ms, p95 {p95:.0f} ms "
        f"(target {P95_TARGET_MS}); host count lag max {lag:.0f} ms (target {LAG_TARGET_MS}); "
        f"lost {lost}, doubled {doubled}; client errors {len(figures.errors)} "
        f"-> {'PASS' if ok else 'MISS'}"
    )
    for error in figures.errors[:5]:
        print("   ", error)
    return ok


async def resilient_player(server, path, cookie, stop: asyncio.Event):
    """A phone that reconnects when its server goes away, and sends again an answer the
    server has not confirmed (as live.js does)."""
    import websockets

    pending: dict[int, str] = {}
    chosen: set[int] = set()
    conn: dict = {}

    async def answer_later(index, message):
        await asyncio.sleep(random.uniform(0.05, ANSWER_WINDOW_S))
        pending[index] = message
        with contextlib.suppress(Exception):
            await conn["ws"].send(message)

    while not stop.is_set():
        try:
            conn["ws"] = await open_socket(server, path, cookie)
        except (TimeoutError, OSError, websockets.exceptions.WebSocketException):
            await asyncio.sleep(0.2)
            continue
        try:
            async for raw in conn["ws"]:
                message = json.loads(raw)
                if message.get("type") != "state":
                    continue
                if message["state"] == "ended":
                    return
                question = message.get("question")
                if not question or message["state"] != "question":
                    continue
                index = question["index"]
                if message.get("my_answer"):
                    pending.pop(index, None)
                elif index in pending:
                    await conn["ws"].send(pending[index])
                elif index not in chosen:
                    chosen.add(index)
                    choice = random.choice(question["options"])["id"]
                    body = json.dumps({"action": "answer", "index": index, "choice": choice})
                    asyncio.ensure_future(answer_later(index, body))
        except websockets.exceptions.ConnectionClosed:
            pass
        await asyncio.sleep(0.2)


def restart_scenario(servers, processes, players: int, questions: int) -> bool:
    """Kill the second server (SIGKILL) a second into question 2 and start it again on the
    same port; its players reconnect. Every answer must be stored once."""
    ((game, host_cookie, cookies),) = make_games(1, players, questions)
    from quizapp.live.models import LiveGame

    LiveGame.objects.filter(pk=game.pk).update(seconds_per_question=30)
    victim_port = int(servers[1].split(":")[1])
    downtime = {}

    async def everything():
        stop = asyncio.Event()
        host = await open_socket(servers[0], f"/ws/live/{game.pk}/host/", host_cookie)
        await host.recv()
        tasks = [
            asyncio.ensure_future(
                resilient_player(servers[n % len(servers)], f"/ws/live/{game.pk}/play/", c, stop)
            )
            for n, c in enumerate(cookies)
        ]
        await asyncio.sleep(3)
        for index in range(questions):
            await host.send(json.dumps({"action": "next"}))
            if index == 1:
                await asyncio.sleep(1.0)
                started = time.perf_counter()
                processes[1].kill()
                processes[1].wait()
                _, (fresh,) = start_servers(1, ports=[victim_port])
                processes[1] = fresh
                downtime["s"] = time.perf_counter() - started
            while True:
                message = json.loads(await asyncio.wait_for(host.recv(), 60))
                if message["type"] == "state" and message["state"] == "reveal":
                    break
        await host.send(json.dumps({"action": "end"}))
        await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), 30)
        stop.set()
        await host.close()

    asyncio.run(everything())
    lost, doubled = check_answers([game], questions, players)
    ok = lost == 0 and doubled == 0
    print(
        f"server restart: {players} players, server 2 of {len(servers)} killed and back in "
        f"{downtime.get('s', float('nan')):.1f} s during question 2; lost {lost}, "
        f"doubled {doubled} -> {'PASS' if ok else 'MISS'}"
    )
    return ok


async def resilient_host(server, path, cookie, questions: int, on_question) -> None:
    """A host screen that reconnects and drives by what it sees: Start in the lobby, Next
    after each reveal, End after the last; `on_question(index)` when a question opens."""
    import websockets

    sent: set[str] = set()
    seen: set[int] = set()
    while True:
        try:
            ws = await open_socket(server, path, cookie)
        except (TimeoutError, OSError, websockets.exceptions.WebSocketException):
            await asyncio.sleep(0.2)
            continue
        try:
            async for raw in ws:
                message = json.loads(raw)
                if message.get("type") != "state":
                    continue
                state, index = message["state"], message.get("question", {}).get("index", -1)
                if state == "ended":
                    await ws.close()
                    return
                if state == "question" and index not in seen:
                    seen.add(index)
                    on_question(index)
                step = None
                if state == "lobby":
                    step = ("start", "next")
                elif state == "reveal":
                    last = index >= questions - 1
                    step = (f"after-{index}", "end" if last else "next")
                if step and step[0] not in sent:
                    sent.add(step[0])
                    await ws.send(json.dumps({"action": step[1]}))
        except websockets.exceptions.ConnectionClosed:
            pass
        await asyncio.sleep(0.2)


def redis_blip_scenario(players: int, questions: int) -> bool:
    """Two daphne processes on a Redis of their own, which is killed a second into
    question 2 and started again a second later (its groups are gone). Every connection
    must come back, catch up, and every answer be stored once."""
    redis_port = _free_port()

    def start_redis():
        return subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )

    redis_process = start_redis()
    time.sleep(0.5)
    previous = os.environ["REDIS_URL"]
    os.environ["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
    try:
        servers, processes = start_servers(2)
    finally:
        os.environ["REDIS_URL"] = previous
    ((game, host_cookie, cookies),) = make_games(1, players, questions)
    from quizapp.live.models import LiveGame

    LiveGame.objects.filter(pk=game.pk).update(seconds_per_question=30)
    blips = []

    async def blip():
        nonlocal redis_process
        await asyncio.sleep(1.0)
        redis_process.kill()
        redis_process.wait()
        await asyncio.sleep(1.0)
        redis_process = start_redis()
        blips.append(time.perf_counter())

    def on_question(index):
        if index == 1:
            asyncio.ensure_future(blip())

    async def everything():
        stop = asyncio.Event()
        players_done = [
            asyncio.ensure_future(
                resilient_player(servers[n % len(servers)], f"/ws/live/{game.pk}/play/", c, stop)
            )
            for n, c in enumerate(cookies)
        ]
        await asyncio.sleep(2)
        await asyncio.wait_for(
            resilient_host(
                servers[0], f"/ws/live/{game.pk}/host/", host_cookie, questions, on_question
            ),
            120,
        )
        await asyncio.wait_for(asyncio.gather(*players_done, return_exceptions=True), 60)
        stop.set()

    try:
        asyncio.run(everything())
    finally:
        for process in [*processes, redis_process]:
            process.terminate()
            process.wait(10)
    lost, doubled = check_answers([game], questions, players)
    ok = lost == 0 and doubled == 0 and bool(blips)
    print(
        f"Redis blip: {players} players on 2 servers; their Redis killed for 1 s during "
        f"question 2; game finished; lost {lost}, doubled {doubled} -> {'PASS' if ok else 'MISS'}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--players", type=int, default=400, help="players of the big game (400)")
    parser.add_argument("--games", default="10x40", help="games x players at once (10x40)")
    parser.add_argument("--questions", type=int, default=3, help="questions per game (3)")
    parser.add_argument("--servers", type=int, default=2, help="daphne processes (2)")
    parser.add_argument(
        "--only", choices=["load", "restart", "redis"], help="run one kind of scenario only"
    )
    args = parser.parse_args()
    database_url = os.environ.get(
        "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/quizapp_bench_live"
    )
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/5")
    if database_url.startswith("postgres"):
        ensure_database(database_url)
    setup_django(database_url, redis_url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    servers, processes = start_servers(args.servers)
    try:
        many, size = (int(x) for x in args.games.split("x"))
        ok = True
        if args.only in (None, "load"):
            ok = scenario("one big game", servers, 1, args.players, args.questions)
            ok = scenario("games at once", servers, many, size, args.questions) and ok
        if args.only in (None, "restart"):
            ok = restart_scenario(servers, processes, 40, args.questions) and ok
        if args.only in (None, "redis"):
            ok = redis_blip_scenario(40, args.questions) and ok
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(10)
    print(f"servers: {args.servers} daphne processes; {database_url.split('@')[-1]}; {redis_url}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
