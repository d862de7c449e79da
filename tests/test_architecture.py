"""The layer rules of DESIGN.md §1, checked by import-linter on every test run."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_are_kept():
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    result = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


# --- import cycles -------------------------------------------------------------------------------

PACKAGE = ROOT / "reception_desk"


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imported(tree: ast.Module, module: str, is_package: bool, known: set[str]) -> set[str]:
    """Modules of ``known`` that ``module`` imports anywhere (functions included), except under
    ``if TYPE_CHECKING:``. ``from a import b`` counts as importing ``a.b`` when that is a module,
    else ``a``."""
    found: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                name = alias.name
                while name and name not in known:
                    name = name.rpartition(".")[0]
                if name:
                    found.add(name)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                if f"{base}.{alias.name}" in known:
                    found.add(f"{base}.{alias.name}")
                elif base in known:
                    found.add(base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    found.discard(module)
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module → the modules of the same tree it imports (module level or deferred)."""
    files = {_module_name(p, root): p for p in root.rglob("*.py")}
    known = set(files)
    return {
        name: _imported(ast.parse(path.read_text(encoding="utf-8")), name,
                        path.name == "__init__.py", known)
        for name, path in files.items()
    }


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return cycles


def test_no_import_cycle_between_modules():
    graph = import_graph(PACKAGE)
    assert "reception_desk.services.desk" in graph
    assert import_cycles(graph) == []


def test_the_cycle_check_finds_a_cycle_through_a_deferred_import(tmp_path: Path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pkg import b\n")
    (pkg / "b.py").write_text("def f():\n    from pkg.c import g\n    return g\n")
    (pkg / "c.py").write_text("from . import a\n")
    (pkg / "d.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                              "    from pkg import a\n")
    (pkg / "e.py").write_text("import pkg.d\n")
    graph = import_graph(pkg)
    assert graph["pkg.d"] == set()  # an import for the type checker only is not a cycle
    assert graph["pkg.e"] == {"pkg.d"}
    assert import_cycles(graph) == [["pkg.a", "pkg.b", "pkg.c"]]


# --- SQL lives in storage ------------------------------------------------------------------------

SERVICES = PACKAGE / "services"
#: What builds or runs a statement; ``session.get/add/delete/flush`` stay (the unit of work).
_SQL_CALLS = {"select", "text", "insert", "update", "delete", "exists"}
_SQL_RUNS = {"execute", "scalars", "scalar", "exec_driver_sql", "connection"}
_SQL_CLAUSES = {"where", "order_by", "group_by", "returning", "on_conflict_do_update"}


def sql_in(source: str) -> list[str]:
    """What in a services module is SQL of its own: a statement built or run, ``select(`` in
    the text, or any SQLAlchemy/SQLModel import but the ``Session`` type (type-checking imports
    aside)."""
    found = [f"line {n}: select(" for n, line in enumerate(source.splitlines(), 1)
             if "select(" in line]

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in (
                "sqlalchemy", "sqlmodel"):
            names = {a.name for a in node.names}
            if (node.module, names) != ("sqlalchemy.orm", {"Session"}):
                found.append(f"line {node.lineno}: from {node.module} import {sorted(names)}")
        elif isinstance(node, ast.Import) and any(
                a.name.split(".")[0] in ("sqlalchemy", "sqlmodel") for a in node.names):
            found.append(f"line {node.lineno}: import sqlalchemy")
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in _SQL_CALLS:
                found.append(f"line {node.lineno}: {func.id}(…)")
            elif isinstance(func, ast.Attribute) and (
                    func.attr in _SQL_RUNS or func.attr in _SQL_CLAUSES
                    or (func.attr == "values" and (node.args or node.keywords))):
                found.append(f"line {node.lineno}: .{func.attr}(…)")
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return found


def test_services_hold_no_sql_of_their_own():
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in sorted(SERVICES.rglob("*.py"))
        if (found := sql_in(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_sql_check_finds_statements_and_sql_imports():
    clean = ("from typing import TYPE_CHECKING\nfrom sqlalchemy.orm import Session\n"
             "if TYPE_CHECKING:\n    from sqlalchemy import Table\n"
             "def f(session: Session, row):\n    session.add(row)\n    session.delete(row)\n"
             "    return session.get(type(row), 1)\n")
    assert sql_in(clean) == []
    dirty = ("from sqlalchemy import func\nfrom sqlmodel import col\n"
             "def f(session, model):\n"
             "    n = session.scalar(select(func.count()).select_from(model))\n"
             "    session.execute(text('DELETE FROM visit'))\n"
             "    return model.__table__.update().values(n=n)\n")
    found = sql_in(dirty)
    assert len(found) == 8, found
    assert any(".values(" in f for f in found) and any(".execute(" in f for f in found)


# --- file size -----------------------------------------------------------------------------------

#: DESIGN.md §8 and issue 9: a module past this has more than one job and is split.
MAX_LINES = 800


def long_files(root: Path, limit: int = MAX_LINES) -> dict[str, int]:
    counts = {
        str(path.relative_to(root.parent)): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted(root.rglob("*.py"))
    }
    return {name: n for name, n in counts.items() if n > limit}


def test_no_module_runs_past_800_lines():
    assert long_files(PACKAGE) == {}


def test_the_size_check_finds_a_long_file(tmp_path: Path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "short.py").write_text("x = 1\n" * 10, encoding="utf-8")
    (package / "long.py").write_text("x = 1\n" * 11, encoding="utf-8")
    assert long_files(package, limit=10) == {"pkg/long.py": 11}
