"""Live games: a host runs a quiz on the projector, players answer on their phones.

The database is the game's source of truth: every change of state (a question opened or
closed, with the server's timestamps) and every answer is written here first, then
announced over the channel layer. A client that reconnects reads the state back from here.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q

from quizapp.classes.models import Assignment
from quizapp.content.models import Choice, Question
from quizapp.study.models import LIVE_SECONDS_DEFAULT, Attempt, Quiz

# A running game with no activity (a join, a start, a move on, a pause) for this long ends.
IDLE_LIMIT = timedelta(hours=1)


def new_pin() -> str:
    """Six digits, the first never 0 (a PIN read aloud keeps its length)."""
    return str(secrets.randbelow(900000) + 100000)


class LiveGameQuerySet(models.QuerySet):
    def running(self):
        """Games not ended: their PINs are taken."""
        return self.exclude(state=LiveGame.State.ENDED)


class LiveGame(models.Model):
    """One live run of a quiz, driven by its host."""

    class State(models.TextChoices):
        LOBBY = "lobby", "Waiting for players"
        QUESTION = "question", "Question open"
        PAUSED = "paused", "Paused"
        REVEAL = "reveal", "Showing results"
        ENDED = "ended", "Ended"

    pin = models.CharField(max_length=6, default=new_pin)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="live_games_hosted"
    )
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="+")
    assignment = models.ForeignKey(
        Assignment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    question_ids = models.JSONField(default=list)
    seconds_per_question = models.PositiveSmallIntegerField(default=LIVE_SECONDS_DEFAULT)
    allow_guests = models.BooleanField(default=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.LOBBY)
    current_index = models.SmallIntegerField(default=-1)
    opened_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    # Time left of the question when the host paused it.
    paused_remaining_ms = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField()
    last_activity = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    # Ended by itself after an hour without activity, not by its host or its last question.
    ended_idle = models.BooleanField(default=False)

    objects = LiveGameQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["pin"], condition=~Q(state="ended"), name="livegame_running_pin_unique"
            ),
        ]
        indexes = [models.Index(fields=["state", "last_activity"])]

    def __str__(self):
        return f"{self.quiz} live ({self.pin})"

    @property
    def question_count(self) -> int:
        return len(self.question_ids)

    @property
    def current_question_id(self) -> int | None:
        if 0 <= self.current_index < len(self.question_ids):
            return self.question_ids[self.current_index]
        return None

    @property
    def has_next(self) -> bool:
        return self.current_index + 1 < len(self.question_ids)

    @property
    def idle_ends_at(self):
        """When the game ends by itself if nothing happens before."""
        return self.last_activity + IDLE_LIMIT

    @property
    def is_ended(self) -> bool:
        return self.state == self.State.ENDED

    def accepts_answers(self, now) -> bool:
        """Whether an answer arriving at `now` counts: the question is open and not timed out."""
        return (
            self.state == self.State.QUESTION
            and self.closes_at is not None
            and now <= self.closes_at
        )


class LivePlayerQuerySet(models.QuerySet):
    def present(self):
        """Players the host has not removed: they are counted, ranked and shown."""
        return self.filter(removed_at=None)


class LivePlayer(models.Model):
    """Someone in a game: a signed-in student under their name, or a guest with a nickname."""

    class Kind(models.TextChoices):
        CLASS = "class", "class"
        SIGNED_IN = "signed_in", "signed in"
        GUEST = "guest", "guest"

    game = models.ForeignKey(LiveGame, on_delete=models.CASCADE, related_name="players")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="live_players",
    )
    nickname = models.CharField(max_length=40)
    # A guest's key to their player, kept in their session.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The attempt of the quiz that the game records for a signed-in student.
    attempt = models.ForeignKey(
        Attempt, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    score = models.PositiveIntegerField(default=0)
    joined_at = models.DateTimeField()
    # A student enrolled in the class of the game's assignment (not a guest of the class).
    in_class = models.BooleanField(default=False)
    # When the host removed the player: their later answers are refused, and they are no
    # longer counted, ranked or shown.
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = LivePlayerQuerySet.as_manager()

    class Meta:
        ordering = ["joined_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["game", "user"],
                condition=Q(user__isnull=False),
                name="liveplayer_user_once",
            ),
            models.UniqueConstraint(fields=["game", "nickname"], name="liveplayer_unique_nickname"),
        ]

    def __str__(self):
        return self.nickname

    @classmethod
    def kind_of(cls, *, in_class: bool, user_id) -> Kind:
        """Who a player is to the host: a student of the class, another signed-in user,
        or a guest with a nickname."""
        if in_class:
            return cls.Kind.CLASS
        return cls.Kind.SIGNED_IN if user_id else cls.Kind.GUEST

    @property
    def kind(self) -> Kind:
        return self.kind_of(in_class=self.in_class, user_id=self.user_id)


class LiveAnswerQuerySet(models.QuerySet):
    def counted(self):
        """Answers of the players still in the game: those the host removed stop counting."""
        return self.filter(player__removed_at=None)


class LiveAnswer(models.Model):
    """A player's one answer to one question of the game; a second answer returns this one."""

    game = models.ForeignKey(LiveGame, on_delete=models.CASCADE, related_name="answers")
    player = models.ForeignKey(LivePlayer, on_delete=models.CASCADE, related_name="answers")
    index = models.PositiveSmallIntegerField()
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    choice = models.ForeignKey(
        Choice, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answer_text = models.CharField(max_length=500, blank=True)
    is_correct = models.BooleanField()
    points = models.PositiveIntegerField(default=0)
    elapsed_ms = models.PositiveIntegerField()
    answered_at = models.DateTimeField()

    objects = LiveAnswerQuerySet.as_manager()

    class Meta:
        ordering = ["answered_at"]
        constraints = [
            models.UniqueConstraint(fields=["player", "index"], name="liveanswer_once"),
        ]
        indexes = [models.Index(fields=["game", "index"])]

    def __str__(self):
        return f"{self.player} #{self.index + 1}"
