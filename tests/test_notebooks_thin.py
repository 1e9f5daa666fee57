"""Notebooks are thin: parameters, a call or two into their chapter, glue and show; the logic lives in helpers.chapters."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
MAX_CELL_LINES = 10
#: what a notebook may import: the book's notebook helpers and its chapter
ALLOWED_IMPORTS = ("helpers.book.notebook", "helpers.chapters")
#: names a notebook may call besides its chapter (the book's notebook helpers and display)
BOOK_CALLS = {"start", "glue", "show", "display", "findings"}
FORBIDDEN_NODES = (ast.For, ast.While, ast.ListComp, ast.DictComp, ast.SetComp, ast.GeneratorExp, ast.Lambda,
                   ast.FunctionDef, ast.ClassDef, ast.If, ast.IfExp, ast.Try, ast.With)


def _code_cells(path: Path) -> list[tuple[int, list[str], str]]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [(i, c.get("metadata", {}).get("tags", []), "".join(c["source"])) for i, c in enumerate(cells) if c["cell_type"] == "code"]


def check_notebook(path: Path) -> list[str]:
    """Every rule a notebook breaks, one line each (empty: the notebook is thin)."""
    problems: list[str] = []
    chapter_modules: set[str] = set()
    chapter_calls = 0
    for i, tags, code in _code_cells(path):
        if "parameters" in tags:
            tree = ast.parse(code)
            if not all(isinstance(node, ast.Assign) for node in tree.body):
                problems.append(f"cell {i}: the parameters cell holds only assignments")
            continue
        lines = [line for line in code.splitlines() if line.strip() and not line.lstrip().startswith("#")]
        if len(lines) > MAX_CELL_LINES:
            problems.append(f"cell {i}: {len(lines)} lines (at most {MAX_CELL_LINES})")
        tree = ast.parse(code)
        for node in ast.walk(tree):
            if isinstance(node, FORBIDDEN_NODES):
                problems.append(f"cell {i} line {node.lineno}: {type(node).__name__} (logic belongs in helpers.chapters)")
            elif isinstance(node, ast.Import):
                problems.append(f"cell {i} line {node.lineno}: import {', '.join(a.name for a in node.names)}")
            elif isinstance(node, ast.ImportFrom):
                module = node.module or ""
                if not module.startswith(ALLOWED_IMPORTS):
                    problems.append(f"cell {i} line {node.lineno}: from {module} import ... (import only the chapter and helpers.book.notebook)")
                elif module.startswith("helpers.chapters"):
                    chapter_modules |= {a.asname or a.name for a in node.names}
            elif isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in chapter_modules:
                    chapter_calls += 1
                elif isinstance(func, ast.Name) and func.id not in BOOK_CALLS and func.id not in chapter_modules:
                    problems.append(f"cell {i} line {node.lineno}: call to {func.id}()")
    if chapter_calls > 2:
        problems.append(f"{chapter_calls} calls into the chapter (at most two: build the page, then show its parts)")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_thin(path: Path):
    assert check_notebook(path) == []


def test_the_check_catches_logic(tmp_path):
    nb = {"cells": [
        {"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": ["x = 1\n"]},
        {"cell_type": "code", "metadata": {}, "source": ["import altair as alt\n", "from helpers.chapters import overview\n",
                                                         "for k in range(3):\n", "    overview.a()\n", "overview.b()\n", "overview.c()\n"]},
    ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "fat.ipynb"
    path.write_text(json.dumps(nb))
    problems = check_notebook(path)
    assert any("import altair" in p for p in problems)
    assert any("For" in p for p in problems)
    assert any("calls into the chapter" in p for p in problems)
