"""The house's one-way layers stay one-way.

Bottom to top: ops and accounts, content, study, classes, teach and api; a module imports
its own layer or lower ones. The import-linter contracts in pyproject.toml check the
layers and that the app never imports the benchmarks; the tests over `ast` below also
read imports made inside functions, and check that no module imports another's
`_private` name and that no modules import each other in a cycle.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(*contracts: str) -> subprocess.CompletedProcess:
    args = [str(LINT_IMPORTS), "--no-cache", "--no-logo"]
    args += [arg for contract in contracts for arg in ("--contract", contract)]
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize("contract", ["layers", "no-benchmarks", "generation-stands-alone"])
def test_import_contract_is_kept(contract):
    done = lint_imports(contract)
    assert done.returncode == 0, done.stdout + done.stderr


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {
    module_name(path): path
    for folder in ("quizapp", "benchmarks", "tests")
    for path in (ROOT / folder).rglob("*.py")
}


def imports_of(module: str) -> list[tuple[str, str | None, int]]:
    """(imported module, imported name or None, line) for every import in `module`, at any
    depth (inside functions too); relative imports resolved."""
    path = MODULES[module]
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, None, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package[: len(package) - (node.level - 1)]
                base = ".".join(up + ([node.module] if node.module else []))
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if submodule in MODULES:
                    found.append((submodule, None, node.lineno))
                else:
                    found.append((base, alias.name, node.lineno))
    return found


def private_imports() -> list[str]:
    """Each import of another module's `_private` name, as "importer:line name"."""
    return [
        f"{module}:{line} imports {target}.{name}"
        for module in MODULES
        for target, name, line in imports_of(module)
        if name and name.startswith("_") and not name.startswith("__") and target != module
    ]


def test_no_module_imports_another_modules_private_name():
    found = private_imports()
    assert found == [], "make the name public where it is shared, or move it:\n" + "\n".join(found)


def test_nothing_under_quizapp_imports_the_benchmarks():
    found = [
        f"{module}:{line} imports {target}"
        for module in MODULES
        if module.startswith("quizapp")
        for target, _name, line in imports_of(module)
        if target == "benchmarks" or target.startswith("benchmarks.")
    ]
    assert found == []


def import_cycles() -> list[list[str]]:
    """Groups of quizapp modules that import each other, directly or through others."""
    graph = defaultdict(set)
    for module in MODULES:
        if module.startswith("quizapp"):
            for target, _name, _line in imports_of(module):
                if target in MODULES and target != module and target.startswith("quizapp"):
                    graph[module].add(target)
    # Tarjan's strongly connected components.
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for module in list(graph):
        if module not in index:
            visit(module)
    return cycles


def test_no_import_cycles():
    assert import_cycles() == []
