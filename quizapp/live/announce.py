"""Telling a game's screens of a change made outside its consumers (a page, a command).

The change is in the database already; the announcement only saves the screens the wait.
A channel layer that is down (Redis gone) loses it, and each screen reads the whole view
again when it reconnects or next acts.

Groups: `live-<id>` (the host and every player: a change of state) and `live-<id>-host`
(the host alone: a player who joined). The host screen reads the count of answers itself.
"""

from __future__ import annotations

import contextlib

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from . import selectors
from .models import LiveGame


def game_group(game_id: int) -> str:
    return f"live-{game_id}"


def host_group(game_id: int) -> str:
    return f"live-{game_id}-host"


def _send(group: str, event: dict) -> bool:
    """Send to a group; False when the layer could not take it."""
    with contextlib.suppress(Exception):
        async_to_sync(get_channel_layer().group_send)(group, event)
        return True
    return False


def players_changed(game_id: int) -> bool:
    """The host's list of players changed (someone joined)."""
    return _send(host_group(game_id), {"type": "players.changed"})


def game_changed(game: LiveGame) -> bool:
    """The game's state changed: every screen draws it again (the players from the view
    they share, sent along as the consumers send it)."""
    shared = selectors.shared_player_view(game, with_standings=True)
    return _send(game_group(game.pk), {"type": "game.changed", "shared": shared})
