"""Live sits at the top beside teach and api: the layers below never import it."""

import re
from pathlib import Path

APP_ROOT = Path(__file__).resolve().parents[2]
BELOW = ["accounts", "ops", "content", "study", "classes"]
IMPORTS_LIVE = re.compile(r"^\s*(from|import)\s+quizapp\.live\b", re.M)


def test_no_lower_layer_imports_live():
    offenders = [
        str(path.relative_to(APP_ROOT))
        for app in BELOW
        for path in (APP_ROOT / app).rglob("*.py")
        if IMPORTS_LIVE.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
