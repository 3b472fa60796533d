"""Filters for the class report, which prints thousands of figures and choice texts."""

from __future__ import annotations

import unicodedata

from django import template
from django.template.defaultfilters import stringfilter
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
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

    A tag, not template markup: a big class has hundreds of cells. It holds only figures
    that `percent` formats (digits and "%"), so there is nothing to escape.
    """
    if cell.score is None:
        score = '<span class="muted">–</span>'
    else:
        score = f"<strong>{percent(cell.score)}</strong>"
    done, mastery = percent(cell.completion), percent(cell.mastery)
    return mark_safe(f"{score}<br><small>done {done} · mastery {mastery}</small>")


@register.simple_tag
def choice_counts(item) -> str:
    """How often each choice of a question was picked, as list items with a small bar
    (a `<meter>` out of the question's answers); the right choice is marked."""
    total = max(item.answered, 1)
    rows = []
    for d in item.choices:
        right = d.choice.is_correct
        text = escape(shorten(d.choice.text, 60))  # the teacher's text: the one thing escaped
        n = int(d.picked)
        marked = ' class="correct"' if right else ""
        rows.append(
            f'<li{marked}><span class="choice-text">{text}'
            f"{RIGHT_ANSWER_MARK if right else ''}</span>"
            f'<meter min="0" max="{total}" value="{n}">{n} of {total}</meter>'
            f'<span class="picked">{n}</span></li>'
        )
    return mark_safe("".join(rows))
