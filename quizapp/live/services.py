"""Writes for live games: create, join, drive (start, next, pause, end) and answer.

Every change is written to the database before anyone is told of it. Changes of state
are conditional updates (`state` and `current_index` as the caller saw them), so two
processes that both try to close a question, or a host who presses Next twice, change
the game once; the caller broadcasts only when its update won.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, F, IntegerField, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from quizapp.classes.models import Enrollment
from quizapp.compiled import CompiledQuery, Id
from quizapp.study import selectors as study_selectors
from quizapp.study import services as study_services
from quizapp.study.exceptions import QuizEmpty, StudyError
from quizapp.study.models import LIVE_SECONDS_MAX, LIVE_SECONDS_MIN

from .exceptions import (
    GameNotFound,
    GameOver,
    GuestsNotAllowed,
    InvalidNickname,
    NicknameTaken,
    NotHost,
    PlayerRemoved,
    QuestionClosed,
    TooManyGuesses,
)
from .models import IDLE_LIMIT, LiveAnswer, LiveGame, LivePlayer, new_pin

State = LiveGame.State
PIN_MISSES_ALLOWED = 10
PIN_MISS_WINDOW_SECONDS = 300
PIN_FORMAT = re.compile(r"\d{6}")
NICKNAME_MAX = 20
BASE_POINTS = 500
SPEED_POINTS = 500


# --- Creating and finding games ------------------------------------------------------


@transaction.atomic
def create_game(
    *,
    host,
    quiz,
    assignment=None,
    allow_guests: bool = False,
    seconds_per_question: int | None = None,
    keep_seconds_for_quiz: bool = False,
    now: datetime | None = None,
) -> LiveGame:
    """A new game of `quiz` in its lobby, with a PIN no running game uses.

    The questions are the quiz's published ones, drawn and ordered as for an attempt.
    Each stays open for the quiz's `live_seconds` unless the host chose another time for
    this game (`keep_seconds_for_quiz` saves that time on the quiz as well). Raises
    QuizEmpty when the quiz has no questions, and then saves nothing.
    """
    now = now or timezone.now()
    end_idle_games(now=now)
    question_ids = list(study_selectors.quiz_question_ids([quiz])[quiz.pk])
    if quiz.question_count:
        question_ids = question_ids[: quiz.question_count]
    if not question_ids:
        raise QuizEmpty()
    if seconds_per_question is None:
        seconds_per_question = quiz.live_seconds
    seconds = max(LIVE_SECONDS_MIN, min(int(seconds_per_question), LIVE_SECONDS_MAX))
    if keep_seconds_for_quiz:
        study_services.set_live_seconds(quiz=quiz, seconds=seconds)
    for _ in range(20):
        game = LiveGame(
            pin=new_pin(),
            host=host,
            quiz=quiz,
            assignment=assignment,
            question_ids=question_ids,
            seconds_per_question=seconds,
            allow_guests=allow_guests,
            created_at=now,
            last_activity=now,
        )
        try:
            with transaction.atomic():
                game.save()
            return game
        except IntegrityError:
            continue  # the PIN is taken by a running game: draw another
    raise IntegrityError("No free PIN found.")


def _client_key(ip: str) -> str:
    return f"live:pin-misses:{ip or 'unknown'}"


def find_game(*, pin: str, ip: str, now: datetime | None = None) -> LiveGame:
    """The running game with this PIN. Wrong PINs are counted per address (IP): after
    PIN_MISSES_ALLOWED in PIN_MISS_WINDOW_SECONDS, every lookup is refused for a while."""
    now = now or timezone.now()
    key = _client_key(ip)
    if (cache.get(key) or 0) >= PIN_MISSES_ALLOWED:
        raise TooManyGuesses()
    pin = (pin or "").strip().replace(" ", "")
    game = LiveGame.objects.running().filter(pin=pin).first() if PIN_FORMAT.fullmatch(pin) else None
    if game is not None:
        game = settle(game=game, now=now)
    if game is None or game.is_ended:
        if cache.add(key, 1, PIN_MISS_WINDOW_SECONDS) is False:
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, PIN_MISS_WINDOW_SECONDS)
        raise GameNotFound()
    return game


# --- Joining -------------------------------------------------------------------------


def _clean_nickname(nickname: str) -> str:
    name = " ".join((nickname or "").split())
    if not 1 <= len(name) <= NICKNAME_MAX:
        raise InvalidNickname()
    return name


@transaction.atomic
def join_game(
    *, game: LiveGame, user=None, nickname: str = "", now=None, guest_player_id=None
) -> LivePlayer:
    """Put a player in the game, or return the one this user already is.

    A signed-in student joins under their name (a class game refuses others unless it
    allows guests) and gets an attempt of the quiz that records their answers; a student
    enrolled in the class of the game's assignment is marked as one of the class. Anyone
    else joins with a nickname when the game allows guests. Someone the host removed does
    not join again: a signed-in user, nor a guest whose session still holds the removed
    player (`guest_player_id`); PlayerRemoved says so.
    """
    now = now or timezone.now()
    if game.is_ended:
        raise GameOver()
    signed_in = user is not None and user.is_authenticated
    if guest_player_id and (
        game.players.filter(pk=guest_player_id).exclude(removed_at=None).exists()
    ):
        raise PlayerRemoved()
    enrolled = False
    if signed_in:
        existing = game.players.filter(user=user).first()
        if existing is not None:
            if existing.removed_at is not None:
                raise PlayerRemoved()
            return existing
        if game.assignment_id:
            enrolled = Enrollment.objects.filter(
                classroom_id=game.assignment.classroom_id, student=user
            ).exists()
            if not enrolled and not game.allow_guests:
                raise GuestsNotAllowed("This game is for its class only.")
        name = (user.get_full_name() or user.get_username())[:NICKNAME_MAX]
        taken = set(game.players.values_list("nickname", flat=True))
        base, n = name, 2
        while name in taken:
            name = f"{base[: NICKNAME_MAX - 4]} ({n})"
            n += 1
        attempt = study_services.start_fixed_attempt(
            student=user, quiz=game.quiz, question_ids=game.question_ids, now=now
        )
        player = LivePlayer(
            game=game,
            user=user,
            nickname=name,
            attempt=attempt,
            joined_at=now,
            in_class=enrolled,
        )
    else:
        if not game.allow_guests:
            raise GuestsNotAllowed()
        name = _clean_nickname(nickname)
        if game.players.filter(nickname__iexact=name).exists():
            raise NicknameTaken()
        player = LivePlayer(game=game, nickname=name, joined_at=now)
    try:
        with transaction.atomic():
            player.save()
    except IntegrityError:
        if signed_in:
            return game.players.get(user=user)
        raise NicknameTaken() from None
    LiveGame.objects.filter(pk=game.pk).update(last_activity=now)
    return player


# --- Driving the game (host only) ----------------------------------------------------


def _require_host(game: LiveGame, user) -> None:
    if user is None or user.pk != game.host_id:
        raise NotHost()


def _changed(game: LiveGame, *, expect_state, expect_index=None, **fields) -> bool:
    """Apply `fields` if the game is still as the caller saw it; True when this call won."""
    query = LiveGame.objects.filter(pk=game.pk, state__in=expect_state)
    if expect_index is not None:
        query = query.filter(current_index=expect_index)
    won = query.update(**fields) == 1
    if won:
        for name, value in fields.items():
            setattr(game, name, value)
    return won


def _open(game: LiveGame, *, index: int, now: datetime, expect_state) -> bool:
    return _changed(
        game,
        expect_state=expect_state,
        expect_index=game.current_index,
        state=State.QUESTION,
        current_index=index,
        opened_at=now,
        closes_at=now + timedelta(seconds=game.seconds_per_question),
        paused_remaining_ms=None,
        last_activity=now,
    )


def start_game(*, game: LiveGame, user, now=None) -> bool:
    """Open the first question (from the lobby)."""
    _require_host(game, user)
    return _open(game, index=0, now=now or timezone.now(), expect_state=[State.LOBBY])


def close_question(*, game: LiveGame, now=None, index: int | None = None) -> bool:
    """Close the open question now and show its results. Safe to call from anywhere, any
    number of times: only the first call for a question changes the game."""
    now = now or timezone.now()
    index = game.current_index if index is None else index
    closes_at = min(now, game.closes_at) if game.closes_at else now
    return _changed(
        game,
        expect_state=[State.QUESTION, State.PAUSED],
        expect_index=index,
        state=State.REVEAL,
        closes_at=closes_at,
        paused_remaining_ms=None,
        last_activity=now,
    )


def next_step(*, game: LiveGame, user, now=None) -> bool:
    """What Next means where the game is: start it, close the open question early, open
    the next question after a reveal, or end after the last one."""
    _require_host(game, user)
    now = now or timezone.now()
    if game.state == State.LOBBY:
        return start_game(game=game, user=user, now=now)
    if game.state in (State.QUESTION, State.PAUSED):
        return close_question(game=game, now=now)
    if game.state == State.REVEAL:
        if game.has_next:
            return _open(game, index=game.current_index + 1, now=now, expect_state=[State.REVEAL])
        return end_game(game=game, user=user, now=now)
    return False


def toggle_pause(*, game: LiveGame, user, now=None) -> bool:
    """Pause the open question (its clock stops), or carry on with the time it had left."""
    _require_host(game, user)
    now = now or timezone.now()
    if game.state == State.QUESTION:
        remaining = max(0, int((game.closes_at - now).total_seconds() * 1000))
        return _changed(
            game,
            expect_state=[State.QUESTION],
            expect_index=game.current_index,
            state=State.PAUSED,
            paused_remaining_ms=remaining,
            last_activity=now,
        )
    if game.state == State.PAUSED:
        remaining = timedelta(milliseconds=game.paused_remaining_ms or 0)
        return _changed(
            game,
            expect_state=[State.PAUSED],
            expect_index=game.current_index,
            state=State.QUESTION,
            closes_at=now + remaining,
            # Speed points count from a start moved on by the pause.
            opened_at=now + remaining - timedelta(seconds=game.seconds_per_question),
            paused_remaining_ms=None,
            last_activity=now,
        )
    return False


def remove_player(*, game: LiveGame, user, player_id: int, now=None) -> bool:
    """Take a player out of the game: from now on their answers are refused and they are
    not counted, ranked or shown (what they answered before stays on record, and a
    student's attempt is finished with the game). True when this call removed them."""
    _require_host(game, user)
    if game.is_ended:
        raise GameOver()
    now = now or timezone.now()
    removed = (
        LivePlayer.objects.filter(pk=player_id, game_id=game.pk, removed_at=None).update(
            removed_at=now
        )
        == 1
    )
    if removed:
        LiveGame.objects.filter(pk=game.pk).update(last_activity=now)
        game.last_activity = now
    return removed


def end_game(*, game: LiveGame, user=None, now=None, by_host: bool = True) -> bool:
    """End the game: no more answers; each student's attempt is finished and scored.

    `by_host=False` is the game ending by itself after IDLE_LIMIT without activity."""
    if by_host:
        _require_host(game, user)
    now = now or timezone.now()
    running = [s for s in State.values if s != State.ENDED]
    with transaction.atomic():
        won = _changed(
            game, expect_state=running, state=State.ENDED, ended_at=now, ended_idle=not by_host
        )
        if won:
            _finish_attempts(game, now=now)
    return won


def _finish_attempts(game: LiveGame, *, now: datetime) -> None:
    from quizapp.study.models import Attempt

    attempts = Attempt.objects.filter(
        pk__in=game.players.exclude(attempt=None).values("attempt_id"), finished_at=None
    )
    for attempt in attempts:
        study_services.finish_attempt(attempt=attempt, now=now)


def settle(*, game: LiveGame, now=None) -> LiveGame:
    """The game as the clock says it is now: a question past its time is closed, a game
    idle for an hour is ended. Called whenever someone looks at a game."""
    now = now or timezone.now()
    if game.state == State.QUESTION and game.closes_at and now > game.closes_at:
        close_question(game=game, now=now, index=game.current_index)
    if not game.is_ended and now > game.idle_ends_at:
        end_game(game=game, now=now, by_host=False)
    return game


def end_idle_games(*, now=None) -> list[int]:
    """End every running game untouched for over IDLE_LIMIT; the ids of those this call
    ended (a game another process ended first is not among them)."""
    now = now or timezone.now()
    ended = []
    for game in LiveGame.objects.running().filter(last_activity__lt=now - IDLE_LIMIT):
        if end_game(game=game, now=now, by_host=False):
            ended.append(game.pk)
    return ended


# --- Answering -----------------------------------------------------------------------


def points_for(*, is_correct: bool, elapsed_ms: int, seconds: int) -> int:
    """Points for one answer: BASE_POINTS when right, plus up to SPEED_POINTS the faster."""
    if not is_correct:
        return 0
    share_left = max(0.0, 1 - elapsed_ms / (seconds * 1000))
    return BASE_POINTS + round(SPEED_POINTS * share_left)


@dataclass(frozen=True)
class Answered:
    """A player's answer (`created` False when it was given before) and how many of the
    game's players have answered this question."""

    answer: LiveAnswer
    created: bool
    answered: int
    players: int

    @property
    def everyone_answered(self) -> bool:
        return self.answered >= self.players


def _count(queryset) -> Coalesce:
    """COUNT(*) of `queryset` as a subquery (0 when it has no rows)."""
    counted = queryset.order_by().values("game_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


# Both counts in one statement, built once per process: every answer runs it.
_TALLY = CompiledQuery(
    lambda game, index: LiveGame.objects.filter(pk=game).values_list(
        # The index as an expression: its stand-in is outside a small integer's range.
        _count(
            LiveAnswer.objects.counted().filter(game_id=game, index=Value(index, IntegerField()))
        ),
        _count(LivePlayer.objects.present().filter(game_id=game)),
    ),
    game=Id,
    index=Id,
)


# Every answer asks first whether the player has answered already.
_ANSWER_GIVEN = CompiledQuery(
    lambda player, index: LiveAnswer.objects.filter(
        player_id=player, index=Value(index, IntegerField())
    ),
    player=Id,
    index=Id,
)


def tally(game_id: int, index: int) -> tuple[int, int]:
    """(answers to question `index`, players), counting the players still in the game."""
    rows = _TALLY.rows(game=game_id, index=index)
    return tuple(rows[0]) if rows else (0, 0)


def submit_answer(
    *,
    player: LivePlayer,
    index: int,
    choice_id=None,
    answer_text: str = "",
    now=None,
    game: LiveGame | None = None,
) -> Answered:
    """Record the player's answer to question `index`, once, graded as quizzes grade.

    A second answer (double tap, retry, second tab) returns the first unchanged. An
    answer to a question that is not open, or after its close, raises QuestionClosed; one
    from a player the host removed (as `player` was read), PlayerRemoved;
    an unreadable one raises study's InvalidAnswer. `game` is the player's game as just
    read with them (it is read here when not given). A signed-in student's answer is also
    an answer of their attempt, so it moves their memory state (right Good, wrong Again).
    """
    now = now or timezone.now()
    if player.removed_at is not None:
        raise PlayerRemoved()
    first = _ANSWER_GIVEN.first(player=player.pk, index=index)
    if first is not None:
        return Answered(first, False, *tally(player.game_id, index))
    if game is None:
        game = LiveGame.objects.get(pk=player.game_id)
    if game.current_index != index or not game.accepts_answers(now):
        raise QuestionClosed()
    question_id = game.question_ids[index]
    question = study_selectors.question_with_choices(question_id=question_id)
    if question is None:
        raise QuestionClosed("This question was removed from the quiz.")
    is_correct, choice, text = study_services.grade_answer(
        question, answer_text=answer_text, choice_id=choice_id
    )
    elapsed_ms = max(0, int((now - game.opened_at).total_seconds() * 1000))
    points = points_for(
        is_correct=is_correct, elapsed_ms=elapsed_ms, seconds=game.seconds_per_question
    )
    try:
        with transaction.atomic():
            answer = LiveAnswer.objects.create(
                game_id=game.pk,
                player=player,
                index=index,
                question_id=question_id,
                choice=choice,
                answer_text=text,
                is_correct=is_correct,
                points=points,
                elapsed_ms=elapsed_ms,
                answered_at=now,
            )
            if points:
                LivePlayer.objects.filter(pk=player.pk).update(score=F("score") + points)
            if player.attempt_id:
                _record_in_attempt(player, question_id, choice, text, elapsed_ms, now)
    except IntegrityError:
        first = LiveAnswer.objects.get(player=player, index=index)
        return Answered(first, False, *tally(game.pk, index))
    return Answered(answer, True, *tally(game.pk, index))


def _record_in_attempt(player, question_id, choice, text, elapsed_ms, now) -> None:
    # answer_question writes in a savepoint of its own, which a StudyError rolls back:
    # the attempt was finished or answered elsewhere (the quiz page), and keeps the answer
    # it had; the game's answer still counts.
    with contextlib.suppress(StudyError):
        study_services.answer_question(
            student=player.user,
            attempt_id=player.attempt_id,
            question_id=question_id,
            choice_id=choice.pk if choice else None,
            answer_text=text,
            duration_ms=elapsed_ms,
            now=now,
        )
