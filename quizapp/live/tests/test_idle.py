"""A game nobody touches for an hour ends by itself, and its open screens show it."""

from datetime import timedelta
from io import StringIO

import pytest
from asgiref.sync import sync_to_async
from django.core.management import call_command, load_command_class
from django.utils import timezone

from quizapp.live import selectors, services
from quizapp.live.consumers import SESSION_KEY
from quizapp.live.models import LiveGame
from quizapp.live.tests.test_consumers import connect, in_own_loop, receive
from quizapp.study.models import Attempt

State = LiveGame.State
HOUR = timedelta(hours=1)


def new_game(teacher, quiz, *, now=None):
    return services.create_game(host=teacher, quiz=quiz, allow_guests=True, now=now)


def idle_since(game, when) -> None:
    LiveGame.objects.filter(pk=game.pk).update(last_activity=when)


def test_only_games_idle_for_over_an_hour_are_ended(teacher, live_quiz, class_students):
    t0 = timezone.now()
    idle = new_game(teacher, live_quiz, now=t0)
    ann = services.join_game(game=idle, user=class_students[0], now=t0)
    busy = new_game(teacher, live_quiz, now=t0)
    services.start_game(game=busy, user=teacher, now=t0 + timedelta(minutes=30))
    finished = new_game(teacher, live_quiz, now=t0)
    services.end_game(game=finished, user=teacher, now=t0 + timedelta(minutes=1))

    assert services.end_idle_games(now=t0 + HOUR) == []  # an hour, not over it
    assert services.end_idle_games(now=t0 + HOUR + timedelta(seconds=1)) == [idle.pk]
    assert services.end_idle_games(now=t0 + 2 * HOUR) == [busy.pk]

    games = {g.pk: g for g in LiveGame.objects.all()}
    assert games[idle.pk].state == State.ENDED and games[idle.pk].ended_idle
    assert not games[finished.pk].ended_idle
    # The student's attempt is finished and scored, as when the host presses End.
    assert Attempt.objects.get(pk=ann.attempt_id).finished_at is not None
    # The PIN is free again, and the views say how the game ended.
    assert not LiveGame.objects.running().filter(pin=idle.pin).exists()
    assert selectors.host_view(games[idle.pk])["ended_idle"] is True
    assert selectors.player_view(games[idle.pk], ann)["ended_idle"] is True
    assert selectors.host_view(games[finished.pk])["ended_idle"] is False


def test_the_command_ends_idle_games_and_says_how_many(teacher, live_quiz):
    stale, fresh = new_game(teacher, live_quiz), new_game(teacher, live_quiz)
    idle_since(stale, timezone.now() - HOUR - timedelta(minutes=5))
    out = StringIO()
    call_command("end_idle_games", stdout=out)
    assert out.getvalue().strip() == "Ended 1 idle live game(s)."
    assert LiveGame.objects.get(pk=stale.pk).is_ended
    assert not LiveGame.objects.get(pk=fresh.pk).is_ended
    out = StringIO()
    call_command("end_idle_games", stdout=out)
    assert out.getvalue().strip() == "Ended 0 idle live game(s)."


def test_the_command_explains_itself():
    command = load_command_class("quizapp.live", "end_idle_games")
    text = command.create_parser("manage.py", "end_idle_games").format_help()
    assert "no activity" in text and "for over an hour" in text
    assert "QUIZAPP_IDLE_SWEEP_SECONDS" in text


@pytest.mark.django_db(transaction=True)
def test_open_screens_show_a_game_the_command_ended(teacher, live_quiz):
    game = new_game(teacher, live_quiz)
    guest = services.join_game(game=game, nickname="Zed")

    async def run():
        host = connect(f"/ws/live/{game.pk}/host/", user=teacher)
        await host.connect()
        assert (await receive(host))["state"] == "lobby"
        phone = connect(
            f"/ws/live/{game.pk}/play/", session={SESSION_KEY: {str(game.pk): guest.pk}}
        )
        await phone.connect()
        assert (await receive(phone))["state"] == "lobby"

        await sync_to_async(idle_since)(game, timezone.now() - HOUR - timedelta(minutes=1))
        await sync_to_async(call_command)("end_idle_games", verbosity=0)
        for screen in (host, phone):
            ended = await receive(screen)
            assert ended["state"] == "ended" and ended["ended_idle"] is True
            await screen.disconnect()

    in_own_loop(run)


@pytest.mark.django_db(transaction=True)
def test_an_open_host_screen_ends_its_idle_game_on_time(teacher, live_quiz):
    game = new_game(teacher, live_quiz)
    guest = services.join_game(game=game, nickname="Zed")
    # Half a second of the hour left.
    idle_since(game, timezone.now() - HOUR + timedelta(milliseconds=500))

    async def run():
        host = connect(f"/ws/live/{game.pk}/host/", user=teacher)
        await host.connect()
        assert (await receive(host))["state"] == "lobby"
        phone = connect(
            f"/ws/live/{game.pk}/play/", session={SESSION_KEY: {str(game.pk): guest.pk}}
        )
        await phone.connect()
        await receive(phone)
        for screen in (host, phone):
            ended = await receive(screen, timeout=5)
            assert ended["state"] == "ended" and ended["ended_idle"] is True
            await screen.disconnect()

    in_own_loop(run)
    assert LiveGame.objects.get().ended_idle
