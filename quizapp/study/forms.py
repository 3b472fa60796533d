"""Forms for rating a flashcard and answering a quiz question; both work as plain posts."""

from django import forms

from .scheduling import RATING_LABELS


class RatingForm(forms.Form):
    card = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    rating = forms.TypedChoiceField(
        choices=list(RATING_LABELS.items()),
        coerce=int,
        error_messages={"invalid_choice": "Rate with Again, Hard, Good or Easy (keys 1 to 4)."},
    )
    # When the card was shown (ms since the epoch), to log how long the review took.
    shown = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class AnswerForm(forms.Form):
    question = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    # The chosen option's place in the order shown (1, 2, ...), never its id.
    choice = forms.IntegerField(required=False, min_value=1)
    answer = forms.CharField(required=False, max_length=500, strip=True)
    shown = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
