"""Server-rendered SVG charts: geometry computed here, drawn by templates. Pure."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 600
HEIGHT = 160
PAD_LEFT = 44
PAD_BOTTOM = 22
PAD_TOP = 8


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # read by screen readers and shown as a tooltip
    empty: bool = False


@dataclass
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    baseline: float
    gridlines: list[tuple[float, str]]  # (y, label)
    x_labels: list[tuple[float, str]]


def bar_chart(values: list[float | None], labels: list[str], *, maximum: float, unit: str = ""):
    """Bars for `values` (None draws a small empty marker) scaled to `maximum`."""
    plot_w = WIDTH - PAD_LEFT
    plot_h = HEIGHT - PAD_BOTTOM - PAD_TOP
    baseline = HEIGHT - PAD_BOTTOM
    slot = plot_w / max(len(values), 1)
    bars = []
    for i, (value, label) in enumerate(zip(values, labels, strict=True)):
        x = PAD_LEFT + i * slot + slot * 0.15
        if value is None:
            bars.append(Bar(x, baseline - 2, slot * 0.7, 2, f"{label}: none", empty=True))
            continue
        h = plot_h * (value / maximum) if maximum else 0
        text = f"{label}: {round(value * 100)}%" if unit == "%" else f"{label}: {value:g}"
        bars.append(Bar(x, baseline - h, slot * 0.7, h, text))
    gridlines = []
    # Counts get whole-number lines only; shares get a line at half way too.
    fractions = (0, 0.5, 1) if unit == "%" or maximum % 2 == 0 else (0, 1)
    for fraction in fractions:
        y = baseline - plot_h * fraction
        value = maximum * fraction
        gridlines.append((y, f"{round(value * 100)}%" if unit == "%" else f"{value:g}"))
    step = max(1, len(labels) // 6)
    x_labels = [(PAD_LEFT + i * slot + slot / 2, labels[i]) for i in range(0, len(labels), step)]
    return BarChart(WIDTH, HEIGHT, bars, baseline, gridlines, x_labels)


def accuracy_chart(days) -> BarChart:
    """Daily accuracy (share of reviews not rated Again) over the given DayAccuracy list."""
    return bar_chart(
        [d.accuracy for d in days], [d.day.strftime("%d %b") for d in days], maximum=1, unit="%"
    )


def due_chart(days) -> BarChart:
    """Reviews due per day over the given DayDue list."""
    peak = max((d.count for d in days), default=0)
    return bar_chart(
        [d.count for d in days], [d.day.strftime("%a %d") for d in days], maximum=max(peak, 1)
    )
