from datetime import date, timedelta

from quizapp.study import charts
from quizapp.study.selectors import DayAccuracy, DayDue


def test_accuracy_bars_scale_to_share_and_mark_empty_days():
    start = date(2026, 1, 1)
    days = [DayAccuracy(start, 3, 4), DayAccuracy(start + timedelta(1), 0, 0)]
    chart = charts.accuracy_chart(days)
    full, empty = chart.bars
    plot_height = chart.baseline - charts.PAD_TOP
    assert round(full.height, 3) == round(plot_height * 0.75, 3)
    assert full.label == "01 Jan: 75%"
    assert empty.empty and empty.label == "02 Jan: none"
    assert [label for _, label in chart.gridlines] == ["0%", "50%", "100%"]


def test_due_chart_uses_whole_numbers():
    start = date(2026, 1, 1)
    chart = charts.due_chart([DayDue(start, 3), DayDue(start + timedelta(1), 0)])
    assert [label for _, label in chart.gridlines] == ["0", "3"]
    assert chart.bars[1].height == 0
