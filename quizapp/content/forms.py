"""Form fields shared by the admin and the teacher's review page."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


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
