"""Filters for the class report, which prints thousands of figures and choice texts."""

from __future__ import annotations

import unicodedata

from django import template
from django.template.defaultfilters import stringfilter
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

register = template.Library()

# Marks the right choice for eyes and for screen readers alike.
RIGHT_ANSWER_MARK = format_html(
    ' <span aria-hidden="true">{}</span><span class="visually-hidden"> ({})</span>',
    "✓",
    "right answer",
)


@register.filter(is_safe=True)
@stringfilter
def shorten(value: str, length: int) -> str:
    """Exactly what `truncatechars` prints, without its per-call cost for short texts.

    `truncatechars` looks up the translated ellipsis on every call, which dominates the
    report's item table; a text that already fits comes back as is (NFC, as Django does).
    """
    length = int(length)
    text = unicodedata.normalize("NFC", value)
    if length > 0 and len(text) <= length:
        return text
    return Truncator(value).chars(length)


@register.filter(is_safe=True)
def percent(value: float | None) -> str:
    """A share from 0 to 1 as a whole percentage, "67%", rounded as `widthratio` rounds.

    The report prints three per student and assignment; this costs a fraction of
    `{% widthratio value 1 100 %}%`. None prints nothing.
    """
    if value is None:
        return ""
    return f"{round(float(value) * 100)}%"


@register.simple_tag
def report_cell(cell) -> str:
    """One student's cell: the score (or a dash when there is none), completion, mastery.

    A tag, not template markup: a big class has hundreds of cells, and one `format_html`
    call per cell (which escapes each value) costs a fraction of the markup's lookups.
    """
    done, mastery = percent(cell.completion), percent(cell.mastery)
    if cell.score is None:
        return format_html(_NO_SCORE_CELL, done=done, mastery=mastery)
    return format_html(_SCORE_CELL, score=percent(cell.score), done=done, mastery=mastery)


_FIGURES = "<br><small>done {done} · mastery {mastery}</small>"
_NO_SCORE_CELL = '<span class="muted">–</span>' + _FIGURES
_SCORE_CELL = "<strong>{score}</strong>" + _FIGURES


@register.simple_tag
def choice_counts(item) -> str:
    """How often each choice of a question was picked, as list items with a small bar
    (a `<meter>` out of the question's answers); the right choice is marked."""
    total = max(item.answered, 1)
    rows = (
        format_html(
            _CHOICE_ROW,
            right=_RIGHT_CLASS if d.choice.is_correct else "",
            text=shorten(d.choice.text, 60),
            mark=RIGHT_ANSWER_MARK if d.choice.is_correct else "",
            total=total,
            picked=d.picked,
        )
        for d in item.choices
    )
    return format_html_join("", "{}", ((row,) for row in rows))


# Each value once, by name: `format_html` escapes every argument it is given.
_CHOICE_ROW = (
    '<li{right}><span class="choice-text">{text}{mark}</span><meter min="0" max="{total}" '
    'value="{picked}">{picked} of {total}</meter><span class="picked">{picked}</span></li>'
)
_RIGHT_CLASS = format_html(' class="{}"', "correct")
