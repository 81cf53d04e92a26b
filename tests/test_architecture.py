"""The layers stay where DESIGN.md puts them: Qt only in app/ui, SQL only in app/store."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def modules_outside(folder: str) -> list[Path]:
    return [path for path in APP.rglob("*.py") if folder not in path.relative_to(APP).parts[:1]]


def test_only_app_ui_imports_qt_even_lazily() -> None:
    offenders = [path for path in modules_outside("ui") if "PySide6" in imported_roots(path)]
    assert offenders == []


def test_only_app_store_speaks_sql() -> None:
    offenders = [
        path
        for path in modules_outside("store")
        if imported_roots(path) & {"sqlite3", "sqlite_utils"}
    ]
    assert offenders == []


def test_import_linter_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=APP.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_package_under_app_is_listed_for_installation() -> None:
    import tomllib

    config = tomllib.loads((APP.parent / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(APP.parent).parts) for init in APP.rglob("__init__.py")
    }
    assert on_disk - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
