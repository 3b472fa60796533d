"""deploy/collect_static.sh works from any environment: BIN alone names the interpreter.

The script runs in a copy of the project (so the real staticfiles/ and var/ stay as they
are) with BIN naming a virtualenv made here, and no `.venv` beside the project.
"""

import os
import subprocess
from pathlib import Path

from .conftest import files_under


def collect(project: Path, bin_dir: Path, production_env: dict) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        **production_env,
        "BIN": str(bin_dir),
        "DJANGO_SETTINGS_MODULE": "quizapp.settings.collect_check",
    }
    return subprocess.run(
        [str(project / "deploy" / "collect_static.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_collect_static_with_bin_naming_another_virtualenv(project, other_env, production_env):
    env_files = files_under(other_env)

    first = collect(project, other_env / "bin", production_env)

    assert first.returncode == 0, first.stderr
    assert "Collecting static files" in first.stdout
    assert (project / "staticfiles" / "staticfiles.json").is_file()
    assert (project / "var" / "static-fingerprint").is_file()
    assert not (project / ".venv").exists()
    assert files_under(other_env) == env_files

    # Nothing changed since: the stamp in var/ lets the second run skip the work.
    second = collect(project, other_env / "bin", production_env)

    assert second.returncode == 0, second.stderr
    assert "Collecting static files" not in second.stdout
    assert not (project / ".venv").exists()
