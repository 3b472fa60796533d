from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.urls import reverse

from quizapp.classes.selectors import Cell, DistractorCount


@pytest.mark.parametrize(
    "text",
    ["", "Paris", "x" * 60, "x" * 61, "Cafe\u0301 au lait " * 5, "e\u0301" * 60, "\u2126" * 70],
)
def test_shorten_prints_what_truncatechars_prints(text):
    ours = Template("{% load report_tags %}{{ text|shorten:60 }}").render(Context({"text": text}))
    django = Template("{{ text|truncatechars:60 }}").render(Context({"text": text}))
    assert ours == django


def test_shorten_cuts_long_text_with_an_ellipsis():
    out = Template("{% load report_tags %}{{ text|shorten:10 }}").render(
        Context({"text": "A rather long <answer>"})
    )
    assert out == "A rather …"


@pytest.mark.parametrize("value", [0, 0.004, 0.005, 0.125, 0.2, 1 / 3, 0.5, 0.675, 0.995, 1])
def test_percent_prints_what_widthratio_prints(value):
    ours = Template("{% load report_tags %}{{ value|percent }}").render(Context({"value": value}))
    django = Template("{% widthratio value 1 100 %}%").render(Context({"value": value}))
    assert ours == django


def test_percent_of_nothing_is_empty():
    out = Template("{% load report_tags %}[{{ value|percent }}]").render(Context({"value": None}))
    assert out == "[]"


def test_choice_counts_escape_choice_text_and_mark_the_right_one():
    item = SimpleNamespace(
        answered=4,
        choices=[
            DistractorCount(SimpleNamespace(text="<b>Vilnius</b>", is_correct=True), 3),
            DistractorCount(SimpleNamespace(text='Riga" onmouseover="x', is_correct=False), 1),
        ],
    )
    out = Template("{% load report_tags %}{% choice_counts item %}").render(Context({"item": item}))
    assert out == (
        '<li class="correct"><span class="choice-text">&lt;b&gt;Vilnius&lt;/b&gt;'
        ' <span aria-hidden="true">✓</span><span class="visually-hidden"> (right answer)</span>'
        '</span><meter min="0" max="4" value="3">3 of 4</meter><span class="picked">3</span></li>'
        '<li><span class="choice-text">Riga&quot; onmouseover=&quot;x</span>'
        '<meter min="0" max="4" value="1">1 of 4</meter><span class="picked">1</span></li>'
    )


def test_report_cells_show_score_completion_and_mastery_or_a_dash_in_columns():
    cells = [
        Cell(score=0.75, completion=1.0, mastery=0.5),
        Cell(score=None, completion=0.25, mastery=0),
    ]
    out = Template("{% load report_tags %}{% report_cells cells %}").render(
        Context({"cells": cells})
    )
    assert out == (
        "<td><strong>75%</strong><br><small>done 100% · mastery 50%</small></td>\n    "
        '<td><span class="muted">–</span><br><small>done 25% · mastery 0%</small></td>'
    )


def _question_stats(**fields):
    question = SimpleNamespace(
        pk=42,
        prompt="Is <b>this</b> bold?",
        answer="<i>No</i> " + "very long answer " * 10,
        get_kind_display=lambda: "Multiple choice",
    )
    stats = {"question": question, "answered": 4, "facility": 0.25, "discrimination": 0.5}
    stats |= {"discrimination_text": "0.50", "flagged": False, "flags": [], "choices": []}
    return SimpleNamespace(**(stats | fields))


def _row(item, can_edit):
    return Template("{% load report_tags %}{% question_row item can_edit %}").render(
        Context({"item": item, "can_edit": can_edit})
    )


def test_question_row_escapes_the_question_and_links_to_its_editor():
    row = _row(_question_stats(), can_edit=True)
    assert row.startswith("<tr>\n    <td>Is &lt;b&gt;this&lt;/b&gt; bold?<br>")
    assert "Multiple choice · answer: &lt;i&gt;No&lt;/i&gt; very long answer" in row
    assert "very long answer v…</small>" in row  # shortened to 80 characters
    assert "<td>4</td>\n    <td>25%</td>\n    <td>0.50</td>" in row
    assert '<span class="muted">typed answer</span>' in row
    edit = reverse("admin:content_question_change", args=[42])
    assert row.endswith(f'<td><a href="{edit}">Edit</a></td>\n  </tr>')
    assert "Edit" not in _row(_question_stats(), can_edit=False)


def test_question_row_says_why_a_question_is_flagged():
    item = _question_stats(
        flagged=True,
        flags=["fewer than 1 in 5 got it right", "<script>"],
        discrimination=None,
        choices=[DistractorCount(SimpleNamespace(text="Yes", is_correct=True), 1)],
    )
    row = _row(item, can_edit=False)
    assert row.startswith('<tr class="flagged">')
    assert '<td><span class="muted">n/a</span></td>' in row
    assert '<ul class="choice-bars"><li class="correct">' in row
    assert row.endswith(
        '<td><span class="flag">Flagged: fewer than 1 in 5 got it right; &lt;script&gt;</span>'
        "<br></td>\n  </tr>"
    )
