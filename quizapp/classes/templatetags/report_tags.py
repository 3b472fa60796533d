"""Filters and tags for the class report, which prints thousands of figures and choice texts."""

from __future__ import annotations

import unicodedata

from django import template
from django.template.defaultfilters import stringfilter
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

register = template.Library()


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
def report_cells(cells) -> str:
    """A student's cells, each in its `<td>`: the score (or a dash when there is none),
    completion and mastery.

    A tag, not template markup: a big class has hundreds of cells, and one `format_html`
    call per cell (which escapes each value) costs a fraction of the markup's lookups, or
    of a tag per cell.
    """
    return format_html_join("\n    ", "<td>" + _CELL + "</td>", map(_cell_figures, cells))


def _cell_figures(cell) -> tuple[str, str, str]:
    score = _NO_SCORE if cell.score is None else format_html(_SCORE, percent(cell.score))
    return score, percent(cell.completion), percent(cell.mastery)


_CELL = "{}<br><small>done {} · mastery {}</small>"
_SCORE = "<strong>{}</strong>"
_NO_SCORE = format_html('<span class="{}">–</span>', "muted")


@register.simple_tag(takes_context=True)
def question_row(context, item, can_edit: bool) -> str:
    """One row of the item analysis (a `QuestionStats`): the question, its figures, the
    choices picked, why it is flagged, and a link to edit it when `can_edit`.

    A tag, not template markup: a class answers hundreds of questions, and one
    `format_html` call per row (which escapes each value) costs a fraction of the markup's
    lookups and filters.
    """
    question = item.question
    review = ""
    if item.flagged:
        review = format_html(_FLAGS, flags="; ".join(item.flags))
    if can_edit:
        review = format_html(_EDIT, before=review, url=_edit_url(context, question.pk))
    return format_html(
        _QUESTION_ROW,
        flagged=_FLAGGED_CLASS if item.flagged else "",
        prompt=question.prompt,
        kind=question.get_kind_display(),
        answer=shorten(question.answer, 80),
        answered=item.answered,
        facility=percent(item.facility),
        discrimination=_NO_DISCRIMINATION
        if item.discrimination is None
        else item.discrimination_text,
        choices=format_html(_CHOICE_BARS, choice_counts(item)) if item.choices else _TYPED,
        review=review,
    )


# Laid out as the page's template lays out its other rows.
_QUESTION_ROW = """<tr{flagged}>
    <td>{prompt}<br><small class="muted">{kind} · answer: {answer}</small></td>
    <td>{answered}</td>
    <td>{facility}</td>
    <td>{discrimination}</td>
    <td>{choices}</td>
    <td>{review}</td>
  </tr>"""
_FLAGGED_CLASS = format_html(' class="{}"', "flagged")
_NO_DISCRIMINATION = format_html('<span class="muted">{}</span>', "n/a")
_TYPED = format_html('<span class="muted">{}</span>', "typed answer")
_CHOICE_BARS = '<ul class="choice-bars">{}</ul>'
_FLAGS = '<span class="flag">Flagged: {flags}</span><br>'
_EDIT = '{before}<a href="{url}">Edit</a>'


def _edit_url(context, pk: int) -> str:
    """The admin's page to edit question `pk`, reversed once per page rather than per row
    (a reverse costs more than the rest of a row)."""
    pattern = context.render_context.get(_EDIT_URL)
    if pattern is None:
        pattern = reverse("admin:content_question_change", args=[_EDIT_URL])
        context.render_context[_EDIT_URL] = pattern
    return pattern.replace(_EDIT_URL, str(pk))


_EDIT_URL = "question-id"  # stands for the id in the reversed URL, and keys it per page


@register.simple_tag
def choice_counts(item) -> str:
    """How often each choice of a question was picked, as list items with a small bar
    (a `<meter>` out of the question's answers); the right choice is marked."""
    total = max(item.answered, 1)
    return format_html_join(
        "",
        _CHOICE_ROW,
        (
            (
                _RIGHT_CLASS if d.choice.is_correct else "",
                shorten(d.choice.text, 60),
                _RIGHT_ANSWER_MARK if d.choice.is_correct else "",
                total,
                d.picked,
            )
            for d in item.choices
        ),
    )


# Each value once, by position: `format_html` escapes every argument it is given.
_CHOICE_ROW = (
    '<li{0}><span class="choice-text">{1}{2}</span><meter min="0" max="{3}" '
    'value="{4}">{4} of {3}</meter><span class="picked">{4}</span></li>'
)
_RIGHT_CLASS = format_html(' class="{}"', "correct")
# Marks the right choice for eyes and for screen readers alike.
_RIGHT_ANSWER_MARK = format_html(
    ' <span aria-hidden="true">{}</span><span class="visually-hidden"> ({})</span>',
    "✓",
    "right answer",
)
