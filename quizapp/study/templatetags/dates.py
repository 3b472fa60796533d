"""Dates as people write them: the year only when it is not this year."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date

register = template.Library()


def when_format(value: date | datetime, *, today: date, with_time: bool = False) -> str:
    """The `date` filter's format for `value`: weekday, day and month, the year when it is
    not this year, and the time of day if asked."""
    fmt = "D j M" if value.year == today.year else "D j M Y"
    return f"{fmt}, H:i" if with_time and isinstance(value, datetime) else fmt


@register.filter
def when(value, arg: str = ""):
    """`{{ due_at|when }}` "Sun 23 Jun" this year, "Sun 23 Jun 2030" otherwise;
    `{{ due_at|when:"time" }}` adds the time of day."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    today = timezone.localdate()
    return format_date(value, when_format(value, today=today, with_time=arg == "time"))
