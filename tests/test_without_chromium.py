"""`make test` on a machine without Chromium: browser tests skip with one line saying why."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSER_TEST = "tests/browser/test_student.py"


def run_pytest(**env):
    return subprocess.run(
        [sys.executable, "-m", "pytest", BROWSER_TEST, "-q"],
        cwd=ROOT,
        env={**os.environ, "QUIZAPP_CHROMIUM": "/nonexistent/chromium", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_browser_tests_skip_without_chromium_and_say_how_to_get_it():
    done = run_pytest(QUIZAPP_REQUIRE_BROWSER="")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 skipped" in done.stdout
    hints = [line for line in done.stdout.splitlines() if "apt-get install chromium" in line]
    assert hints == [
        "Browser tests skipped: /nonexistent/chromium is missing; "
        "run `apt-get install chromium` (as root) to run them."
    ]


def test_ci_fails_without_chromium():
    done = run_pytest(QUIZAPP_REQUIRE_BROWSER="1")
    assert done.returncode != 0
    assert "apt-get install chromium" in done.stdout + done.stderr
