"""Forms of the teacher's workspace. Item edits use the admin's question form: one rule set."""

from __future__ import annotations

from django import forms

from quizapp.content.forms import OnePerLineField, QuestionListForm
from quizapp.content.models import Flashcard, Question

# What the file picker offers; the upload service tells formats apart by content anyway.
ACCEPT = ".txt,.md,.markdown,.html,.htm,.pdf,.docx,text/plain,text/markdown,text/html,"
ACCEPT += "application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each is checked by the upload service, not here."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [f for f in data if f]
        return [data] if data else []


class UploadForm(forms.Form):
    files = MultipleFileField(
        required=False,
        label="Documents",
        help_text="One or more files: PDF (with a text layer), Word (.docx), a saved web "
        "page (.html), Markdown (.md) or plain text (.txt). Headings become sections; an "
        "'FAQ' heading starts questions and answers.",
    )
    title = forms.CharField(required=False, max_length=200, label="Title of the pasted text")
    text = forms.CharField(
        required=False,
        strip=False,
        label="Or paste a text",
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def clean(self):
        data = super().clean()
        if data.get("text", "").strip() and not data.get("title", "").strip():
            self.add_error("title", "Give the pasted text a title.")
        elif not data.get("files") and not data.get("text", "").strip():
            raise forms.ValidationError("Choose at least one document, or paste a text.")
        return data


class QuestionEditForm(QuestionListForm):
    """The review page's edit: the admin's checks on a question's text fields."""

    class Meta(QuestionListForm.Meta):
        fields = ["prompt", "answer", "alternatives", "explanation"]
        field_classes = {"alternatives": OnePerLineField}
        widgets = {
            "prompt": forms.Textarea(attrs={"rows": 2}),
            "explanation": forms.Textarea(attrs={"rows": 2}),
        }


class FlashcardEditForm(forms.ModelForm):
    class Meta:
        model = Flashcard
        fields = ["front", "back"]
        widgets = {
            "front": forms.Textarea(attrs={"rows": 2}),
            "back": forms.Textarea(attrs={"rows": 3}),
        }


def edit_form(item, data=None):
    """The edit form for a question or a flashcard."""
    form_class = QuestionEditForm if isinstance(item, Question) else FlashcardEditForm
    return form_class(data, instance=item, prefix=f"edit-{item.pk}")
