"""What the host and each player see of a game, as plain data (sent as JSON).

No right answer leaves the server before the reveal: a player's view of an open
question carries its prompt and options (id, label, text) only, and whether their own
answer was right appears once the question has closed.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import datetime
from string import ascii_uppercase

from django.db.models import Count, IntegerField, Q, Value
from django.utils import timezone

from quizapp.compiled import CompiledQuery, Id
from quizapp.study import selectors as study_selectors

from .models import LiveAnswer, LiveGame, LivePlayer

State = LiveGame.State
TOP = 5
PODIUM = 3
# Views of a question in these states show it; a reveal also shows its answer.
SHOWS_QUESTION = (State.QUESTION, State.PAUSED, State.REVEAL)
# Parts of the shared view that stay on the server: personal_view leaves them out.
SERVER_ONLY = ("answer_key", "standings")


def _label(position: int) -> str:
    return ascii_uppercase[position] if position < len(ascii_uppercase) else str(position + 1)


def _question(game: LiveGame):
    question_id = game.current_question_id
    if question_id is None:
        return None
    return study_selectors.question_with_choices(question_id=question_id)


def _question_view(question, index: int, total: int) -> dict:
    """The question as anyone may see it while it is open: no sign of the right answer."""
    return {
        "index": index,
        "number": index + 1,
        "total": total,
        "prompt": question.prompt,
        "typed": not question.has_choices,
        "options": [
            {"id": c.pk, "label": _label(i), "text": c.text}
            for i, c in enumerate(question.choices.all())
        ]
        if question.has_choices
        else [],
    }


def _right_answer(question) -> dict:
    right = question.correct_choice if question.has_choices else None
    return {
        "right_choice": right.pk if right else None,
        "right_answer": right.text if right else question.answer,
        "explanation": question.explanation,
    }


def _clock(game: LiveGame, now: datetime) -> dict:
    """Time left in ms, measured by the server: clients count down from when they got it."""
    if game.state == State.QUESTION and game.closes_at:
        remaining = max(0, int((game.closes_at - now).total_seconds() * 1000))
    elif game.state == State.PAUSED:
        remaining = game.paused_remaining_ms or 0
    else:
        remaining = 0
    return {"remaining_ms": remaining, "seconds": game.seconds_per_question}


def ranking(game: LiveGame, limit: int | None = None) -> list[dict]:
    """Players by points, best first (ties by who joined first)."""
    players = game.players.present().order_by("-score", "joined_at").values("nickname", "score")
    if limit:
        players = players[:limit]
    return [{"rank": i + 1, **p} for i, p in enumerate(players)]


def reveal_stats(game: LiveGame, question, index: int) -> dict:
    """How the game answered question `index`: a count per option, right and wrong counts,
    the share right and the top players (the players the host removed left out)."""
    answers = LiveAnswer.objects.counted().filter(game=game, index=index)
    totals = answers.aggregate(total=Count("id"), right=Count("id", filter=Q(is_correct=True)))
    by_choice = dict(answers.exclude(choice=None).values_list("choice_id").annotate(n=Count("id")))
    options = [
        {
            "id": c.pk,
            "label": _label(i),
            "text": c.text,
            "count": by_choice.get(c.pk, 0),
            "is_correct": c.is_correct,
        }
        for i, c in enumerate(question.choices.all())
    ]
    total, right = totals["total"], totals["right"]
    return {
        "answered": total,
        "right": right,
        "wrong": total - right,
        "share_right": round(100 * right / total) if total else 0,
        "options": options,
        "top": ranking(game, TOP),
    }


def _players(game: LiveGame) -> list[dict]:
    """The players still in the game, in the order they joined, each said in words as a
    student of the class, signed in, or a guest (one query)."""
    players = []
    for row in game.players.present().values("pk", "nickname", "user_id", "in_class"):
        kind = LivePlayer.kind_of(in_class=row["in_class"], user_id=row["user_id"])
        players.append(
            {"id": row["pk"], "nickname": row["nickname"], "kind": kind, "kind_label": kind.label}
        )
    return players


def host_view(game: LiveGame, now: datetime | None = None) -> dict:
    """Everything the host screen shows, for the game as it is now."""
    now = now or timezone.now()
    view = {
        "role": "host",
        "state": game.state,
        "state_label": game.get_state_display(),
        "pin": game.pin,
        "title": game.quiz.title,
        "total": game.question_count,
        "has_next": game.has_next,
        "players": _players(game),
        **_clock(game, now),
    }
    view["player_count"] = len(view["players"])
    question = _question(game) if game.state in SHOWS_QUESTION else None
    if question is not None:
        view["question"] = _question_view(question, game.current_index, game.question_count)
        view["answered"] = (
            LiveAnswer.objects.counted().filter(game=game, index=game.current_index).count()
        )
        if game.state == State.REVEAL:
            view["reveal"] = {
                **_right_answer(question),
                **reveal_stats(game, question, game.current_index),
            }
    if game.state == State.ENDED:
        view["podium"] = ranking(game, PODIUM)
        view["ended_idle"] = game.ended_idle
    else:
        view["idle_ms"] = max(0, int((game.idle_ends_at - now).total_seconds() * 1000))
    return view


def shared_player_view(
    game: LiveGame, now: datetime | None = None, *, with_standings: bool = False
) -> dict:
    """The part of every player's view that is the same for all players.

    Built once by whoever changed the game and sent with the announcement, so that a
    change costs each player's consumer no query (see `personal_view`). In a reveal it
    carries the answer key under `answer_key`, which `personal_view` turns into the
    player's result, and `with_standings` every player's points, rank and answer under
    `standings` (see `standings`); neither reaches a client as it is.
    """
    now = now or timezone.now()
    view = {
        "role": "player",
        "state": game.state,
        "state_label": game.get_state_display(),
        "title": game.quiz.title,
        "total": game.question_count,
        **_clock(game, now),
    }
    question = _question(game) if game.state in SHOWS_QUESTION else None
    if question is not None:
        view["question"] = _question_view(question, game.current_index, game.question_count)
        if game.state == State.REVEAL:
            view["answer_key"] = _right_answer(question)
    if game.state in (State.REVEAL, State.ENDED):
        view["player_count"] = game.players.present().count()
    if game.state == State.ENDED:
        view["podium"] = ranking(game, PODIUM)
        view["ended_idle"] = game.ended_idle
    if with_standings and game.state in (State.REVEAL, State.ENDED):
        index = game.current_index if game.state == State.REVEAL else -1
        view["standings"] = standings(game, index)
    return view


def standings(game: LiveGame, index: int) -> dict[str, dict]:
    """Every player's name, points, rank and answer to question `index` (none when below
    0), by player id as text: what `player_standing` gives one player, for all of them in
    two queries. Sent once with a reveal, it spares each phone's consumer its own three."""
    players = list(game.players.present().values_list("pk", "nickname", "score"))
    given = {}
    if index >= 0:
        rows = LiveAnswer.objects.filter(game=game, index=index).values_list(
            "player_id", "choice_id", "answer_text", "is_correct", "points"
        )
        for player_id, choice_id, answer_text, is_correct, points in rows:
            given[player_id] = {
                "choice_id": choice_id,
                "answer_text": answer_text,
                "is_correct": is_correct,
                "points": points,
            }
    # Rank: one more than the number of players with more points.
    lower_first = sorted(-score for _, _, score in players)
    return {
        str(pk): {
            "nickname": nickname,
            "score": score,
            "rank": bisect_left(lower_first, -score) + 1,
            "given": given.get(pk),
        }
        for pk, nickname, score in players
    }


# A reveal reads every player's standing at once: these are built once per process. Index
# and score go in as expressions, since their stand-ins lie outside the columns' ranges.
_NAME_AND_SCORE = CompiledQuery(
    lambda player: LivePlayer.objects.filter(pk=player).values_list("nickname", "score"),
    player=Id,
)
_GIVEN = CompiledQuery(
    lambda player, index: LiveAnswer.objects.filter(
        player_id=player, index=Value(index, IntegerField())
    ).values_list("choice_id", "answer_text", "is_correct", "points"),
    player=Id,
    index=Id,
)
_AHEAD = CompiledQuery(
    lambda game, score: (
        LivePlayer.objects.present()
        .filter(game_id=game, score__gt=Value(score, IntegerField()))
        .order_by()
        .values("game_id")
        .annotate(n=Count("pk"))
        .values("n")
    ),
    game=Id,
    score=Id,
)


def player_standing(*, game_id: int, player_id: int, index: int) -> dict:
    """A player's name, points, rank and answer to question `index` (three queries)."""
    rows = _NAME_AND_SCORE.rows(player=player_id)
    if not rows:
        raise LivePlayer.DoesNotExist(f"Player {player_id} is not in the game.")
    nickname, score = rows[0]
    given = None
    if index >= 0:
        answer = _GIVEN.rows(player=player_id, index=index)
        if answer:
            choice_id, answer_text, is_correct, points = answer[0]
            given = {
                "choice_id": choice_id,
                "answer_text": answer_text,
                "is_correct": bool(is_correct),
                "points": points,
            }
    rank = (_AHEAD.value(game=game_id, score=score) or 0) + 1
    return {"nickname": nickname, "score": score, "given": given, "rank": rank}


def personal_view(
    shared: dict, *, nickname: str, score: int, given: dict | None = None, rank: int | None = None
) -> dict:
    """One player's view: the shared one with their name, points and answer.

    While a question is open the points leave out what its answer earned (they would
    tell whether it was right); in the reveal come the verdict, the right answer, the
    points and the rank.
    """
    view = {key: value for key, value in shared.items() if key not in SERVER_ONLY}
    view["nickname"] = nickname
    view["score"] = score
    state = shared["state"]
    if "question" in shared:
        view["my_answer"] = (
            {"choice": given["choice_id"], "text": given["answer_text"]} if given else None
        )
        if given is not None and state != State.REVEAL:
            view["score"] -= given["points"]
        if state == State.REVEAL:
            view["result"] = {
                **shared["answer_key"],
                "answered": given is not None,
                "is_correct": bool(given and given["is_correct"]),
                "points": given["points"] if given else 0,
            }
    if state in (State.REVEAL, State.ENDED):
        view["rank"] = rank
    return view


def removed_view(game: LiveGame, nickname: str) -> dict:
    """What the phone of a player the host removed shows: that, and nothing of the game."""
    return {
        "role": "player",
        "state": "removed",
        "state_label": "Removed",
        "title": game.quiz.title,
        "nickname": nickname,
        "score": 0,
        "remaining_ms": 0,
    }


def player_view(game: LiveGame, player: LivePlayer, now: datetime | None = None) -> dict:
    """What one player's phone shows: the open question and the answer they gave; after the
    close, whether it was right, the right answer, their points and rank."""
    if player.removed_at is not None:
        return removed_view(game, player.nickname)
    standing = player_standing(game_id=game.pk, player_id=player.pk, index=game.current_index)
    return personal_view(
        shared_player_view(game, now),
        nickname=standing["nickname"],
        score=standing["score"],
        given=standing["given"],
        rank=standing["rank"],
    )
