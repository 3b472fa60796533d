"""WebSocket consumers: the host screen drives a game, each phone answers.

Every message changes the database first (through the services), then the change is
announced to the game's group on the channel layer; each consumer in the group reads its
own view back from the database and sends it. A client that connects (or reconnects after
a restart or a network blip) gets the whole current view at once.

The groups are named in announce.py.
"""

from __future__ import annotations

import asyncio
import contextlib

from channels.db import DatabaseSyncToAsync
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from quizapp.study.exceptions import StudyError

from . import selectors, services
from .announce import game_group, host_group
from .exceptions import LiveError
from .models import LiveGame, LivePlayer


def _on_sqlite() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")


def database_sync_to_async(func):
    """Run `func` (ORM work) in a thread. On PostgreSQL each call may take any thread of
    the pool, with its own connection, so one game's answers do not wait behind another
    game's reads; SQLite takes one writer at a time, so there it keeps the one thread."""
    return DatabaseSyncToAsync(func, thread_sensitive=_on_sqlite())


SESSION_KEY = "live_players"  # {game id: player id} of a guest's session
FORBIDDEN = 4403
GONE = 4404
REMOVED = 4410  # the host removed this player: the phone does not reconnect
COUNT_EVERY_S = 0.25  # how often an open host screen reads the count of answers


@database_sync_to_async
def _load_game(game_id: int) -> LiveGame | None:
    game = LiveGame.objects.select_related("quiz").filter(pk=game_id).first()
    return services.settle(game=game) if game else None


@database_sync_to_async
def _host_view(game_id: int) -> dict:
    game = LiveGame.objects.select_related("quiz", "assignment__classroom").get(pk=game_id)
    services.settle(game=game)
    view = selectors.host_view(game)
    if game.assignment_id:
        view["report_url"] = reverse("classes:report", args=[game.assignment.classroom.join_code])
    return view


@database_sync_to_async
def _player_view(game_id: int, player_id: int) -> dict:
    game = LiveGame.objects.select_related("quiz").get(pk=game_id)
    player = LivePlayer.objects.get(pk=player_id)
    return selectors.player_view(services.settle(game=game), player)


@database_sync_to_async
def _standing(game_id: int, player_id: int, index: int) -> dict:
    return selectors.player_standing(game_id=game_id, player_id=player_id, index=index)


@database_sync_to_async
def _shared_view(game_id: int) -> dict:
    game = LiveGame.objects.select_related("quiz").get(pk=game_id)
    return selectors.shared_player_view(game, with_standings=True)


@database_sync_to_async
def _host_action(game_id: int, user, action: str) -> bool:
    game = LiveGame.objects.get(pk=game_id)
    services.settle(game=game)
    if action == "next":
        return services.next_step(game=game, user=user)
    if action == "pause":
        return services.toggle_pause(game=game, user=user)
    if action == "end":
        return services.end_game(game=game, user=user)
    raise LiveError(f"Unknown action {action!r}: use next, pause or end.")


@database_sync_to_async
def _remove(game_id: int, user, player_id) -> tuple[bool, bool]:
    """Remove a player (host only): (removed by this call, question closed because everyone
    left in the game has answered it)."""
    try:
        player_id = int(player_id)
    except (TypeError, ValueError):
        raise LiveError("Say which player to remove.") from None
    game = LiveGame.objects.get(pk=game_id)
    services.settle(game=game)
    removed = services.remove_player(game=game, user=user, player_id=player_id)
    closed = False
    if removed and game.state == LiveGame.State.QUESTION:
        answered, players = services.tally(game.pk, game.current_index)
        if players and answered >= players:
            closed = services.close_question(game=game, index=game.current_index)
    return removed, closed


@database_sync_to_async
def _tally(game_id: int, index: int) -> tuple[int, int]:
    return services.tally(game_id, index)


@database_sync_to_async
def _settle(game_id: int) -> bool:
    """Close the question if its time is up; True when this call closed it."""
    game = LiveGame.objects.get(pk=game_id)
    before = (game.state, game.current_index)
    services.settle(game=game)
    return (game.state, game.current_index) != before


def _find_player(game_id: int, user, session) -> LivePlayer | None:
    players = LivePlayer.objects.filter(game_id=game_id)
    if user is not None and user.is_authenticated:
        player = players.filter(user=user).first()
        if player is not None:
            return player
    player_id = (session or {}).get(SESSION_KEY, {}).get(str(game_id))
    return players.filter(pk=player_id).first() if player_id else None


@database_sync_to_async
def _player_and_view(game_id: int, user, session) -> tuple[int | None, dict | None]:
    """The player a socket belongs to and their whole view, in one trip to the database
    thread (a class joining at once opens hundreds of sockets); (None, None) if none."""
    player = _find_player(game_id, user, session)
    if player is None:
        return None, None
    game = LiveGame.objects.select_related("quiz").get(pk=game_id)
    return player.pk, selectors.player_view(services.settle(game=game), player)


@database_sync_to_async
def _answer(player_id: int, content: dict):
    player = LivePlayer.objects.select_related("user", "game").get(pk=player_id)
    try:
        index = int(content.get("index"))
    except (TypeError, ValueError):
        raise LiveError("Say which question the answer is for.") from None
    answered = services.submit_answer(
        player=player,
        index=index,
        choice_id=content.get("choice"),
        answer_text=str(content.get("text") or "")[:1000],
        game=player.game,
    )
    closed = False
    if answered.created and answered.everyone_answered:
        closed = services.close_question(game=player.game, index=index)
    return answered, closed


class _GameConsumer(AsyncJsonWebsocketConsumer):
    game_id: int

    async def announce_change(self) -> None:
        """Tell the game's group that its state changed, with the view every player shares
        when there is one (a question opening then costs no query per player)."""
        shared = await _shared_view(self.game_id)
        await self.channel_layer.group_send(
            game_group(self.game_id), {"type": "game.changed", "shared": shared}
        )

    async def send_error(self, message: str) -> None:
        await self.send_json({"type": "error", "message": message})


class HostConsumer(_GameConsumer):
    """The host screen: sends Next, Pause and End; gets the whole view on every change
    and the count of answers as they come. It also keeps the question's clock: when the
    time is up it closes the question (any process may; the first close wins)."""

    timer: asyncio.Task | None = None
    idle_timer: asyncio.Task | None = None
    counter: asyncio.Task | None = None

    async def connect(self):
        self.game_id = int(self.scope["url_route"]["kwargs"]["game_id"])
        self.user = self.scope.get("user")
        game = await _load_game(self.game_id)
        if game is None or self.user is None or game.host_id != self.user.pk:
            await self.close(code=FORBIDDEN)
            return
        await self.channel_layer.group_add(game_group(self.game_id), self.channel_name)
        await self.channel_layer.group_add(host_group(self.game_id), self.channel_name)
        await self.accept()
        await self.send_view()

    async def disconnect(self, code):
        for timer in (self.timer, self.idle_timer, self.counter):
            if timer:
                timer.cancel()
        if getattr(self, "game_id", None) is not None:
            await self.channel_layer.group_discard(game_group(self.game_id), self.channel_name)
            await self.channel_layer.group_discard(host_group(self.game_id), self.channel_name)

    async def receive_json(self, content, **kwargs):
        action = content.get("action") if isinstance(content, dict) else None
        if action == "sync":
            await self.send_view()
            return
        if action == "remove":
            await self.remove(content.get("player"))
            return
        try:
            changed = await _host_action(self.game_id, self.user, action)
        except LiveError as error:
            await self.send_error(error.message)
            return
        if changed:
            await self.announce_change()
        else:
            await self.send_view()

    async def remove(self, player_id) -> None:
        """Take a player out: their phone is told and closed, every host screen redrawn."""
        try:
            removed, closed = await _remove(self.game_id, self.user, player_id)
        except LiveError as error:
            await self.send_error(error.message)
            return
        if removed:
            await self.channel_layer.group_send(
                game_group(self.game_id), {"type": "player.removed", "player": int(player_id)}
            )
        if closed:
            await self.announce_change()
        elif not removed:
            await self.send_view()

    async def player_removed(self, event):
        await self.send_view()

    async def send_view(self) -> None:
        view = await _host_view(self.game_id)
        await self.send_json({"type": "state", **view})
        self.keep_clock(view)

    def keep_clock(self, view: dict) -> None:
        for timer in (self.timer, self.idle_timer, self.counter):
            if timer:
                timer.cancel()
        self.timer = self.idle_timer = self.counter = None
        if view["state"] == LiveGame.State.QUESTION:
            self.timer = asyncio.ensure_future(self.close_when_due(view["remaining_ms"]))
            if "question" in view:  # not when its question was deleted meanwhile
                self.counter = asyncio.ensure_future(
                    self.keep_count(
                        view["question"]["index"], view["answered"], view["player_count"]
                    )
                )
        if "idle_ms" in view:
            self.idle_timer = asyncio.ensure_future(self.end_when_idle(view["idle_ms"]))

    async def keep_count(self, index: int, answered: int, players: int) -> None:
        """While a question is open, read the count of answers every COUNT_EVERY_S and send
        it when it changed: one small query per host, however many answer at once (a
        message per answer would queue up behind a class answering together)."""
        with contextlib.suppress(asyncio.CancelledError):
            while True:
                await asyncio.sleep(COUNT_EVERY_S)
                now = await _tally(self.game_id, index)
                if now != (answered, players):
                    answered, players = now
                    await self.send_json(
                        {"type": "count", "index": index, "answered": answered, "players": players}
                    )

    async def end_when_idle(self, idle_ms: int) -> None:
        """An open host screen ends its game when the game has been idle for an hour
        (`manage.py end_idle_games` ends the games nobody is looking at)."""
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.sleep(idle_ms / 1000 + 1)
            game = await _load_game(self.game_id)
            if game is not None and game.is_ended:
                # Ended by this call or elsewhere: every screen shows it.
                await self.announce_change()
            else:
                await self.send_view()

    async def close_when_due(self, remaining_ms: int) -> None:
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.sleep(remaining_ms / 1000 + 0.05)
            if await _settle(self.game_id):
                await self.announce_change()

    async def game_changed(self, event):
        await self.send_view()

    async def players_changed(self, event):
        await self.send_view()


class PlayerConsumer(_GameConsumer):
    """One player's phone: sends answers; gets its own view on every change of state."""

    async def connect(self):
        self.game_id = int(self.scope["url_route"]["kwargs"]["game_id"])
        # In the group before the view is read, so no change falls between the two.
        await self.channel_layer.group_add(game_group(self.game_id), self.channel_name)
        self.player_id, view = await _player_and_view(
            self.game_id, self.scope.get("user"), self.scope.get("session")
        )
        if self.player_id is None:
            await self.channel_layer.group_discard(game_group(self.game_id), self.channel_name)
            await self.close(code=FORBIDDEN)
            return
        await self.accept()
        await self.send_state(view)
        if view["state"] == "removed":
            await self.close(code=REMOVED)

    async def disconnect(self, code):
        if getattr(self, "player_id", None) is not None:
            await self.channel_layer.group_discard(game_group(self.game_id), self.channel_name)

    async def receive_json(self, content, **kwargs):
        action = content.get("action") if isinstance(content, dict) else None
        if action == "answer":
            await self.answer(content)
        elif action == "sync":
            # The phone's countdown reached zero: the server decides whether time is up.
            if await _settle(self.game_id):
                await self.announce_change()
            else:
                await self.send_view()
        else:
            # Players answer; they never drive the game.
            await self.send_error("Only the teacher who runs this game can drive it.")

    async def answer(self, content: dict) -> None:
        try:
            answered, closed = await _answer(self.player_id, content)
        except (LiveError, StudyError) as error:
            await self.send_error(error.message)
            await self.send_view()
            return
        question = (self.view or {}).get("question")
        if question and question["index"] == answered.answer.index:
            # The view as it was, with the answer stored (the first one, on a repeat).
            self.view["my_answer"] = {
                "choice": answered.answer.choice_id,
                "text": answered.answer.answer_text,
            }
            await self.send_state(self.view)
        else:
            await self.send_view()
        if closed:
            await self.announce_change()

    view: dict | None = None

    async def send_view(self) -> None:
        """This player's whole view, read from the database."""
        await self.send_state(await _player_view(self.game_id, self.player_id))

    async def send_state(self, view: dict) -> None:
        self.view = view
        await self.send_json({"type": "state", "sent_at": timezone.now().isoformat(), **view})

    async def player_removed(self, event):
        if event["player"] == self.player_id:
            await self.send_view()  # says they were removed
            await self.close(code=REMOVED)

    async def game_changed(self, event):
        shared = event.get("shared")
        if shared is None or self.view is None:
            await self.send_view()
            return
        if shared["state"] in (LiveGame.State.REVEAL, LiveGame.State.ENDED):
            # Results: this player's own answer, points and rank, sent along for every
            # player; read here (three queries) only for someone not among them.
            standing = shared.get("standings", {}).get(str(self.player_id))
            if standing is None:
                index = shared["question"]["index"] if "question" in shared else -1
                standing = await _standing(self.game_id, self.player_id, index)
            await self.send_state(
                selectors.personal_view(
                    shared,
                    nickname=standing["nickname"],
                    score=standing["score"],
                    given=standing["given"],
                    rank=standing["rank"],
                )
            )
            return
        # A question opened, paused or went on: the same for everyone but this player's
        # answer, which is the one known here if it is still the same question. No query.
        before = self.view.get("question")
        same = before and shared.get("question") and before["index"] == shared["question"]["index"]
        view = selectors.personal_view(
            shared, nickname=self.view["nickname"], score=self.view["score"]
        )
        if "question" in view:
            view["my_answer"] = self.view.get("my_answer") if same else None
        await self.send_state(view)
