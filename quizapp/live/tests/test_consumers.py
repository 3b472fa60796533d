"""The host and players over real WebSockets (channels' communicator, in-memory layer)."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.sync import sync_to_async
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator

from quizapp.content.models import Choice
from quizapp.live import services
from quizapp.live.consumers import SESSION_KEY
from quizapp.live.models import LiveAnswer, LiveGame
from quizapp.live.routing import websocket_urlpatterns

pytestmark = pytest.mark.django_db(transaction=True)
app = URLRouter(websocket_urlpatterns)
State = LiveGame.State


def in_own_loop(coroutine_function) -> None:
    """Run the test's coroutine in an event loop of its own thread: a browser test earlier
    in the session leaves Playwright's loop in the main thread."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coroutine_function()).result()


def connect(path, *, user=None, session=None):
    from django.contrib.auth.models import AnonymousUser

    communicator = WebsocketCommunicator(app, path)
    communicator.scope["user"] = user or AnonymousUser()
    communicator.scope["session"] = session or {}
    return communicator


async def receive(communicator, kind="state", timeout=3):
    """The next message of this kind (skipping others)."""
    while True:
        message = await communicator.receive_json_from(timeout=timeout)
        if message["type"] == kind:
            return message


@pytest.fixture
def game(teacher, live_quiz, assignment):
    return services.create_game(
        host=teacher, quiz=live_quiz, assignment=assignment, allow_guests=True
    )


def test_only_the_host_opens_the_host_socket(game, teacher, class_students):
    async def run():
        stranger = connect(f"/ws/live/{game.pk}/host/", user=class_students[0])
        connected, code = await stranger.connect()
        assert not connected
        host = connect(f"/ws/live/{game.pk}/host/", user=teacher)
        assert (await host.connect())[0]
        view = await receive(host)
        assert view["state"] == "lobby" and view["pin"] == game.pin
        await host.disconnect()

    in_own_loop(run)


def test_someone_who_has_not_joined_cannot_play(game, class_students):
    async def run():
        player = connect(f"/ws/live/{game.pk}/play/", user=class_students[0])
        assert not (await player.connect())[0]

    in_own_loop(run)


def test_a_question_round_trip(game, teacher, class_students):
    ann = services.join_game(game=game, user=class_students[0])
    guest = services.join_game(game=game, nickname="Zed")

    async def run():
        host = connect(f"/ws/live/{game.pk}/host/", user=teacher)
        await host.connect()
        players = (await receive(host))["players"]
        assert [(p["nickname"], p["kind_label"]) for p in players] == [
            ("ann", "class"),
            ("Zed", "guest"),
        ]
        phone = connect(f"/ws/live/{game.pk}/play/", user=class_students[0])
        await phone.connect()
        assert (await receive(phone))["state"] == "lobby"
        guest_phone = connect(
            f"/ws/live/{game.pk}/play/", session={SESSION_KEY: {str(game.pk): guest.pk}}
        )
        await guest_phone.connect()
        await receive(guest_phone)

        # A player cannot drive.
        await phone.send_json_to({"action": "next"})
        assert "Only the teacher" in (await receive(phone, "error"))["message"]

        await host.send_json_to({"action": "next"})
        shown = await receive(host)
        assert shown["state"] == "question" and shown["answered"] == 0
        question = (await receive(phone))["question"]
        assert "is_correct" not in str(question) and "right" not in str(question)
        await receive(guest_phone)

        right = await sync_to_async(
            lambda: Choice.objects.get(question_id=game.question_ids[0], is_correct=True)
        )()
        await phone.send_json_to({"action": "answer", "index": 0, "choice": right.pk})
        mine = await receive(phone)
        assert mine["my_answer"]["choice"] == right.pk and "result" not in mine
        count = await receive(host, "count")
        assert (count["answered"], count["players"]) == (1, 2)

        # A double tap returns the first answer and counts nothing more.
        await phone.send_json_to({"action": "answer", "index": 0, "choice": right.pk + 1})
        assert (await receive(phone))["my_answer"]["choice"] == right.pk

        # The last player's answer closes the question for everyone.
        await guest_phone.send_json_to({"action": "answer", "index": 0, "choice": right.pk + 1})
        await receive(guest_phone)
        revealed = await receive(host)
        while revealed["state"] != "reveal":
            revealed = await receive(host)
        assert revealed["reveal"]["right_answer"] == "Paris"
        assert revealed["reveal"]["share_right"] == 50
        result = await receive(phone)
        while result["state"] != "reveal":
            result = await receive(phone)
        assert result["result"]["is_correct"] and result["rank"] == 1

        for communicator in (host, phone, guest_phone):
            await communicator.disconnect()

    in_own_loop(run)
    assert LiveAnswer.objects.count() == 2
    assert LiveGame.objects.get().state == State.REVEAL
    ann.refresh_from_db()
    assert ann.score > 0


def test_the_server_closes_the_question_when_time_is_up(game, teacher):
    services.join_game(game=game, nickname="Zed")

    async def run():
        host = connect(f"/ws/live/{game.pk}/host/", user=teacher)
        await host.connect()
        await receive(host)
        await sync_to_async(
            lambda: LiveGame.objects.filter(pk=game.pk).update(seconds_per_question=1)
        )()
        await host.send_json_to({"action": "next"})
        assert (await receive(host))["state"] == "question"
        assert (await receive(host, timeout=4))["state"] == "reveal"
        await host.disconnect()

    in_own_loop(run)


def test_a_reconnecting_player_gets_the_question_and_their_answer(game, teacher):
    guest = services.join_game(game=game, nickname="Zed")
    services.join_game(game=game, nickname="Amy")
    services.start_game(game=game, user=teacher)
    right = Choice.objects.get(question_id=game.question_ids[0], is_correct=True)
    services.submit_answer(player=guest, index=0, choice_id=right.pk)

    async def run():
        phone = connect(
            f"/ws/live/{game.pk}/play/", session={SESSION_KEY: {str(game.pk): guest.pk}}
        )
        await phone.connect()
        view = await receive(phone)
        assert view["state"] == "question"
        assert view["my_answer"]["choice"] == right.pk
        await phone.disconnect()

    in_own_loop(run)


def test_pause_resume_and_end_reach_every_phone(game, teacher):
    guest = services.join_game(game=game, nickname="Zed")

    async def run():
        host = connect(f"/ws/live/{game.pk}/host/", user=teacher)
        await host.connect()
        await receive(host)
        phone = connect(
            f"/ws/live/{game.pk}/play/", session={SESSION_KEY: {str(game.pk): guest.pk}}
        )
        await phone.connect()
        await receive(phone)
        await host.send_json_to({"action": "next"})
        assert (await receive(phone))["state"] == "question"
        await host.send_json_to({"action": "pause"})
        paused = await receive(phone)
        assert paused["state"] == "paused" and 0 < paused["remaining_ms"] <= 20000
        await host.send_json_to({"action": "pause"})
        assert (await receive(phone))["state"] == "question"
        await host.send_json_to({"action": "end"})
        ended = await receive(phone)
        while ended["state"] != "ended":
            ended = await receive(phone)
        assert ended["podium"] == [{"rank": 1, "nickname": "Zed", "score": 0}]
        assert ended["rank"] == 1
        for communicator in (host, phone):
            await communicator.disconnect()

    in_own_loop(run)
    assert LiveGame.objects.get().state == State.ENDED


def test_the_host_removes_a_player_whose_phone_says_so(game, teacher, class_students):
    ann = services.join_game(game=game, user=class_students[0])
    services.join_game(game=game, nickname="Zed")
    services.start_game(game=game, user=teacher)
    right = Choice.objects.get(question_id=game.question_ids[0], is_correct=True)

    async def run():
        host = connect(f"/ws/live/{game.pk}/host/", user=teacher)
        await host.connect()
        assert (await receive(host))["player_count"] == 2
        phone = connect(f"/ws/live/{game.pk}/play/", user=class_students[0])
        await phone.connect()
        await receive(phone)
        guest_phone = connect(
            f"/ws/live/{game.pk}/play/",
            session={SESSION_KEY: {str(game.pk): (await _guest_id(game))}},
        )
        await guest_phone.connect()
        await receive(guest_phone)
        await guest_phone.send_json_to({"action": "answer", "index": 0, "choice": right.pk})
        await receive(guest_phone)
        assert (await receive(host, "count"))["answered"] == 1

        # A player cannot remove anyone.
        await phone.send_json_to({"action": "remove", "player": ann.pk})
        assert "Only the teacher" in (await receive(phone, "error"))["message"]

        # Ann is removed before answering: her phone says so and closes; Zed alone had
        # still to answer, and has, so the question closes.
        await host.send_json_to({"action": "remove", "player": ann.pk})
        removed = await receive(phone)
        assert removed["state"] == "removed"
        assert (await phone.receive_output(timeout=3))["code"] == 4410
        shown = await receive(host)
        while shown["state"] != "reveal":
            shown = await receive(host)
        assert [p["nickname"] for p in shown["players"]] == ["Zed"]
        assert shown["reveal"]["answered"] == 1 and shown["player_count"] == 1

        # Coming back, her phone is told again and closed; her answers are refused.
        again = connect(f"/ws/live/{game.pk}/play/", user=class_students[0])
        await again.connect()
        assert (await receive(again))["state"] == "removed"
        for communicator in (host, guest_phone):
            await communicator.disconnect()

    in_own_loop(run)
    assert not LiveAnswer.objects.filter(player=ann).exists()


@sync_to_async
def _guest_id(game):
    return game.players.get(nickname="Zed").pk
