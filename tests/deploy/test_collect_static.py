"""deploy/collect_static.sh works from any environment: BIN alone names the interpreter.

The script runs in a copy of the project (so the real staticfiles/ and var/ stay as they
are) with BIN naming a virtualenv made here, which has no `.venv` beside the project.
"""

import os
import secrets
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The parts of the project collectstatic reads, copied; no .venv folder."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("deploy", "static"):
        shutil.copytree(ROOT / name, copy / name)
    shutil.copy2(ROOT / "manage.py", copy / "manage.py")
    shutil.copytree(
        ROOT / "quizapp", copy / "quizapp", ignore=shutil.ignore_patterns("__pycache__", "tests")
    )
    # The production settings with hashed names but without the gzip and brotli copies,
    # which take a minute on their own and have nothing to do with where files are written.
    (copy / "quizapp" / "settings" / "collect_check.py").write_text(
        "from .production import *  # noqa: F403\n"
        "STORAGES = {**STORAGES, 'staticfiles': {'BACKEND': "  # noqa: F405
        "'django.contrib.staticfiles.storage.ManifestStaticFilesStorage'}}\n"
    )
    return copy


@pytest.fixture
def other_env(tmp_path: Path) -> Path:
    """A virtualenv outside the project that sees this interpreter's packages."""
    env = tmp_path / "elsewhere"
    venv.create(env, with_pip=False)
    site = next((env / "lib").glob("python*/site-packages"))
    here = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    (site / "this_interpreter.pth").write_text("\n".join(here) + "\n")
    return env


def _files(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*")}


def _collect(project: Path, bin_dir: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "BIN": str(bin_dir),
        "DJANGO_SETTINGS_MODULE": "quizapp.settings.collect_check",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused",
        "REDIS_URL": "redis://127.0.0.1:6379/9",
        "SECRET_KEY": secrets.token_urlsafe(64),
    }
    return subprocess.run(
        [str(project / "deploy" / "collect_static.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_collect_static_with_bin_naming_another_virtualenv(project, other_env):
    env_files = _files(other_env)

    first = _collect(project, other_env / "bin")

    assert first.returncode == 0, first.stderr
    assert "Collecting static files" in first.stdout
    assert (project / "staticfiles" / "staticfiles.json").is_file()
    assert (project / "var" / "static-fingerprint").is_file()
    assert not (project / ".venv").exists()
    assert _files(other_env) == env_files

    # Nothing changed since: the stamp in var/ lets the second run skip the work.
    second = _collect(project, other_env / "bin")

    assert second.returncode == 0, second.stderr
    assert "Collecting static files" not in second.stdout
    assert not (project / ".venv").exists()
