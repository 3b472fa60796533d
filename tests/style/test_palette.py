"""The palette in static/css/app.css meets WCAG 2.1 AA, in the light and the dark scheme.

axe checks the text it finds on a page; this checks every pair the stylesheet combines,
including the non-text ones axe does not measure: control borders and the focus ring
need 3:1 against the page (WCAG 1.4.11).
"""

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "app.css"

TEXT = 4.5
NON_TEXT = 3.0
# (foreground, background, minimum ratio)
PAIRS = [
    *[
        (fg, bg, TEXT)
        for fg in ("fg", "muted", "accent", "good", "bad", "warn")
        for bg in ("bg", "panel")
    ],
    *[(fg, "flagged", TEXT) for fg in ("fg", "muted", "accent", "good", "bad", "warn")],
    ("fg", "mark", TEXT),
    ("on-accent", "accent", TEXT),
    ("control", "bg", NON_TEXT),
    ("control", "panel", NON_TEXT),
    ("focus", "bg", NON_TEXT),
    ("focus", "panel", NON_TEXT),
]


def palettes() -> dict[str, dict[str, str]]:
    """The custom properties of the first :root block (light) and of the dark-scheme block."""
    css = CSS.read_text()
    light = re.search(r":root\s*\{(.*?)\}", css, re.S).group(1)
    dark = re.search(r"prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{(.*?)\}", css, re.S).group(1)

    def props(block):
        return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{3,6})", block))

    return {"light": props(light), "dark": props(dark)}


def luminance(colour: str) -> float:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#777", "#fff") == pytest.approx(4.48, abs=0.01)


def test_dark_scheme_swaps_every_colour():
    both = palettes()
    assert both["light"].keys() == both["dark"].keys()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("fg", "bg", "minimum"), PAIRS)
def test_pair_meets_aa(scheme, fg, bg, minimum):
    palette = palettes()[scheme]
    ratio = contrast(palette[fg], palette[bg])
    assert ratio >= minimum, f"{scheme}: --{fg} on --{bg} is {ratio:.2f}:1, needs {minimum}:1"
