"""A copy of the project without `.venv`, and a virtualenv outside it, for the deploy scripts."""

import secrets
import shutil
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The parts of the project the deploy scripts and the pages read, copied; no .venv folder.

    Its settings add `quizapp.settings.collect_check`: the production settings with hashed
    static names but without the gzip and brotli copies, which take a minute on their own
    and have nothing to do with where files are written.
    """
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("deploy", "static", "templates"):
        shutil.copytree(ROOT / name, copy / name)
    shutil.copy2(ROOT / "manage.py", copy / "manage.py")
    shutil.copytree(
        ROOT / "quizapp", copy / "quizapp", ignore=shutil.ignore_patterns("__pycache__", "tests")
    )
    (copy / "quizapp" / "settings" / "collect_check.py").write_text(
        "from .production import *  # noqa: F403\n"
        "STORAGES = {**STORAGES, 'staticfiles': {'BACKEND': "  # noqa: F405
        "'django.contrib.staticfiles.storage.ManifestStaticFilesStorage'}}\n"
    )
    return copy


@pytest.fixture
def other_env(tmp_path: Path) -> Path:
    """A virtualenv outside the project that sees this interpreter's packages, with a
    `gunicorn` script as pip would install it."""
    env = tmp_path / "elsewhere"
    venv.create(env, with_pip=False)
    site = next((env / "lib").glob("python*/site-packages"))
    here = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    (site / "this_interpreter.pth").write_text("\n".join(here) + "\n")
    gunicorn = env / "bin" / "gunicorn"
    gunicorn.write_text(
        f"#!{env / 'bin' / 'python'}\n"
        "import sys\nfrom gunicorn.app.wsgiapp import run\nsys.exit(run())\n"
    )
    gunicorn.chmod(0o755)
    return env


@pytest.fixture
def production_env() -> dict[str, str]:
    """What the production settings require, pointing at nothing the test relies on."""
    return {
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused",
        "REDIS_URL": "redis://127.0.0.1:6379/9",
        "SECRET_KEY": secrets.token_urlsafe(64),
    }


def files_under(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*")}
