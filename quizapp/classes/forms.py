"""Forms for the class pages: join, create a class, assign work, import a roster."""

from __future__ import annotations

from django import forms

from quizapp.content.models import Document
from quizapp.study.models import Quiz

MAX_ROSTER_BYTES = 512 * 1024


class JoinForm(forms.Form):
    code = forms.CharField(
        label="Class code",
        max_length=32,
        help_text="Your teacher gives you this code, e.g. DEMCLASS.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class ClassroomForm(forms.Form):
    name = forms.CharField(label="Class name", max_length=200)


class AssignmentForm(forms.Form):
    """Pick a quiz or a document's deck in one list: values are `quiz:<slug>` or `deck:<slug>`."""

    work = forms.ChoiceField(label="Quiz or flashcard deck")
    title = forms.CharField(
        max_length=200, required=False, help_text="Leave empty to use the quiz or deck's name."
    )
    due_at = forms.DateTimeField(
        label="Due",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        quizzes = [(f"quiz:{q.slug}", q.title) for q in Quiz.objects.order_by("title")]
        decks = [(f"deck:{d.slug}", f"Flashcards: {d.title}") for d in Document.objects.all()]
        self.fields["work"].choices = [("", "Choose…"), ("Quizzes", quizzes), ("Decks", decks)]

    def target(self) -> dict:
        """The keyword arguments `create_assignment` takes for the chosen work."""
        kind, slug = self.cleaned_data["work"].split(":", 1)
        if kind == "quiz":
            return {"quiz": Quiz.objects.get(slug=slug)}
        return {"document": Document.objects.get(slug=slug)}


class RosterForm(forms.Form):
    roster = forms.FileField(
        label="Roster (CSV)",
        help_text="Columns: username, first_name, last_name, email. The first line names them.",
    )

    def clean_roster(self) -> str:
        upload = self.cleaned_data["roster"]
        if upload.size > MAX_ROSTER_BYTES:
            raise forms.ValidationError("The roster is over 512 KB; split it into smaller files.")
        raw = upload.read()
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Spreadsheets on Windows often save CSV as Windows-1252.
            return raw.decode("cp1252", errors="replace")
