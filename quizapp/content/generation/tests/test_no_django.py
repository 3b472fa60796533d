"""Generation reads no Django: every module imports in a fresh interpreter without it."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import quizapp.content.generation as generation

ROOT = Path(__file__).resolve().parents[4]


def modules() -> list[str]:
    return sorted(
        f"{generation.__name__}.{m.name}"
        for m in pkgutil.iter_modules(generation.__path__)
        if m.name != "tests"
    )


def test_the_package_has_the_modules_it_is_split_into():
    names = {name.rsplit(".", 1)[1] for name in modules()}
    assert {"analysis", "candidates", "pipeline", "rules", "selection", "training"} <= names


def test_every_generation_module_imports_without_django():
    script = (
        "import importlib, sys\n"
        f"for name in {modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(len(sys.modules))\n"
        "assert not loaded, loaded\n"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}  # no DJANGO_SETTINGS_MODULE
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) > 0
