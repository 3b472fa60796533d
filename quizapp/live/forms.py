"""Forms of live games: the host's settings, and the PIN (and nickname) a player types."""

from django import forms

from .models import DEFAULT_SECONDS
from .services import NICKNAME_MAX


class NewGameForm(forms.Form):
    seconds_per_question = forms.IntegerField(
        label="Seconds per question",
        min_value=5,
        max_value=300,
        initial=DEFAULT_SECONDS,
        help_text="From 5 to 300. The question closes early once everyone has answered.",
    )
    allow_guests = forms.BooleanField(
        label="Let guests join with a nickname",
        required=False,
        help_text="Without this, only signed-in students (of the class, for an assignment) join.",
    )


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
