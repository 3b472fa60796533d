"""Forms of live games: the host's settings, and the PIN (and nickname) a player types."""

from django import forms

from quizapp.study.models import LIVE_SECONDS_MAX, LIVE_SECONDS_MIN

from .services import NICKNAME_MAX


class NewGameForm(forms.Form):
    """A game's settings; the time per question starts at the quiz's own.

    `can_keep` offers to keep the time as the quiz's default (for teachers who may edit
    quizzes)."""

    seconds_per_question = forms.IntegerField(
        label="Seconds per question",
        min_value=LIVE_SECONDS_MIN,
        max_value=LIVE_SECONDS_MAX,
        help_text=f"From {LIVE_SECONDS_MIN} to {LIVE_SECONDS_MAX}. The question closes early "
        "once everyone has answered.",
    )
    keep_for_quiz = forms.BooleanField(
        label="Use this time for every live game of this quiz",
        required=False,
        help_text="Saves it on the quiz (the admin shows it under Live games).",
    )
    allow_guests = forms.BooleanField(
        label="Let guests join with a nickname",
        required=False,
        help_text="Without this, only signed-in students (of the class, for an assignment) join.",
    )

    def __init__(self, *args, quiz, can_keep: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seconds_per_question"].initial = quiz.live_seconds
        if not can_keep:
            del self.fields["keep_for_quiz"]


class JoinForm(forms.Form):
    pin = forms.CharField(
        label="Game PIN",
        max_length=9,
        help_text="The six digits on your teacher's screen.",
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": r"[0-9 ]*"}
        ),
    )
    nickname = forms.CharField(
        label="Nickname",
        max_length=NICKNAME_MAX,
        required=False,
        help_text="Only if you are not logged in: the name the class will see.",
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
