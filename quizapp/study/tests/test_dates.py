"""Dates show the year only when it is not this year."""

from datetime import date, datetime

from django.template import Context, Template
from django.utils import timezone

from quizapp.study.templatetags.dates import when_format


def render(value, arg=""):
    tag = f'{{{{ value|when:"{arg}" }}}}' if arg else "{{ value|when }}"
    return Template("{% load dates %}" + tag).render(Context({"value": value}))


def test_the_year_appears_only_when_it_is_not_this_year():
    today = date(2026, 11, 30)
    assert when_format(date(2026, 6, 23), today=today) == "D j M"
    assert when_format(date(2030, 6, 23), today=today) == "D j M Y"
    assert when_format(datetime(2030, 6, 23, 9), today=today, with_time=True) == "D j M Y, H:i"


def test_the_filter_in_a_template():
    this_year = timezone.localdate().year
    assert render(date(2030, 6, 23)) == "Sun 23 Jun 2030"
    assert render(date(this_year, 1, 1)).endswith("1 Jan")
    due = timezone.make_aware(datetime(2030, 6, 23, 9, 30))
    assert render(due, "time") == "Sun 23 Jun 2030, 09:30"
    assert render(None) == ""
