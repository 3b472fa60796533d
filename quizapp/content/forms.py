"""Forms and fields shared by the admin and the teacher's review page: one set of checks."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from .models import Question
from .rules import question_problems


class OnePerLineField(forms.CharField):
    """A list of short texts edited as a textarea, one per line (blank lines are dropped)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.pop("encoder", None)  # offered by JSONField's form field defaults
        kwargs.pop("decoder", None)
        kwargs.setdefault("required", False)
        super().__init__(strip=False, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial, data):
        return list(initial or []) != self.to_python(data)


class QuestionForm(forms.ModelForm):
    """Checks that need only the question's own fields; choices are checked by the formset."""

    class Meta:
        model = Question
        fields = ["document", "kind", "status", "prompt", "answer", "alternatives", "explanation"]
        widgets = {"prompt": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"alternatives": OnePerLineField}
        help_texts = {"alternatives": "Other answers accepted for typed questions, one per line."}

    def kind(self) -> str:
        """The kind being saved: from the form when it has the field, else the question's."""
        return self.cleaned_data.get("kind", self.instance.kind)

    def clean_answer(self):
        answer = self.cleaned_data.get("answer", "").strip()
        if self.kind() == Question.Kind.TRUE_FALSE:
            folded = answer.casefold()
            if folded in ("true", "false"):
                return folded.capitalize()
        return answer

    def clean_alternatives(self):
        value = self.cleaned_data.get("alternatives") or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValidationError("Write the other accepted answers one per line.")
        return [v.strip() for v in value if v.strip()]

    def clean(self):
        data = super().clean()
        problems = question_problems(
            kind=self.kind(),
            prompt=data.get("prompt", self.instance.prompt),
            answer=data.get("answer", self.instance.answer),
            choices=None,  # checked by the choices' formset
        )
        for problem in problems:
            if problem.field in self.fields and problem.field not in self.errors:
                self.add_error(problem.field, problem.editor)
        return data


class QuestionListForm(QuestionForm):
    """A row of the review queue: the same checks, and a choice question's answer is its choice."""

    class Meta(QuestionForm.Meta):
        fields = ["prompt", "answer", "status"]

    def clean(self):
        data = super().clean()
        answer = data.get("answer")
        if self.instance.kind == Question.Kind.MULTIPLE_CHOICE and "answer" in self.changed_data:
            right = [c.text for c in self.instance.choices.all() if c.is_correct]
            if right and answer != right[0]:
                self.add_error(
                    "answer",
                    f"The answer is the ticked choice ({right[0]}); change the choices on "
                    "the question's own page.",
                )
        return data
